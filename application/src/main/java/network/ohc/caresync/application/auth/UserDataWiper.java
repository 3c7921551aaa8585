package network.ohc.caresync.application.auth;

/** Something that holds a user's copies of upstream data and must forget them at logout or session expiry. */
@FunctionalInterface
public interface UserDataWiper {

    void wipe(String userId);
}
