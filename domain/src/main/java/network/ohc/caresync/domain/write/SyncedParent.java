package network.ohc.caresync.domain.write;

/**
 * A parent that was already created upstream when its child was handed over: its real id and the
 * {@code modified_date} its sync left, as its {@link Synced} (or applied {@link InDoubtReconciled}) event says.
 */
public record SyncedParent(String writeId, String realId, String modifiedDate) {
}
