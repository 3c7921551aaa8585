package network.ohc.caresync.application.write;

/** One bad field of a request: where it is (e.g. {@code payload.gender}) and what is wrong, in words. */
public record FieldError(String field, String message) {
}
