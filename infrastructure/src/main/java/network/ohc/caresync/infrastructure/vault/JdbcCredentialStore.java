package network.ohc.caresync.infrastructure.vault;

import network.ohc.caresync.application.auth.CredentialStore;
import network.ohc.caresync.application.auth.StoredCredential;
import network.ohc.caresync.application.json.StorableText;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Credentials in PostgreSQL, tokens encrypted; changes to one user's credential are serialized by a row lock. */
public class JdbcCredentialStore implements CredentialStore {

    /** The width of the name columns: the names are CARE's, stored made to fit (see StorableText). */
    private static final int NAME_WIDTH = 150;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final TokenCipher cipher;
    private final Clock clock;

    public JdbcCredentialStore(NamedParameterJdbcTemplate jdbc, TransactionTemplate transactions, TokenCipher cipher,
                               Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.cipher = cipher;
        this.clock = clock;
    }

    @Override
    public Optional<StoredCredential> find(String userId) {
        return jdbc.query("SELECT * FROM care_credential WHERE user_id = :id", Map.of("id", userId), row())
                .stream().findFirst();
    }

    @Override
    public Optional<StoredCredential> findByUsername(String username) {
        return jdbc.query("SELECT * FROM care_credential WHERE lower(username) = lower(:name)",
                Map.of("name", username), row()).stream().findFirst();
    }

    @Override
    public void save(StoredCredential c) {
        transactions.executeWithoutResult(status -> {
            // a username moves with its CARE account: drop a stale row holding the name under another id
            jdbc.update("DELETE FROM care_credential WHERE lower(username) = lower(:name) AND user_id <> :id",
                    Map.of("name", c.username(), "id", c.userId()));
            jdbc.update("""
                    INSERT INTO care_credential (user_id, username, first_name, last_name, password_hash, access_token,
                        access_expires_at, refresh_token, refresh_expires_at, needs_sign_in, updated_at)
                    VALUES (:id, :name, :first, :last, :hash, :access, :accessExp, :refresh, :refreshExp, :needs,
                        :now)
                    ON CONFLICT (user_id) DO UPDATE SET username = EXCLUDED.username,
                        first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name,
                        password_hash = EXCLUDED.password_hash, access_token = EXCLUDED.access_token,
                        access_expires_at = EXCLUDED.access_expires_at, refresh_token = EXCLUDED.refresh_token,
                        refresh_expires_at = EXCLUDED.refresh_expires_at, needs_sign_in = EXCLUDED.needs_sign_in,
                        updated_at = EXCLUDED.updated_at
                    """, params(c));
        });
    }

    @Override
    public Optional<StoredCredential> update(String userId, UnaryOperator<StoredCredential> change) {
        return transactions.execute(status -> {
            Optional<StoredCredential> current = jdbc.query(
                    "SELECT * FROM care_credential WHERE user_id = :id FOR UPDATE", Map.of("id", userId), row())
                    .stream().findFirst();
            if (current.isEmpty()) {
                return Optional.<StoredCredential>empty();
            }
            StoredCredential changed = change.apply(current.get());
            if (changed != current.get()) {
                jdbc.update("""
                        UPDATE care_credential SET access_token = :access, access_expires_at = :accessExp,
                            refresh_token = :refresh, refresh_expires_at = :refreshExp, needs_sign_in = :needs,
                            updated_at = :now
                        WHERE user_id = :id
                        """, params(changed));
            }
            return Optional.of(changed);
        });
    }

    private MapSqlParameterSource params(StoredCredential c) {
        return new MapSqlParameterSource()
                .addValue("id", c.userId()).addValue("name", c.username()).addValue("first", StorableText.storable(c.firstName(), NAME_WIDTH))
                .addValue("last", StorableText.storable(c.lastName(), NAME_WIDTH)).addValue("hash", c.passwordHash())
                .addValue("access", cipher.encrypt(c.accessToken())).addValue("accessExp", ts(c.accessExpiresAt()))
                .addValue("refresh", cipher.encrypt(c.refreshToken()))
                .addValue("refreshExp", ts(c.refreshExpiresAt())).addValue("needs", c.needsSignIn())
                .addValue("now", Timestamp.from(clock.instant()));
    }

    private RowMapper<StoredCredential> row() {
        return (ResultSet rs, int n) -> new StoredCredential(rs.getString("user_id"), rs.getString("username"),
                rs.getString("first_name"), rs.getString("last_name"), rs.getString("password_hash"),
                cipher.decrypt(rs.getString("access_token")), instant(rs, "access_expires_at"),
                cipher.decrypt(rs.getString("refresh_token")), instant(rs, "refresh_expires_at"),
                rs.getBoolean("needs_sign_in"));
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
