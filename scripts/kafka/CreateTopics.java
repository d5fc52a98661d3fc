import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Helper for scripts/stack.sh (single-file program: {@code java -cp 'libs/*' CreateTopics.java ...}).
 *
 * <pre>
 * CreateTopics [--bootstrap host:port] [--wait seconds] [--rf n] [--check-only] spec...
 *   spec = name:partitions[:key=value,key=value...]
 * </pre>
 *
 * Waits until the broker answers metadata (up to --wait seconds), then creates every missing
 * topic (if-not-exists). Existing topics are left alone; differences in partition count or in the
 * requested configs are reported as warnings. With --check-only nothing is created and the exit
 * code is 3 when a topic is missing. Exit codes: 0 ok, 1 error, 2 broker not ready in time.
 */
public class CreateTopics {

    record Spec(String name, int partitions, Map<String, String> configs) {
        static Spec parse(String s) {
            String[] p = s.split(":", 3);
            if (p.length < 2) throw new IllegalArgumentException("bad topic spec: " + s);
            Map<String, String> cfg = new LinkedHashMap<>();
            if (p.length == 3 && !p[2].isBlank()) {
                for (String kv : p[2].split(",")) {
                    int eq = kv.indexOf('=');
                    if (eq <= 0) throw new IllegalArgumentException("bad config '" + kv + "' in " + s);
                    cfg.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
                }
            }
            return new Spec(p[0], Integer.parseInt(p[1]), cfg);
        }
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = "127.0.0.1:9092";
        long waitSeconds = 60;
        short rf = 1;
        boolean checkOnly = false;
        List<Spec> specs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bootstrap" -> bootstrap = args[++i];
                case "--wait" -> waitSeconds = Long.parseLong(args[++i]);
                case "--rf" -> rf = Short.parseShort(args[++i]);
                case "--check-only" -> checkOnly = true;
                default -> specs.add(Spec.parse(args[i]));
            }
        }

        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "stack-create-topics");

        try (Admin admin = Admin.create(props)) {
            if (!waitReady(admin, waitSeconds)) {
                System.err.println("[stack] ERROR: Kafka at " + bootstrap + " did not answer metadata within "
                        + waitSeconds + " s");
                System.exit(2);
            }
            Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);

            List<NewTopic> toCreate = new ArrayList<>();
            List<Spec> present = new ArrayList<>();
            for (Spec s : specs) {
                if (existing.contains(s.name())) {
                    present.add(s);
                } else {
                    toCreate.add(new NewTopic(s.name(), s.partitions(), rf).configs(s.configs()));
                }
            }
            if (checkOnly) {
                for (NewTopic t : toCreate) System.out.println("[stack] kafka: topic missing: " + t.name());
                verify(admin, present);
                System.exit(toCreate.isEmpty() ? 0 : 3);
            }

            int failures = 0;
            if (!toCreate.isEmpty()) {
                Map<String, KafkaFuture<Void>> results =
                        admin.createTopics(toCreate, new CreateTopicsOptions().timeoutMs(15000)).values();
                for (NewTopic t : toCreate) {
                    try {
                        results.get(t.name()).get(20, TimeUnit.SECONDS);
                        System.out.println("[stack] kafka: created topic " + t.name() + " (partitions="
                                + t.numPartitions() + (t.configs().isEmpty() ? "" : ", " + t.configs()) + ")");
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof TopicExistsException) {
                            // created concurrently by someone else: fine (if-not-exists)
                            continue;
                        }
                        failures++;
                        System.err.println("[stack] ERROR: creating topic " + t.name() + ": " + e.getCause());
                    }
                }
            }
            verify(admin, present);
            System.out.println("[stack] kafka: topics ok (" + (specs.size() - toCreate.size()) + " present, "
                    + (toCreate.size() - failures) + " created)");
            System.exit(failures == 0 ? 0 : 1);
        }
    }

    /** Polls describeCluster until a broker answers or the deadline passes. */
    static boolean waitReady(Admin admin, long waitSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
        while (true) {
            try {
                if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) return true;
            } catch (Exception e) {
                // not ready yet
            }
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(250);
        }
    }

    /** Warns (does not change anything) when an existing topic differs from its spec. */
    static void verify(Admin admin, List<Spec> present) throws Exception {
        if (present.isEmpty()) return;
        List<String> names = present.stream().map(Spec::name).toList();
        Map<String, TopicDescription> desc =
                admin.describeTopics(names).allTopicNames().get(15, TimeUnit.SECONDS);
        List<ConfigResource> res = new ArrayList<>();
        for (String n : names) res.add(new ConfigResource(ConfigResource.Type.TOPIC, n));
        Map<ConfigResource, Config> cfgs = admin.describeConfigs(res).all().get(15, TimeUnit.SECONDS);
        Map<String, Config> byName = new HashMap<>();
        cfgs.forEach((r, c) -> byName.put(r.name(), c));
        for (Spec s : present) {
            int parts = desc.get(s.name()).partitions().size();
            if (parts != s.partitions()) {
                System.err.println("[stack] WARN: topic " + s.name() + " has " + parts + " partitions, expected "
                        + s.partitions() + " (left unchanged)");
            }
            Config c = byName.get(s.name());
            for (Map.Entry<String, String> e : s.configs().entrySet()) {
                ConfigEntry ce = c == null ? null : c.get(e.getKey());
                String actual = ce == null ? null : ce.value();
                if (!e.getValue().equals(actual)) {
                    System.err.println("[stack] WARN: topic " + s.name() + " has " + e.getKey() + "=" + actual
                            + ", expected " + e.getValue() + " (left unchanged)");
                }
            }
        }
    }
}
