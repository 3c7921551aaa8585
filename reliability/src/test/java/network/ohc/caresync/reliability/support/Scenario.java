package network.ohc.caresync.reliability.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One scenario of the suite: a database of its own, the simulator reset, nodes started on demand, a seeded random
 * source (the seed is in the figures, to replay a failure) and the figures it reports.
 */
public final class Scenario implements AutoCloseable {

    private final String name;
    private final Suite suite;
    private final List<CareSyncNode> nodes = new ArrayList<>();
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final Random random;
    private final Instant started = Instant.now();
    private int passed;

    private Scenario(String name) {
        this.name = name;
        this.suite = Suite.get();
        long seed = Long.getLong("reliability.seed", System.nanoTime());
        this.random = new Random(seed);
        figures.put("seed", seed);
        if (!suite.database().isRunning()) {
            suite.database().start();
        }
        suite.database().create(name);
        suite.simulator().reset();
    }

    /** Starts a scenario; {@code name} is also its database's name (lower case, no spaces). */
    public static Scenario begin(String name) {
        return new Scenario(name);
    }

    public String name() {
        return name;
    }

    public Suite suite() {
        return suite;
    }

    public Simulator simulator() {
        return suite.simulator();
    }

    public Database database() {
        return suite.database();
    }

    public Random random() {
        return random;
    }

    public CareSyncNode node(String nodeName) {
        return node(nodeName, Map.of());
    }

    public CareSyncNode node(String nodeName, Map<String, String> overrides) {
        CareSyncNode node = suite.node(name, nodeName, overrides);
        nodes.add(node);
        return node;
    }

    /** Signs the users in through care-sync. */
    public List<Api.Session> signIn(Api api, List<String> usernames) {
        return usernames.stream().map(api::login).toList();
    }

    public void figure(String key, Object value) {
        figures.put(key, value);
    }

    public void figures(Map<String, Object> more) {
        figures.putAll(more);
    }

    /** Counts a test of the scenario whose checks all passed (the figures say how many). */
    public synchronized void passed() {
        passed++;
    }

    /** Rows of a query on the scenario's database. */
    public List<Map<String, Object>> sql(String query, Object... args) {
        return sql(database(), name, query, args);
    }

    static List<Map<String, Object>> sql(Database database, String name, String query, Object... args) {
        try (java.sql.Connection c = database.connect(name);
             java.sql.PreparedStatement s = c.prepareStatement(query)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof String[] array) {
                    s.setArray(i + 1, c.createArrayOf("varchar", array));
                } else {
                    s.setObject(i + 1, args[i]);
                }
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (java.sql.ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }

    /** A new ledger for this scenario's writes, which explains a failure with the database's state. */
    public Ledger ledger() {
        return new Ledger().diagnostics(this::diagnostics);
    }

    /** The state of the scenario's database that explains a stuck write: processors, gaps, leases, dead letters. */
    public String diagnostics() {
        StringBuilder out = new StringBuilder("database " + name + ":");
        try (java.sql.Connection c = database().connect(name); java.sql.Statement s = c.createStatement()) {
            query(s, out, "tokens", "SELECT processorname, segment, owner, timestamp, "
                    + "left(convert_from(token, 'UTF8'), 200) FROM tokenentry ORDER BY processorname, segment");
            query(s, out, "leases", "SELECT sync_partition, owner, lease_until FROM sync_lease ORDER BY 1");
            query(s, out, "nodes", "SELECT * FROM sync_node");
            query(s, out, "dead letters", "SELECT processinggroup, sequenceidentifier, causetype, causemessage "
                    + "FROM deadletterentry LIMIT 20");
            query(s, out, "views", "SELECT status, block_reason, count(*) FROM write_view GROUP BY 1, 2");
            query(s, out, "deadlines", "SELECT task_name, execution_time, picked, picked_by FROM scheduled_tasks "
                    + "ORDER BY execution_time LIMIT 20");
        } catch (java.sql.SQLException e) {
            out.append(" (cannot read it: ").append(e.getMessage()).append(")");
        }
        return out.toString();
    }

    private static void query(java.sql.Statement s, StringBuilder out, String title, String sql) {
        out.append("\n  ").append(title).append(":");
        try (java.sql.ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                out.append("\n    ");
                for (int i = 1; i <= columns; i++) {
                    out.append(i > 1 ? " | " : "").append(rs.getString(i));
                }
            }
        } catch (java.sql.SQLException e) {
            out.append(" (").append(e.getMessage()).append(")");
        }
    }

    public List<CareSyncNode> nodes() {
        return nodes;
    }

    @Override
    public void close() {
        nodes.forEach(CareSyncNode::kill);
        figures.put("care-sync starts", nodes.stream().mapToInt(CareSyncNode::runs).sum());
        figures.put("seconds", Duration.between(started, Instant.now()).toSeconds());
        figures.put("tests passed", passed);
        suite.simulator().clearFaults();
        Results.record(name, figures);
    }
}
