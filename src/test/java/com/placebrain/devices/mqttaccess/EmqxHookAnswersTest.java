package com.placebrain.devices.mqttaccess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The authentication hook's answers, written as text, are byte for byte what building them with
 * JSON-P (as the hook did before) and writing them gave.
 */
class EmqxHookAnswersTest {

    static Stream<AuthDecision> decisions() {
        UUID place = UUID.randomUUID();
        return Stream.of(
                AuthDecision.deny(),
                AuthDecision.ignore(),
                AuthDecision.allow(new MqttIdentity.Device(UUID.randomUUID()), OptionalLong.empty(),
                        AccessFacts.device(place)),
                AuthDecision.allow(new MqttIdentity.User(UUID.randomUUID()), OptionalLong.of(1_900_000_000L),
                        AccessFacts.user(Set.of(place, UUID.randomUUID()))),
                AuthDecision.allow(new MqttIdentity.User(UUID.randomUUID()), OptionalLong.of(1_900_000_000L),
                        AccessFacts.user(Set.of())),
                AuthDecision.allow(new MqttIdentity.Collector(), OptionalLong.empty(), AccessFacts.none()),
                AuthDecision.allow(new MqttIdentity.Service("devices-service"), OptionalLong.empty(), AccessFacts.none()));
    }

    @ParameterizedTest
    @MethodSource("decisions")
    void theAnswerIsWhatJsonPWrote(AuthDecision decision) {
        assertEquals(asJsonPBuiltIt(decision),
                new String(EmqxHooksServlet.authAnswer(decision), StandardCharsets.UTF_8));
    }

    /** The hook's former answer: a JsonObject, the rules parsed from their JSON, written by JSON-P. */
    private static String asJsonPBuiltIt(AuthDecision decision) {
        JsonObjectBuilder result = Json.createObjectBuilder()
                .add("result", decision.verdict().wireName())
                .add("is_superuser", false);
        if (decision.allowed()) {
            decision.expiresAt().ifPresent(at -> result.add("expire_at", at));
            String rules = decision.acl().stream().map(EmqxRule::toJson).collect(Collectors.joining(",", "[", "]"));
            result.add("acl", Json.createReader(new StringReader(rules)).readArray());
        }
        return result.build().toString();
    }

    @ParameterizedTest
    @MethodSource("decisions")
    void onlyAnAllowCarriesRules(AuthDecision decision) {
        assertEquals(decision.allowed(), !decision.acl().isEmpty());
        assertEquals(decision.identity().isPresent(), decision.allowed());
    }
}
