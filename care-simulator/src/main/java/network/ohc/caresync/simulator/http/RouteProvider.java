package network.ohc.caresync.simulator.http;

/** A part of the CARE API; every bean of this type adds its routes to the {@link RouteTable}. */
public interface RouteProvider {

    void registerRoutes(Routes routes);
}
