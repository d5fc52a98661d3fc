/**
 * What every integration test uses to talk to the server under test and its dependencies, once.
 *
 * <ul>
 *   <li>{@link com.placebrain.devices.it.support.ServiceDeployment}: the base class of every IT.
 *       Arquillian deploys the war as built; for each test class it opens {@code client},
 *       {@code roles} and {@code fixture} (below), waits for a complete role cache, and closes
 *       them after the class.</li>
 *   <li>{@link com.placebrain.devices.it.support.ServiceClient}: the one gRPC client (plaintext
 *       channel without retries, 64 MiB answers, a deadline per call: {@code rpc()} or
 *       {@code rpc(Duration)}, {@code channel()} for other services).</li>
 *   <li>{@link com.placebrain.devices.it.support.RoleFixture}: roles granted in the real role
 *       cache with {@code RoleCache}'s own key builders, fresh places and users, reads of the
 *       cache, and clean-up.</li>
 *   <li>{@link com.placebrain.devices.it.support.Fixture}: data made through the service
 *       (devices, sensors, actuators, thresholds, a small "world").</li>
 *   <li>{@link com.placebrain.devices.it.support.Await}: polling until a condition holds, with a
 *       timeout and a message naming the last value seen.</li>
 *   <li>{@link com.placebrain.devices.it.support.Ids}: fresh ids and keys.</li>
 *   <li>{@link com.placebrain.devices.it.support.GrpcStatus}: the status a call ends with, and
 *       assertions on it.</li>
 *   <li>{@link com.placebrain.devices.it.support.Database}: direct reads and writes of the test
 *       databases.</li>
 *   <li>{@link com.placebrain.devices.it.support.UserCredentialKeys}: the tests' one copy of the
 *       user MQTT credential keys (production's builder is package-private).</li>
 *   <li>{@link com.placebrain.devices.it.support.TestEnvironment}: ports, database name, Redis
 *       address, the war, running commands and {@code scripts/stack.sh up}.</li>
 *   <li>{@link com.placebrain.devices.it.support.SecondInstance},
 *       {@link com.placebrain.devices.it.support.ServerLog},
 *       {@link com.placebrain.devices.it.support.EmqxApiRecorder}: a second Liberty server, the
 *       server's messages.log, and a stand-in for EMQX's REST API.</li>
 * </ul>
 *
 * <p>An IT extends {@code ServiceDeployment} and uses the inherited statics:
 * <pre>{@code
 * class SomethingIT extends ServiceDeployment {
 *     @Test
 *     void anOwnerListsTheirDevice() {
 *         RoleFixture.OwnedPlace owned = roles.newOwnedPlace();
 *         String device = fixture.device(owned.owner(), owned.place(), "Boiler");
 *         assertEquals(1, client.rpc().listDevices(ListDevicesRequest.newBuilder()
 *                 .setUserId(owned.owner()).setPlaceId(owned.place()).build()).getTotal());
 *         await("device online", () -> status(device), ONLINE::equals);
 *     }
 * }
 * }</pre>
 * Helpers that only one area needs stay in its package (Kafka in {@code it.events.EventsKit},
 * the RPC table in {@code it.registry.RegistryRpcs}).
 */
package com.placebrain.devices.it.support;
