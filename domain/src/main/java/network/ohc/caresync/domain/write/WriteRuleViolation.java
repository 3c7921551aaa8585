package network.ohc.caresync.domain.write;

/** A command the lifecycle of an offline write does not allow. Carries a stable code for the API. */
public class WriteRuleViolation extends RuntimeException {

    private final String code;
    private final String writeId;

    public WriteRuleViolation(String code, String writeId, String message) {
        super(message);
        this.code = code;
        this.writeId = writeId;
    }

    public String code() {
        return code;
    }

    public String writeId() {
        return writeId;
    }

    public static WriteRuleViolation idAlreadyUsed(String writeId) {
        return new WriteRuleViolation("write_id_in_use", writeId,
                "write " + writeId + " was already handed over with different content");
    }

    public static WriteRuleViolation notOwner(String writeId) {
        return new WriteRuleViolation("not_owner", writeId, "write " + writeId + " belongs to another user");
    }

    public static WriteRuleViolation illegalTransition(String writeId, WriteStatus status, String action) {
        return new WriteRuleViolation("illegal_transition", writeId,
                "cannot " + action + " write " + writeId + " while it is " + status.wireName());
    }

    public static WriteRuleViolation staleRevision(String writeId) {
        return new WriteRuleViolation("stale_revision", writeId,
                "write " + writeId + " changed since it was read; read it again");
    }
}
