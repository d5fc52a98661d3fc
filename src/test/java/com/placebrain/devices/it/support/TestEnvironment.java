package com.placebrain.devices.it.support;

import java.io.File;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import redis.clients.jedis.JedisPooled;

/** Where the server under test and its dependencies are, as set by the failsafe configuration. */
public final class TestEnvironment {

    public static final String DB = System.getProperty("it.db.name", "devices_test");
    public static final int GRPC_PORT = Integer.getInteger("it.grpc.port", 50063);
    public static final int HTTP_PORT = Integer.getInteger("it.http.port", 9089);
    public static final String REDIS_HOST = System.getProperty("it.redis.host", "127.0.0.1");
    public static final int REDIS_PORT = Integer.getInteger("it.redis.port", 6379);

    private TestEnvironment() {
    }

    /** The application exactly as built, under a name of its own so it never clashes with apps/. */
    public static WebArchive application() {
        WebArchive built = ShrinkWrap.createFromZipFile(WebArchive.class,
                new File(System.getProperty("it.war", "target/devices.war")));
        return ShrinkWrap.create(WebArchive.class, "devices-it.war").merge(built);
    }

    /** A client of the Redis the server under test uses (database 0); the caller closes it. */
    public static JedisPooled redis() {
        return new JedisPooled(REDIS_HOST, REDIS_PORT);
    }

    /** Runs a command and fails with its output if it does not succeed. */
    public static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    /** Stops the local PostgreSQL cluster at once (fast: open sessions are ended); {@link #stackUp} starts it again. */
    public static void stopPostgres() throws IOException, InterruptedException {
        String cluster = Objects.requireNonNull(new File("/etc/postgresql").list())[0];
        run("pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "stop", "-m", "fast");
    }

    public static void stackUp() throws IOException, InterruptedException {
        run("bash", System.getProperty("it.stack.script", "scripts/stack.sh"), "up");
    }
}
