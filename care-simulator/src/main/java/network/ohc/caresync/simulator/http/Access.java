package network.ohc.caresync.simulator.http;

/** What a route needs around it. */
public enum Access {
    /** No token, no records (sign-in and tokens). */
    OPEN,
    /** A token; reads records. */
    READ,
    /** A token; changes records in a transaction. These are the "mutations" that faults and idempotency keys see. */
    WRITE
}
