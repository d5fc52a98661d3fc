package com.placebrain.devices.it;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.File;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Where the server under test and its dependencies are, as set by the failsafe configuration. */
public final class TestEnvironment {

    public static final String DB = System.getProperty("it.db.name", "devices_test");
    public static final int GRPC_PORT = Integer.getInteger("it.grpc.port", 50063);
    public static final int HTTP_PORT = Integer.getInteger("it.http.port", 9089);

    private TestEnvironment() {
    }

    /** The application exactly as built, under a name of its own so it never clashes with apps/. */
    public static WebArchive application() {
        WebArchive built = ShrinkWrap.createFromZipFile(WebArchive.class,
                new File(System.getProperty("it.war", "target/devices.war")));
        return ShrinkWrap.create(WebArchive.class, "devices-it.war").merge(built);
    }

    public static ManagedChannel grpcChannel() {
        return grpcChannelBuilder().build();
    }

    /** Plaintext, and otherwise grpc-java's defaults (retry on), as a client author would build it. */
    public static ManagedChannelBuilder<?> grpcChannelBuilder() {
        return grpcChannelBuilder(GRPC_PORT);
    }

    public static ManagedChannelBuilder<?> grpcChannelBuilder(int port) {
        return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext();
    }

    public static void close(ManagedChannel channel) throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    public static Connection database(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + name, "devices", "devices");
    }

    /** Columns this service adds to the Python tables (changesets 005, 006); the Python service ignores them. */
    public static final List<String> OUR_COLUMNS = List.of("status_reported_at", "token_verifier");

    /**
     * id → the row as the Python service sees it (every column but {@link #OUR_COLUMNS}), as text,
     * of every row of a table or only of the given ids: to compare a database with the fixture.
     */
    public static Map<String, String> pythonRowsById(Connection db, String table, List<String> ids) throws SQLException {
        String sql = "SELECT t.id::text, (to_jsonb(t) - ?::text[])::text FROM " + table + " t"
                + (ids == null ? "" : " WHERE t.id::text = ANY (?)");
        Map<String, String> rows = new TreeMap<>();
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setArray(1, db.createArrayOf("text", OUR_COLUMNS.toArray()));
            if (ids != null) {
                statement.setArray(2, db.createArrayOf("text", ids.toArray()));
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getString(2));
                }
            }
        }
        return rows;
    }

    /** Runs a command and fails with its output if it does not succeed. */
    public static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    public static void stackUp() throws IOException, InterruptedException {
        run("bash", System.getProperty("it.stack.script", "scripts/stack.sh"), "up");
    }
}
