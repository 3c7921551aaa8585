package network.ohc.caresync.application.view;

/** One write's view. */
public record FindWriteQuery(String writeId) {
}
