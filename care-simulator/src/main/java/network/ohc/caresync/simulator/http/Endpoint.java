package network.ohc.caresync.simulator.http;

/** One CARE operation. Answers normally, or throws a {@link CareException}. */
@FunctionalInterface
public interface Endpoint {

    CareResponse handle(CareCall call);
}
