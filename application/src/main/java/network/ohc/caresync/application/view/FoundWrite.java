package network.ohc.caresync.application.view;

/** The answer to {@link FindWriteQuery}: the view, or null when no such write is known. */
public record FoundWrite(WriteView view) {
}
