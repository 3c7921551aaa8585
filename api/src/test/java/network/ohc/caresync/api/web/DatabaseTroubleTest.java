package network.ohc.caresync.api.web;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/** What counts as "the database is down" (a 503) rather than a bug (a 500), as the reliability suite met them. */
class DatabaseTroubleTest {

    @Test
    void aPoolTimeoutWrappedAnyDepthIsTheDatabaseBeingDown() {
        Exception timeout = new SQLTransientConnectionException("HikariPool-1 - Connection is not available");
        assertThat(DatabaseTrouble.isDatabaseDown(new CompletionException(new CannotCreateTransactionException(
                "Could not open JDBC Connection for transaction", new CannotGetJdbcConnectionException("x",
                        (SQLException) timeout))))).isTrue();
    }

    @Test
    void aConnectionTheServerDroppedIsTheDatabaseBeingDown() {
        assertThat(DatabaseTrouble.isDatabaseDown(new RuntimeException("Failed to create a SQL statement",
                new SQLException("Connection is closed")))).isTrue();
        assertThat(DatabaseTrouble.isDatabaseDown(new SQLException("terminating connection due to administrator "
                + "command", "57P01"))).isTrue();
        assertThat(DatabaseTrouble.isDatabaseDown(new SQLException("An I/O error occurred", "08006"))).isTrue();
    }

    @Test
    void otherDatabaseErrorsAreNot() {
        assertThat(DatabaseTrouble.isDatabaseDown(new SQLException("duplicate key value", "23505"))).isFalse();
        assertThat(DatabaseTrouble.isDatabaseDown(new IllegalStateException("something else"))).isFalse();
    }
}
