package network.ohc.caresync.application.write;

/** The result of one write of a batch: its outcome, or why it was refused (nothing stored for it). */
public record BatchItemResult(int index, String id, HandOverOutcome outcome, HandOverRejected rejection) {
}
