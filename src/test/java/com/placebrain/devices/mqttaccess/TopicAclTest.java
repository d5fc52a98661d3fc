package com.placebrain.devices.mqttaccess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The MQTT ACL as a table: each row reads "{username} may {action} {topic}? {verdict}, because
 * {why}". Ids are tokens of {@link TestWorld}: D1, D2 in P1; D3 in P2; D9 unknown; U1 in P1,
 * U2 nowhere, U3 in P1 and P2. A username that is not ours (foreign or malformed) gets nothing.
 */
class TopicAclTest {

    @ParameterizedTest(name = "[{index}] {0} may {1} {2}? {3}: {4}")
    @CsvSource(delimiter = '|', textBlock = """
            # ---- a device may publish its own telemetry and status and read its own commands
            device:{D1}  | publish   | placebrain/{P1}/devices/{D1}/telemetry          | allow | its own telemetry
            device:{D1}  | publish   | placebrain/{P1}/devices/{D1}/status             | allow | its own status
            device:{D1}  | subscribe | placebrain/{P1}/devices/{D1}/command            | allow | its own commands
            device:{D1^} | publish   | placebrain/{P1}/devices/{D1}/status             | allow | an upper-case username id is the same device
            device:{D3}  | publish   | placebrain/{P2}/devices/{D3}/telemetry          | allow | D3 publishes under its own place P2
            device:{D3}  | subscribe | placebrain/{P2}/devices/{D3}/command            | allow | D3 reads its own commands under P2
            device:{D1}  | subscribe | $share/g/placebrain/{P1}/devices/{D1}/command   | allow | a shared subscription is judged on its filter
            # ---- but nothing else of its own
            device:{D1}  | publish   | placebrain/{P1}/devices/{D1}/command            | deny  | only the service publishes commands
            device:{D1}  | subscribe | placebrain/{P1}/devices/{D1}/telemetry          | deny  | it may not read its own telemetry back
            device:{D1}  | subscribe | placebrain/{P1}/devices/{D1}/status             | deny  | it may not read its own status back
            device:{D1}  | publish   | placebrain/{P1}/alerts                          | deny  | only the collector raises alerts
            device:{D1}  | subscribe | placebrain/{P1}/alerts                          | deny  | devices do not read alerts
            device:{D1}  | publish   | placebrain/{P1~}/devices/{D1}/telemetry         | deny  | a mixed-case id is not canonical
            device:{D1}  | publish   | placebrain/{P1^}/devices/{D1^}/telemetry        | deny  | topics are case-sensitive: upper-case ids are another topic
            device:{D1}  | publish   | placebrain/{P1}/devices/{D1^}/status            | deny  | an upper-case device id is another topic
            device:{D1}  | subscribe | placebrain/{P1^}/devices/{D1}/command           | deny  | an upper-case place id is another topic
            device:{D1}  | publish   | placebrain/{P1}/devices/{D1}/telemetry/extra    | deny  | a level below its topic is another topic
            device:{D1}  | publish   | placebrain/{P1}/devices/{D1}                    | deny  | its device level alone is not a topic of its
            device:{D1}  | publish   | placebrain/{P1}/devices/{D1}/telemetry/         | deny  | a trailing empty level is another topic
            device:{D1}  | publish   | /placebrain/{P1}/devices/{D1}/telemetry         | deny  | a leading slash is another topic
            device:{D1}  | publish   | Placebrain/{P1}/devices/{D1}/telemetry          | deny  | topics are case-sensitive
            device:{D1}  | publish   | placebrain/{P1}/Devices/{D1}/telemetry          | deny  | topics are case-sensitive below the root too
            device:{D1}  | publish   | placebrain/{P1}/devices/{D1}/TELEMETRY          | deny  | the kind is case-sensitive
            # ---- nor anything of other devices, in its place or elsewhere
            device:{D1}  | publish   | placebrain/{P1}/devices/{D2}/telemetry          | deny  | spoofing a device of the same place
            device:{D1}  | publish   | placebrain/{P1}/devices/{D2}/status             | deny  | spoofing the status of a device of the same place
            device:{D1}  | subscribe | placebrain/{P1}/devices/{D2}/command            | deny  | reading commands of a device of the same place
            device:{D1}  | publish   | placebrain/{P2}/devices/{D1}/telemetry          | deny  | its own id under a place it does not belong to
            device:{D1}  | subscribe | placebrain/{P2}/devices/{D1}/command            | deny  | its own id under another place
            device:{D1}  | publish   | placebrain/{P2}/devices/{D3}/telemetry          | deny  | spoofing a device of another place
            device:{D1}  | subscribe | placebrain/{P2}/devices/{D3}/command            | deny  | reading commands of a device of another place
            device:{D3}  | publish   | placebrain/{P1}/devices/{D3}/telemetry          | deny  | D3 does not belong to P1
            # ---- wildcards: every topic the filter matches must be allowed
            device:{D1}  | subscribe | placebrain/{P1}/devices/{D1}/+                  | deny  | + also matches its telemetry
            device:{D1}  | subscribe | placebrain/{P1}/devices/{D1}/#                  | deny  | # also matches its telemetry
            device:{D1}  | subscribe | placebrain/{P1}/devices/{D1}/command/#          | deny  | # also matches command/x
            device:{D1}  | subscribe | placebrain/{P1}/devices/+/command               | deny  | + matches the other devices
            device:{D1}  | subscribe | placebrain/+/devices/{D1}/command               | deny  | + matches the other places
            device:{D1}  | subscribe | #                                               | deny  | # matches everything
            device:{D1}  | publish   | placebrain/{P1}/devices/{D1}/+                  | deny  | a published topic has no wildcards
            device:{D1}  | publish   | placebrain/{P1}/devices/{D1}/#                  | deny  | a published topic has no wildcards
            # ---- malformed filters and $ topics
            device:{D1}  | subscribe | placebrain/{P1}/devices/{D1}/command#           | deny  | # must be a whole level
            device:{D1}  | subscribe | placebrain/{P1}/devices/{D1}/comm+              | deny  | + must be a whole level
            device:{D1}  | subscribe | placebrain/{P1}/devices/#/command               | deny  | # must be the last level
            device:{D1}  | subscribe | $share/g/placebrain/{P1}/devices/{D2}/command   | deny  | a shared subscription to another device
            device:{D1}  | publish   | $share/g/placebrain/{P1}/devices/{D1}/telemetry | deny  | $share is for subscribing
            device:{D1}  | subscribe | $queue/placebrain/{P1}/devices/{D1}/command     | deny  | $queue/ names a message queue in EMQX 6
            device:{D1}  | publish   | $delayed/1/placebrain/{P1}/devices/{D2}/telemetry | deny | $delayed would spoof another device
            device:{D1}  | subscribe | $SYS/brokers                                    | deny  | broker internals are not ours
            # ---- an unknown device may do nothing at all
            device:{D9}  | publish   | placebrain/{P1}/devices/{D9}/telemetry          | deny  | the device is unknown
            device:{D9}  | publish   | placebrain/{P1}/devices/{D9}/status             | deny  | the device is unknown
            device:{D9}  | subscribe | placebrain/{P1}/devices/{D9}/command            | deny  | the device is unknown
            device:{D9}  | subscribe | placebrain/{P2}/devices/{D9}/command            | deny  | the device is unknown in any place
            # ---- a user may read anything under a place where they have a role
            user:{U1}    | subscribe | placebrain/{P1}/devices/{D1}/telemetry          | allow | telemetry of a device of their place
            user:{U1}    | subscribe | placebrain/{P1}/devices/{D2}/status             | allow | status of a device of their place
            user:{U1}    | subscribe | placebrain/{P1}/devices/{D1}/command            | allow | commands are under their place too
            user:{U1}    | subscribe | placebrain/{P1}/alerts                          | allow | alerts of their place
            user:{U1}    | subscribe | placebrain/{P1}/#                               | allow | the whole subtree of their place
            user:{U1}    | subscribe | placebrain/{P1}                                 | allow | the place level itself
            user:{U1}    | subscribe | placebrain/{P1}/+                               | allow | any level right below their place
            user:{U1}    | subscribe | placebrain/{P1}/devices/+/telemetry             | allow | telemetry of every device of their place
            user:{U1}    | subscribe | placebrain/{P1}/devices/#                       | allow | all devices of their place
            user:{U1}    | subscribe | placebrain/{P1}/devices/+/+                     | allow | every kind of every device of their place
            user:{U1}    | subscribe | placebrain/{P1}/anything/deeper/still           | allow | anything below the place
            user:{U1}    | subscribe | placebrain/{P1}/                                | allow | an empty level below the place is still below it
            user:{U1}    | subscribe | $share/g/placebrain/{P1}/#                      | allow | a shared subscription is judged on its filter
            user:{U1^}   | subscribe | placebrain/{P1}/alerts                          | allow | an upper-case username id is the same user
            # ---- but never publish, and nothing outside their places
            user:{U1}    | publish   | placebrain/{P1}/devices/{D1}/command            | deny  | users never publish, not even commands
            user:{U1}    | publish   | placebrain/{P1}/devices/{D1}/telemetry          | deny  | users never publish telemetry
            user:{U1}    | publish   | placebrain/{P1}/alerts                          | deny  | users never publish alerts
            user:{U1}    | subscribe | placebrain/{P2}/devices/{D3}/telemetry          | deny  | a device of a place without a role
            user:{U1}    | subscribe | placebrain/{P2}/#                               | deny  | a place without a role
            user:{U1}    | subscribe | placebrain/{P3}/alerts                          | deny  | a place without a role
            user:{U1}    | subscribe | placebrain/+/devices/+/telemetry                | deny  | + matches other places
            user:{U1}    | subscribe | placebrain/+/#                                  | deny  | + matches other places
            user:{U1}    | subscribe | placebrain/#                                    | deny  | # matches other places
            user:{U1}    | subscribe | #                                               | deny  | # matches everything
            user:{U1}    | subscribe | +/{P1}/#                                        | deny  | + at the root matches other roots
            user:{U1}    | subscribe | placebrain                                      | deny  | the root is not under any place
            user:{U1}    | subscribe | placebrain/{P1~}/#                              | deny  | a mixed-case id is not canonical
            user:{U1}    | subscribe | placebrain/{P1^}/#                              | deny  | an upper-case place id is another topic
            user:{U1}    | subscribe | placebrain/not-a-uuid/#                         | deny  | the place level must be a UUID
            user:{U1}    | subscribe | placebrain//#                                   | deny  | the place level must not be empty
            user:{U1}    | subscribe | placebrain/{P1}/#/x                             | deny  | # must be the last level
            user:{U1}    | subscribe | placebrain/{P1}/a#                              | deny  | # must be a whole level
            user:{U1}    | subscribe | placebrain/{P1}/a+/b                            | deny  | + must be a whole level
            user:{U1}    | subscribe | ''                                              | deny  | an empty filter
            user:{U1}    | subscribe | $share/g/placebrain/{P2}/#                      | deny  | a shared subscription to another place
            user:{U1}    | subscribe | $share//placebrain/{P1}/#                       | deny  | the share name must not be empty
            user:{U1}    | subscribe | $share/g+/placebrain/{P1}/#                     | deny  | the share name must not hold wildcards
            user:{U1}    | subscribe | $share/g                                        | deny  | a share without a filter
            user:{U1}    | subscribe | $share/g/                                       | deny  | a share with an empty filter
            user:{U1}    | subscribe | $share/g/$SYS/#                                 | deny  | a share of broker internals
            user:{U1}    | subscribe | $queue/placebrain/{P1}/#                        | deny  | $queue/ names a message queue in EMQX 6
            user:{U1}    | subscribe | $SYS/#                                          | deny  | broker internals are not ours
            # ---- a user without any role gets nothing
            user:{U2}    | subscribe | placebrain/{P1}/#                               | deny  | no role in P1
            user:{U2}    | subscribe | placebrain/{P1}/devices/{D1}/telemetry          | deny  | no role in P1
            user:{U2}    | subscribe | placebrain/{P1}                                 | deny  | no role in P1
            user:{U2}    | publish   | placebrain/{P1}/alerts                          | deny  | users never publish
            # ---- a user with roles in two places reads both, and only those
            user:{U3}    | subscribe | placebrain/{P1}/#                               | allow | a role in P1
            user:{U3}    | subscribe | placebrain/{P2}/#                               | allow | a role in P2
            user:{U3}    | subscribe | placebrain/{P2}/devices/{D3}/telemetry          | allow | a device of P2
            user:{U3}    | subscribe | $share/g/placebrain/{P2}/alerts                 | allow | a shared subscription within P2
            user:{U3}    | subscribe | placebrain/+/#                                  | deny  | + also matches P3, where U3 has no role
            user:{U3}    | subscribe | placebrain/+/devices/+/telemetry                | deny  | + also matches P3
            user:{U3}    | subscribe | placebrain/{P3}/#                               | deny  | no role in P3
            user:{U3}    | publish   | placebrain/{P2}/devices/{D3}/command            | deny  | users never publish
            # ---- the collector reads all telemetry and status and raises alerts
            collector    | subscribe | placebrain/+/devices/+/telemetry                | allow | all telemetry
            collector    | subscribe | placebrain/+/devices/+/status                   | allow | all status
            collector    | subscribe | placebrain/{P1}/devices/{D1}/telemetry          | allow | telemetry of one device
            collector    | subscribe | placebrain/{P2}/devices/+/status                | allow | status of one place
            collector    | subscribe | placebrain/+/devices/{D3}/telemetry             | allow | telemetry of one device in any place
            collector    | subscribe | $share/collectors/placebrain/+/devices/+/telemetry | allow | load-balanced collectors
            collector    | publish   | placebrain/{P1}/alerts                          | allow | an alert of a place
            # ---- and nothing else
            collector    | subscribe | placebrain/+/devices/+/command                  | deny  | commands are not its business
            collector    | subscribe | placebrain/+/devices/+/+                        | deny  | + matches command
            collector    | subscribe | placebrain/+/devices/+/#                        | deny  | # matches command
            collector    | subscribe | placebrain/+/devices/+/telemetry/#              | deny  | # also matches telemetry/x
            collector    | subscribe | placebrain/#                                    | deny  | # matches everything of ours
            collector    | subscribe | #                                               | deny  | # matches everything
            collector    | subscribe | +/+/devices/+/telemetry                         | deny  | + at the root matches other roots
            collector    | subscribe | placebrain/+/+/+/telemetry                      | deny  | + where only devices is allowed
            collector    | subscribe | placebrain/not-a-uuid/devices/{D1}/telemetry    | deny  | the place level must be a UUID
            collector    | subscribe | placebrain/{P1^}/devices/{D1^}/status           | deny  | upper-case ids are no ids of a topic
            collector    | subscribe | placebrain//devices//telemetry                  | deny  | empty id levels
            collector    | subscribe | placebrain/+/alerts                             | deny  | it raises alerts, it does not read them
            collector    | subscribe | $queue/placebrain/+/devices/+/telemetry         | deny  | $queue/ names a message queue in EMQX 6
            collector    | publish   | placebrain/+/alerts                             | deny  | a published topic has no wildcards
            collector    | publish   | placebrain/not-a-uuid/alerts                    | deny  | the place level must be a UUID
            collector    | publish   | placebrain/{P2^}/alerts                         | deny  | an upper-case place id is another topic
            collector    | publish   | placebrain//alerts                              | deny  | the place level must not be empty
            collector    | publish   | placebrain/{P1}/alerts/x                        | deny  | below alerts is another topic
            collector    | publish   | placebrain/{P1}/devices/{D1}/command            | deny  | only the service publishes commands
            collector    | publish   | placebrain/{P1}/devices/{D1}/telemetry          | deny  | spoofing a device
            collector    | publish   | $SYS/anything                                   | deny  | broker internals are not ours
            # ---- usernames that are not ours, or malformed, get nothing
            admin        | subscribe | #                                               | deny  | not one of our usernames
            DEVICE:{D1}  | publish   | placebrain/{P1}/devices/{D1}/telemetry          | deny  | schemes are case-sensitive
            Collector    | subscribe | placebrain/+/devices/+/telemetry                | deny  | schemes are case-sensitive
            ''           | subscribe | placebrain/{P1}/#                               | deny  | no username at all
            device:abc   | publish   | placebrain/{P1}/devices/abc/telemetry           | deny  | a device id must be a UUID
            device:      | publish   | placebrain/{P1}/devices//telemetry              | deny  | a device username without an id
            device:{D1~} | publish   | placebrain/{P1}/devices/{D1}/telemetry          | deny  | a mixed-case device id is malformed
            device:{D1}x | publish   | placebrain/{P1}/devices/{D1}/telemetry          | deny  | trailing garbage after the device id
            user:not-a-uuid | subscribe | placebrain/{P1}/#                            | deny  | a user id must be a UUID
            user:        | subscribe | placebrain/{P1}/#                               | deny  | a user username without an id
            collector:x  | subscribe | placebrain/+/devices/+/telemetry                | deny  | the collector username takes no id
            """)
    void decides(String username, String action, String topic, String verdict, String why) {
        Optional<MqttIdentity> who = TestWorld.ours(ParsedUsername.of(TestWorld.expand(username)));
        MqttAction mqttAction = MqttAction.parse(action).orElseThrow();

        boolean allowed = who
                .map(identity -> TopicAcl.allows(identity, mqttAction, TestWorld.expand(topic), TestWorld.factsFor(identity)))
                .orElse(false);

        assertEquals(verdict.equals("allow"), allowed, why);
    }

    @Test
    void nullTopicIsDenied() {
        assertFalse(TopicAcl.allows(new MqttIdentity.Collector(), MqttAction.SUBSCRIBE, null, AccessFacts.none()));
    }

    @Test
    void nulTopicIsDenied() {
        String topic = "placebrain/" + TestWorld.P1 + "/alerts\u0000";
        assertFalse(TopicAcl.allows(new MqttIdentity.Collector(), MqttAction.PUBLISH, topic, AccessFacts.none()));
    }

    @Test
    void missingArgumentsAreProgrammingErrors() {
        assertThrows(NullPointerException.class,
                () -> TopicAcl.allows(null, MqttAction.PUBLISH, "x", AccessFacts.none()));
        assertThrows(NullPointerException.class,
                () -> TopicAcl.allows(new MqttIdentity.Collector(), MqttAction.PUBLISH, "x", null));
    }

    @Test
    void aDeviceIsJudgedByThePlaceTheLookUpReports() {
        MqttIdentity.Device device = new MqttIdentity.Device(TestWorld.D1);
        String topic = "placebrain/" + TestWorld.P2 + "/devices/" + TestWorld.D1 + "/telemetry";

        assertEquals(true, TopicAcl.allows(device, MqttAction.PUBLISH, topic, AccessFacts.device(TestWorld.P2)));
        assertEquals(false, TopicAcl.allows(device, MqttAction.PUBLISH, topic, AccessFacts.device(TestWorld.P1)));
    }
}
