package com.placebrain.devices.it.events;

import static com.placebrain.devices.it.events.EventsKit.DLQ;
import static com.placebrain.devices.it.events.EventsKit.MEMBER_ADDED;
import static com.placebrain.devices.it.events.EventsKit.TELEMETRY_READINGS;
import static com.placebrain.devices.it.events.EventsKit.TELEMETRY_STATUS;
import static com.placebrain.devices.it.events.EventsKit.member;
import static com.placebrain.devices.it.events.EventsKit.memberKey;
import static com.placebrain.devices.it.events.EventsKit.statusTopic;
import static com.placebrain.devices.it.support.Await.await;
import static com.placebrain.devices.it.support.Ids.newId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.grpc.v1.AuthenticateDeviceRequest;
import com.placebrain.devices.grpc.v1.CheckDeviceAclRequest;
import com.placebrain.devices.grpc.v1.CreateActuatorRequest;
import com.placebrain.devices.grpc.v1.CreateDeviceRequest;
import com.placebrain.devices.grpc.v1.CreateSensorRequest;
import com.placebrain.devices.grpc.v1.DeviceInfo;
import com.placebrain.devices.grpc.v1.DeviceStatus;
import com.placebrain.devices.grpc.v1.GenerateMqttCredentialsRequest;
import com.placebrain.devices.grpc.v1.GetDeviceRequest;
import com.placebrain.devices.grpc.v1.GetLatestDeviceReadingsRequest;
import com.placebrain.devices.grpc.v1.ListThresholdsRequest;
import com.placebrain.devices.grpc.v1.SendCommandRequest;
import com.placebrain.devices.grpc.v1.SetThresholdRequest;
import com.placebrain.devices.grpc.v1.ThresholdSeverity;
import com.placebrain.devices.grpc.v1.ThresholdType;
import com.placebrain.devices.grpc.v1.ValueType;
import com.placebrain.devices.it.support.Database;
import com.placebrain.devices.it.support.SecondInstance;
import com.placebrain.devices.it.support.ServiceDeployment;
import com.placebrain.devices.it.support.TestEnvironment;
import com.placebrain.devices.it.support.UserCredentialKeys;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/**
 * The service dropped into PlaceBrain's deployment (CONTRACT §7): a server started with only the
 * Python service's variables ({@code DATABASE__URL}, {@code REDIS__URL}, {@code KAFKA__URL},
 * {@code MQTT__URL}), pointing at a database of its own that nobody created tables in and a
 * Redis database other than 0, against a Kafka with topic auto-creation off and no dead-letter
 * topic; then driven as the gateway, EMQX's Kafka bridge and the collector drive it.
 *
 * <p>Besides those variables it gets only its ports, the collector's password (as the compose
 * override sets it) and a consumer group of its own: the server under test holds
 * {@code devices-service}, and a group seen for the first time is what a first deployment meets.
 */
class PlatformDropInIT extends ServiceDeployment {

    private static final String NAME = "devices-it-dropin";
    private static final int GRPC_PORT = Integer.getInteger("it.dropin.grpc.port", 50067);
    private static final int HTTP_PORT = Integer.getInteger("it.dropin.http.port", 9085);
    private static final String DATABASE = System.getProperty("it.dropin.db.name", "devices_test_dropin");
    private static final int REDIS_DATABASE = 5;
    private static final String COLLECTOR_PASSWORD = "collector";
    /** The service's own MQTT login, given as the platform gives a broker address: in MQTT__URL. */
    private static final String SERVICE_USERNAME = "devices-service";
    private static final String SERVICE_PASSWORD = "drop-in-service-" + newId();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static EventsKit kit;
    private static Admin admin;
    private static JedisPooled redis;
    private static SecondInstance dropIn;
    /** A record waiting on telemetry.readings before the first start: a new group must not replay it. */
    private static RecordMetadata waitingBeforeFirstStart;

    @BeforeAll
    static void startWithThePlatformsVariablesOnly() throws Exception {
        kit = new EventsKit(client, roles, fixture);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, EventsKit.BOOTSTRAP));
        redis = new JedisPooled(new HostAndPort(TestEnvironment.REDIS_HOST, TestEnvironment.REDIS_PORT),
                DefaultJedisClientConfig.builder().database(REDIS_DATABASE).build());
        redis.flushDB();
        deleteTopic(DLQ);
        assertEquals("false", brokerConfig("auto.create.topics.enable"), "the platform's Kafka creates no topic by itself");
        waitingBeforeFirstStart = kit.send(TELEMETRY_READINGS, newId(), "waiting since before the first start");

        dropIn = SecondInstance.startWith(NAME, Map.of(
                "DATABASE__URL", "postgresql+asyncpg://devices:devices@127.0.0.1:5432/" + DATABASE,
                "REDIS__URL", "redis://" + TestEnvironment.REDIS_HOST + ":" + TestEnvironment.REDIS_PORT + "/" + REDIS_DATABASE,
                "KAFKA__URL", EventsKit.BOOTSTRAP,
                "MQTT__URL", "mqtt://" + SERVICE_USERNAME + ":" + SERVICE_PASSWORD + "@127.0.0.1:1883",
                "DEVICES_GRPC_PORT", Integer.toString(GRPC_PORT),
                "DEVICES_HTTP_PORT", Integer.toString(HTTP_PORT),
                "DEVICES_MQTT_COLLECTOR_SECRET", COLLECTOR_PASSWORD,
                "MP_MESSAGING_CONNECTOR_LIBERTY_KAFKA_GROUP_ID", "devices-dropin-" + newId()));
        await("the drop-in server ready: every dependency UP", Duration.ofSeconds(60),
                PlatformDropInIT::readiness, answer -> answer.statusCode() == 200);
        awaitTelemetryConsumed();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (dropIn != null) {
                dropIn.close();
            }
        } finally {
            kit.close();
            redis.close();
            admin.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void everyDependencyIsReachedThroughThePlatformsVariables() throws Exception {
        String body = readiness().body();
        for (String check : List.of("postgresql", "redis", "kafka", "mqtt")) {
            assertTrue(body.contains("\"" + check + "\""), check + " in " + body);
        }
        OwnedDevice owned = newDevice("Drop-in device");
        assertEquals(1, count(DATABASE, "SELECT count(*) FROM devices WHERE id = '" + owned.device() + "'"),
                "the device is in the database DATABASE__URL names");
        assertEquals(0, count(TestEnvironment.DB, "SELECT count(*) FROM devices WHERE id = '" + owned.device() + "'"),
                "and not in the server under test's");

        dropIn.rpc().generateMqttCredentials(GenerateMqttCredentialsRequest.newBuilder().setUserId(owned.owner()).build());
        assertFalse(redis.keys("mqtt*" + owned.owner() + "*").isEmpty(), "the user's credentials in Redis database "
                + REDIS_DATABASE + ", as REDIS__URL names");
        assertTrue(kit.redis.keys("mqtt*" + owned.owner() + "*").isEmpty(), "and not in database 0");
        assertFalse(redis.exists(UserCredentialKeys.python(owned.owner())),
                "nothing of ours under the Python service's key, which a rollback would read");
        assertEquals(1, count(DATABASE, "SELECT count(*) FROM alembic_version WHERE version_num = '8b4ab59d4c4a'"),
                "the database we created carries the Python service's Alembic head");
        assertTrue(admin.describeTopics(List.of(DLQ)).allTopicNames().get(10, TimeUnit.SECONDS).containsKey(DLQ),
                "the service created its dead-letter topic");
    }

    @Test
    void aNewConsumerGroupStartsTheTelemetryTopicsAtTheirEnd() throws IOException {
        String where = TELEMETRY_READINGS + "/" + waitingBeforeFirstStart.partition() + "@" + waitingBeforeFirstStart.offset();
        String log = Files.readString(dropIn.log());
        assertFalse(log.contains(where), "the record that waited before the first start was read: " + where);
    }

    @Test
    void poisonStatusesAndReadingsNeverStallTheirPartition() {
        OwnedDevice owned = newDevice("Poisoned device");
        String topic = statusTopic(owned.place(), owned.device());
        for (String poison : List.of("", "not json", "\"ONLINE\"", "{\"topic\":\"" + topic + "\",\"payload\":\"garbage\"}",
                "{\"topic\":\"" + topic + "\",\"payload\":{\"status\":\"ONLINE\"}}", "{\"topic\":\"" + topic + "\"}")) {
            kit.send(TELEMETRY_STATUS, topic, poison);
        }
        kit.send(TELEMETRY_STATUS, topic, status(topic, "online"));
        await("the valid status after six poison records is applied", Duration.ofSeconds(10),
                () -> device(owned).getStatus(), DeviceStatus.DEVICE_STATUS_ONLINE::equals);

        for (String poison : List.of("", "{", "{\"place_id\":\"" + owned.place() + "\",\"device_id\":\"" + owned.device()
                + "\",\"payload\":\"garbage\"}")) {
            kit.send(TELEMETRY_READINGS, owned.device(), poison);
        }
        kit.send(TELEMETRY_READINGS, owned.device(), reading(owned, Json.createObjectBuilder()
                .add("values", Json.createObjectBuilder().add("temp", 20))));
        await("the valid reading after three poison records is kept", Duration.ofSeconds(10),
                () -> readings(owned), r -> r.size() == 1 && r.get(0).startsWith("temp=20.0@"));
    }

    @Test
    void aPoisonRecordTheDeadLetterTopicRefusesIsLoggedAndPassedOver() throws Exception {
        OwnedDevice owned = newDevice("Device behind a refused dead letter");
        String topic = statusTopic(owned.place(), owned.device());
        ConfigResource dlq = new ConfigResource(ConfigResource.Type.TOPIC, DLQ);
        alterMaxMessageBytes(dlq, "512");
        try {
            RecordMetadata poison = kit.send(TELEMETRY_STATUS, topic, "not json " + "x".repeat(2_000));
            kit.send(TELEMETRY_STATUS, topic, status(topic, "online"));
            await("the status after a poison record the DLQ refuses (too large) is applied", Duration.ofSeconds(15),
                    () -> device(owned).getStatus(), DeviceStatus.DEVICE_STATUS_ONLINE::equals);
            String where = TELEMETRY_STATUS + "/" + poison.partition() + "@" + poison.offset();
            String line = Files.readAllLines(dropIn.log()).stream().filter(l -> l.contains(where)).findFirst()
                    .orElseThrow(() -> new AssertionError("no log line names " + where));
            assertTrue(line.contains("SEVERE") || line.contains(" E "), line);
            assertTrue(line.contains("could not be written to " + DLQ), line);
            assertTrue(line.contains("RecordTooLargeException"), line);
            assertTrue(line.length() < 1_000, "the value is cut in the log: " + line.length() + " characters");
        } finally {
            alterMaxMessageBytes(dlq, null);
        }
    }

    @Test
    void readingsInEveryFormThePlatformsModelAccepts() {
        OwnedDevice owned = newDevice("Device of many forms");
        Instant recordTime = Instant.parse("2026-03-02T00:00:00Z");
        kit.send(TELEMETRY_READINGS, owned.device(), reading(owned, Json.createObjectBuilder()
                .add("ts", "2026-03-01T10:00:00+02:00").add("values", Json.createObjectBuilder().add("offset", 1))));
        kit.send(TELEMETRY_READINGS, owned.device(), reading(owned, Json.createObjectBuilder()
                .add("ts", "2026-03-01 10:00:00").add("values", Json.createObjectBuilder().add("space", "41.5"))));
        kit.send(TELEMETRY_READINGS, owned.device(), reading(owned, Json.createObjectBuilder()
                .add("ts", 1772359200).add("values", Json.createObjectBuilder().add("seconds", true))));
        kit.send(TELEMETRY_READINGS, owned.device(), reading(owned, Json.createObjectBuilder()
                .add("ts", 1772359200500L).add("values", Json.createObjectBuilder().add("millis", false))));
        kit.send(TELEMETRY_READINGS, recordTime.toEpochMilli(), owned.device(), reading(owned, Json.createObjectBuilder()
                .add("values", Json.createObjectBuilder().add("untimed", -3.25).add("label", "high"))));
        // As EMQX's Kafka bridge in PlaceBrain/infra writes them: the MQTT topic and the raw payload.
        String telemetryTopic = "placebrain/" + owned.place() + "/devices/" + owned.device() + "/telemetry";
        kit.send(TELEMETRY_READINGS, telemetryTopic, "{\"topic\": \"" + telemetryTopic
                + "\", \"payload\": {\"ts\": \"2026-03-01T09:00:00Z\", \"values\": {\"bridge\": 7}}}");
        List<String> expected = List.of(
                "bridge=7.0@2026-03-01T09:00:00+00:00",
                "millis=0.0@2026-03-01T10:00:00.500000+00:00",
                "offset=1.0@2026-03-01T08:00:00+00:00",
                "seconds=1.0@2026-03-01T10:00:00+00:00",
                "space=41.5@2026-03-01T10:00:00+00:00",
                "untimed=-3.25@2026-03-02T00:00:00+00:00");
        await("each form kept with its time; the text value 'high' dropped alone", Duration.ofSeconds(15),
                () -> readings(owned), expected::equals);
    }

    @Test
    void lastSeenFollowsTheRecordsTimeAndAnOldBacklogDoesNotMoveIt() {
        OwnedDevice owned = newDevice("Device with a backlog");
        String topic = statusTopic(owned.place(), owned.device());
        Instant online = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        kit.send(TELEMETRY_STATUS, online.toEpochMilli(), topic, status(topic, "online"));
        DeviceInfo seen = await("online, ten minutes ago", Duration.ofSeconds(10), () -> device(owned),
                d -> d.getStatus() == DeviceStatus.DEVICE_STATUS_ONLINE);
        assertEquals(online, OffsetDateTime.parse(seen.getLastSeenAt()).toInstant(),
                "last_seen_at is the status record's time, not the time it was consumed");

        Instant twoDaysAgo = online.minus(2, ChronoUnit.DAYS);
        for (int i = 0; i < 5; i++) {
            kit.send(TELEMETRY_READINGS, owned.device(), reading(owned, Json.createObjectBuilder()
                    .add("ts", twoDaysAgo.plusSeconds(i).toString()).add("values", Json.createObjectBuilder().add("old", i))));
        }
        kit.send(TELEMETRY_READINGS, twoDaysAgo.toEpochMilli(), owned.device(), reading(owned, Json.createObjectBuilder()
                .add("values", Json.createObjectBuilder().add("untimed", 1))));
        kit.send(TELEMETRY_STATUS, twoDaysAgo.toEpochMilli(), topic, status(topic, "offline"));
        await("the backlog consumed", Duration.ofSeconds(15), () -> readings(owned), r -> r.size() == 2
                && r.get(0).startsWith("old=4.0@"));
        DeviceInfo after = device(owned);
        assertEquals(seen.getLastSeenAt(), after.getLastSeenAt(), "an old backlog does not move last_seen_at");
        assertEquals(DeviceStatus.DEVICE_STATUS_ONLINE, after.getStatus(), "an offline older than the online loses");
    }

    @Test
    void whatTheGatewayAndTheFrontEndSendIsAnsweredAsTheOriginalDid() {
        OwnedDevice owned = newDevice("Device set up through the front end");
        String sensor = dropIn.rpc().createSensor(CreateSensorRequest.newBuilder().setUserId(owned.owner())
                .setPlaceId(owned.place()).setDeviceId(owned.device()).setKey("temp 1").setName("Temperature")
                .setValueType(ValueType.VALUE_TYPE_NUMBER).setUnitLabel("°C").setPrecision(1).build()).getSensorId();
        for (int i = 0; i < 2; i++) {
            dropIn.rpc().setThreshold(SetThresholdRequest.newBuilder().setUserId(owned.owner()).setPlaceId(owned.place())
                    .setDeviceId(owned.device()).setSensorId(sensor).setType(ThresholdType.THRESHOLD_TYPE_MAX)
                    .setSeverity(ThresholdSeverity.THRESHOLD_SEVERITY_WARNING).setValue(30 + i).build());
        }
        assertEquals(2, dropIn.rpc().listThresholds(ListThresholdsRequest.newBuilder().setUserId(owned.owner())
                .setPlaceId(owned.place()).setDeviceId(owned.device()).setSensorId(sensor).build()).getThresholdsCount(),
                "a second MAX warning is kept, as the original kept it");

        // The gateway sends 0 for an empty number: a 0-100 % valve has min 0.
        dropIn.rpc().createActuator(CreateActuatorRequest.newBuilder().setUserId(owned.owner()).setPlaceId(owned.place())
                .setDeviceId(owned.device()).setKey("valve").setName("Valve").setValueType(ValueType.VALUE_TYPE_NUMBER)
                .setUnitLabel("%").setMinValue(0).setMaxValue(100).build());
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> command(owned, "valve", "-5"));
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode(), refused.getStatus().toString());
        assertTrue(command(owned, "valve", "0"), "0 is within 0-100");
    }

    @Test
    void theServicesOwnLoginFromMqttUrlMayPublishCommandsAndNothingElse() {
        assertTrue(authenticate(SERVICE_USERNAME, SERVICE_PASSWORD), "the service's login");
        assertFalse(authenticate(SERVICE_USERNAME, "not-" + SERVICE_PASSWORD), "a wrong password");
        String device = "placebrain/" + newId() + "/devices/" + newId() + "/";
        assertTrue(allowed(SERVICE_USERNAME, device + "command", "publish"), "publish a command");
        assertFalse(allowed(SERVICE_USERNAME, device + "command", "subscribe"), "subscribe to commands");
        assertFalse(allowed(SERVICE_USERNAME, device + "telemetry", "publish"), "publish telemetry");
        assertFalse(allowed(SERVICE_USERNAME, device + "status", "publish"), "publish a status");
        assertFalse(allowed(SERVICE_USERNAME, device.replaceFirst("devices/.*", "alerts"), "publish"), "publish alerts");
    }

    @Test
    void theCollectorLogsInWithThePasswordOfItsSetting() {
        assertTrue(authenticate("collector", COLLECTOR_PASSWORD), "the collector's login");
        assertFalse(authenticate("collector", "not-" + COLLECTOR_PASSWORD), "a wrong password");
    }

    // ------------------------------------------------------------ helpers

    private record OwnedDevice(String place, String owner, String device) {
    }

    /** An owner made as the places service makes one (member.added), and a device of theirs. */
    private static OwnedDevice newDevice(String name) {
        String place = newId();
        String owner = newId();
        kit.send(MEMBER_ADDED, memberKey(place, owner), member(place, owner, "owner"));
        // 60 s: a drop-in that has just started may still be rebuilding its role cache from the member
        // topics, which takes as long as those are long (120,001 events: 12 s on this machine).
        String device = await("the owner's role reaches the drop-in's role cache", Duration.ofSeconds(60),
                () -> dropIn.rpc().createDevice(CreateDeviceRequest.newBuilder()
                        .setUserId(owner).setPlaceId(place).setName(name).build()).getDeviceId(), id -> !id.isEmpty());
        return new OwnedDevice(place, owner, device);
    }

    /** Sends until the telemetry channels of the new group are seen reading: records before that are skipped. */
    private static void awaitTelemetryConsumed() {
        OwnedDevice owned = newDevice("Warm-up device");
        String topic = statusTopic(owned.place(), owned.device());
        await("the drop-in reads telemetry.status", Duration.ofSeconds(90), () -> {
            kit.send(TELEMETRY_STATUS, topic, status(topic, "online"));
            return device(owned).getStatus();
        }, DeviceStatus.DEVICE_STATUS_ONLINE::equals);
        await("the drop-in reads telemetry.readings", Duration.ofSeconds(90), () -> {
            kit.send(TELEMETRY_READINGS, owned.device(), reading(owned, Json.createObjectBuilder()
                    .add("values", Json.createObjectBuilder().add("warm", 1))));
            return readings(owned).size();
        }, size -> size > 0);
    }

    private static boolean command(OwnedDevice owned, String actuatorKey, String value) {
        return dropIn.rpc().sendCommand(SendCommandRequest.newBuilder().setUserId(owned.owner()).setPlaceId(owned.place())
                .setDeviceId(owned.device()).setActuatorKey(actuatorKey).setValue(value).build()).getSuccess();
    }

    private static DeviceInfo device(OwnedDevice owned) {
        return dropIn.rpc().getDevice(GetDeviceRequest.newBuilder().setUserId(owned.owner()).setPlaceId(owned.place())
                .setDeviceId(owned.device()).build()).getDevice();
    }

    private static List<String> readings(OwnedDevice owned) {
        return dropIn.rpc().getLatestDeviceReadings(GetLatestDeviceReadingsRequest.newBuilder()
                        .setUserId(owned.owner()).setPlaceId(owned.place()).setDeviceId(owned.device()).build())
                .getReadingsList().stream().map(r -> r.getKey() + "=" + r.getValue() + "@" + r.getTime()).toList();
    }

    private static boolean authenticate(String username, String password) {
        return dropIn.rpc().authenticateDevice(AuthenticateDeviceRequest.newBuilder()
                .setUsername(username).setPassword(password).build()).getAllow();
    }

    private static boolean allowed(String username, String topic, String action) {
        return dropIn.rpc().checkDeviceAcl(CheckDeviceAclRequest.newBuilder()
                .setUsername(username).setTopic(topic).setAction(action).build()).getAllow();
    }

    private static String status(String topic, String status) {
        return Json.createObjectBuilder().add("topic", topic)
                .add("payload", Json.createObjectBuilder().add("status", status)).build().toString();
    }

    private static String reading(OwnedDevice owned, JsonObjectBuilder payload) {
        JsonObject value = Json.createObjectBuilder().add("place_id", owned.place()).add("device_id", owned.device())
                .add("payload", payload).build();
        return value.toString();
    }

    private static HttpResponse<String> readiness() throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + "/health/ready"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int count(String database, String query) throws SQLException {
        try (Connection db = Database.connect(database); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void deleteTopic(String topic) throws Exception {
        try {
            admin.deleteTopics(Set.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
        }
        await("topic " + topic + " deleted", Duration.ofSeconds(30),
                () -> admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic), present -> !present);
    }

    private static String brokerConfig(String name) throws Exception {
        String broker = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).iterator().next().idString();
        ConfigResource resource = new ConfigResource(ConfigResource.Type.BROKER, broker);
        return admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource).get(name).value();
    }

    /** Sets the topic's max.message.bytes, or removes the override when null. */
    private static void alterMaxMessageBytes(ConfigResource topic, String value) throws Exception {
        ConfigEntry entry = new ConfigEntry("max.message.bytes", value);
        AlterConfigOp op = new AlterConfigOp(entry, value == null ? AlterConfigOp.OpType.DELETE : AlterConfigOp.OpType.SET);
        admin.incrementalAlterConfigs(Map.of(topic, List.of(op))).all().get(10, TimeUnit.SECONDS);
    }
}
