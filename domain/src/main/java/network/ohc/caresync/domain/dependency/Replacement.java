package network.ohc.caresync.domain.dependency;

/** One place in a write where a temporary id was replaced: e.g. {@code payload.patient}, old and new value. */
public record Replacement(String field, String oldValue, String newValue) {
}
