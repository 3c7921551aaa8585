package network.ohc.caresync.application.auth;

import java.text.Normalizer;
import java.util.Locale;

/**
 * A username as wrong passwords are counted: compatibility-normalised, trimmed and in lower case, so that
 * "Nurse.Asha ", "nurse.asha" and a full-width spelling of it share one count (care-sync already treats usernames
 * case-insensitively).
 */
public final class UsernameKey {

    private UsernameKey() {
    }

    public static String of(String username) {
        return Normalizer.normalize(username, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
    }
}
