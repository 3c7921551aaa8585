package network.ohc.caresync.application.auth;

/** Port: a slow, salted password hash, for sign-in while CARE is unreachable. */
public interface PasswordHasher {

    String hash(String password);

    boolean matches(String password, String hash);
}
