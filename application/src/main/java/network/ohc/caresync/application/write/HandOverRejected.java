package network.ohc.caresync.application.write;

import java.util.List;

/** A hand-over that was refused before anything was stored. */
public class HandOverRejected extends RuntimeException {

    public enum Reason { INVALID, FORBIDDEN, TOO_LARGE, ID_IN_USE }

    private final Reason reason;
    private final List<FieldError> errors;

    public HandOverRejected(Reason reason, String message, List<FieldError> errors) {
        super(message);
        this.reason = reason;
        this.errors = List.copyOf(errors);
    }

    public static HandOverRejected invalid(List<FieldError> errors) {
        return new HandOverRejected(Reason.INVALID, "the write is not valid", errors);
    }

    public Reason reason() {
        return reason;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
