package com.placebrain.devices.it.registry;

import static com.placebrain.devices.it.support.Ids.newId;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.placebrain.devices.grpc.v1.DeleteDeviceRequest;
import com.placebrain.devices.grpc.v1.DeviceInfo;
import com.placebrain.devices.grpc.v1.DeviceStatus;
import com.placebrain.devices.grpc.v1.GetDeviceRequest;
import com.placebrain.devices.grpc.v1.ListDevicesRequest;
import com.placebrain.devices.grpc.v1.ListDevicesResponse;
import com.placebrain.devices.grpc.v1.UpdateDeviceRequest;
import com.placebrain.devices.grpc.v1.ValueType;
import com.placebrain.devices.it.support.Await;
import com.placebrain.devices.it.support.Database;
import com.placebrain.devices.it.support.GrpcStatus;
import com.placebrain.devices.it.support.ServerLog;
import com.placebrain.devices.it.support.ServiceDeployment;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GetDevice and ListDevices answers kept in the replica's memory (DeviceAnswers): a copy is served
 * until a change is heard, every committed change is heard whoever wrote it (here: SQL of another
 * writer, through changeset 008's triggers and the replica's LISTEN), a caller reads its own write
 * at once, and the LISTEN comes back after its connection is killed.
 */
class DeviceAnswersIT extends ServiceDeployment {

    /** How soon a change committed elsewhere must show: a notification travels on one connection. */
    private static final Duration HEARD = Duration.ofSeconds(5);

    private static DeviceInfo getDevice(String user, String place, String device) {
        return client.rpc().getDevice(GetDeviceRequest.newBuilder()
                .setUserId(user).setPlaceId(place).setDeviceId(device).build()).getDevice();
    }

    private static ListDevicesResponse listDevices(String user, String place) {
        return client.rpc().listDevices(ListDevicesRequest.newBuilder()
                .setUserId(user).setPlaceId(place).setPage(1).setPerPage(20).build());
    }

    @Test
    void aKeptAnswerIsServedUntilAChangeIsHeard() throws Exception {
        String place = newId();
        String owner = roles.newOwner(place);
        String device = fixture.device(owner, place, "Kept");
        getDevice(owner, place, device);
        listDevices(owner, place);
        try {
            // A writer whose change nobody hears: the kept answers stay (what a lost change costs
            // is bounded by devices.read-copies.max-age-ms, a minute by default).
            Database.execute("ALTER TABLE devices DISABLE TRIGGER devices_answers_changed");
            Database.execute("UPDATE devices SET name = 'Unheard' WHERE id = ?::uuid", device);
        } finally {
            Database.execute("ALTER TABLE devices ENABLE TRIGGER devices_answers_changed");
        }
        assertEquals("Kept", getDevice(owner, place, device).getName(), "the copy, not PostgreSQL");
        assertEquals("Kept", listDevices(owner, place).getDevices(0).getName());

        Database.execute("UPDATE devices SET name = 'Heard' WHERE id = ?::uuid", device);

        Await.await("GetDevice shows the heard change", HEARD, () -> getDevice(owner, place, device).getName(),
                "Heard"::equals);
        Await.await("ListDevices shows the heard change", HEARD, () -> listDevices(owner, place).getDevices(0).getName(),
                "Heard"::equals);
    }

    @Test
    void whatAnotherWriterCommitsReachesTheKeptAnswers() throws Exception {
        String place = newId();
        String owner = roles.newOwner(place);
        String device = fixture.device(owner, place, "Boiler");
        fixture.numberSensor(owner, place, device, "temp");
        fixture.createNumberActuator(owner, place, device, "valve");
        for (int i = 0; i < 2; i++) {
            getDevice(owner, place, device);
            listDevices(owner, place);
        }

        Database.execute("UPDATE devices SET name = 'Renamed by SQL', status = 'ONLINE' WHERE id = ?::uuid", device);
        Await.await("the device's own row", HEARD, () -> getDevice(owner, place, device),
                d -> d.getName().equals("Renamed by SQL") && d.getStatus() == DeviceStatus.DEVICE_STATUS_ONLINE);
        Await.await("the place's page", HEARD, () -> listDevices(owner, place).getDevices(0),
                d -> d.getName().equals("Renamed by SQL") && d.getStatus() == DeviceStatus.DEVICE_STATUS_ONLINE);

        Database.execute("UPDATE sensors SET name = 'Sensor renamed by SQL' WHERE device_id = ?::uuid", device);
        Await.await("a sensor", HEARD, () -> getDevice(owner, place, device).getSensors(0).getName(),
                "Sensor renamed by SQL"::equals);

        Database.execute("DELETE FROM actuators WHERE device_id = ?::uuid", device);
        Await.await("an actuator removed", HEARD, () -> getDevice(owner, place, device).getActuatorsCount(), n -> n == 0);

        Database.execute("DELETE FROM devices WHERE id = ?::uuid", device);
        Await.await("the device removed", HEARD, () -> GrpcStatus.codeOf(() -> getDevice(owner, place, device)),
                Status.Code.NOT_FOUND::equals);
        Await.await("the place's page without it", HEARD, () -> listDevices(owner, place).getTotal(), n -> n == 0);
    }

    /**
     * With the triggers off, so that only the write's own eviction at commit can show it (the
     * replica's NOTIFY would mostly arrive in time too, and hide a missing one).
     */
    @Test
    void aCallerReadsItsOwnWritesAtOnce() throws Exception {
        List<String> tables = List.of("devices", "sensors", "actuators");
        try {
            for (String table : tables) {
                Database.execute("ALTER TABLE " + table + " DISABLE TRIGGER " + table + "_answers_changed");
            }
            readsOwnWrites();
        } finally {
            for (String table : tables) {
                Database.execute("ALTER TABLE " + table + " ENABLE TRIGGER " + table + "_answers_changed");
            }
        }
    }

    private static void readsOwnWrites() {
        String place = newId();
        String owner = roles.newOwner(place);
        String device = fixture.device(owner, place, "Name 0");
        assertEquals("Name 0", getDevice(owner, place, device).getName());
        assertEquals(1, listDevices(owner, place).getTotal());
        for (int i = 1; i <= 20; i++) {
            client.rpc().updateDevice(UpdateDeviceRequest.newBuilder().setUserId(owner).setPlaceId(place)
                    .setDeviceId(device).setName("Name " + i).build());
            assertEquals("Name " + i, getDevice(owner, place, device).getName(), "right after UpdateDevice " + i);
            assertEquals("Name " + i, listDevices(owner, place).getDevices(0).getName(), "right after UpdateDevice " + i);
        }

        fixture.createSensor(owner, place, device, "humidity", ValueType.VALUE_TYPE_NUMBER);
        assertEquals(List.of("humidity"), getDevice(owner, place, device).getSensorsList().stream()
                .map(s -> s.getKey()).toList(), "right after CreateSensor");

        String second = fixture.device(owner, place, "Second");
        assertEquals(2, listDevices(owner, place).getTotal(), "right after CreateDevice");
        getDevice(owner, place, second);
        client.rpc().deleteDevice(DeleteDeviceRequest.newBuilder().setUserId(owner).setPlaceId(place)
                .setDeviceId(second).build());
        assertEquals(Status.Code.NOT_FOUND, GrpcStatus.codeOf(() -> getDevice(owner, place, second)),
                "right after DeleteDevice");
        assertEquals(1, listDevices(owner, place).getTotal(), "right after DeleteDevice");
    }

    @Test
    void afterItsConnectionIsKilledTheReplicaListensAgainAndChangesShow() throws Exception {
        String place = newId();
        String owner = roles.newOwner(place);
        String device = fixture.device(owner, place, "Before");
        getDevice(owner, place, device);
        ServerLog log = ServerLog.mark();

        long killed = Database.count("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                 WHERE datname = current_database() AND application_name = 'devices-service'
                   AND query IN ('LISTEN device_answers', 'SELECT 1')""");

        assertEquals(1, killed, "the replica's one LISTEN connection");
        assertEquals(1, log.await(l -> l.contains("LISTEN on PostgreSQL channel device_answers down"), 1).size(),
                "the loss is logged once");
        assertEquals(1, log.await(l -> l.contains("Listening on PostgreSQL channel device_answers"), 1).size(),
                "listening again");
        Database.execute("UPDATE devices SET name = 'After' WHERE id = ?::uuid", device);
        Await.await("a change after the LISTEN is back", HEARD, () -> getDevice(owner, place, device).getName(),
                "After"::equals);
    }
}
