package com.placebrain.devices.mqttaccess;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small fixed world standing in for the I/O layer's look-ups, and the {@code {P1}}-style
 * tokens the test tables use for its ids: {@code {P1}} lower-case, {@code {P1^}} upper-case,
 * {@code {P1~}} mixed case (not canonical).
 */
final class TestWorld {

    static final UUID P1 = UUID.fromString("aaaaaaaa-1111-4111-8111-111111111111");
    static final UUID P2 = UUID.fromString("bbbbbbbb-2222-4222-8222-222222222222");
    static final UUID P3 = UUID.fromString("cccccccc-3333-4333-8333-333333333333");
    /** D1 and D2 live in P1, D3 in P2, D9 is unknown (e.g. deleted). */
    static final UUID D1 = UUID.fromString("dddddddd-0001-4000-8000-0000000000d1");
    static final UUID D2 = UUID.fromString("dddddddd-0002-4000-8000-0000000000d2");
    static final UUID D3 = UUID.fromString("dddddddd-0003-4000-8000-0000000000d3");
    static final UUID D9 = UUID.fromString("dddddddd-0009-4000-8000-0000000000d9");
    /** U1 has a role in P1, U2 in none, U3 in P1 and P2. */
    static final UUID U1 = UUID.fromString("eeeeeeee-0001-4000-8000-0000000000e1");
    static final UUID U2 = UUID.fromString("eeeeeeee-0002-4000-8000-0000000000e2");
    static final UUID U3 = UUID.fromString("eeeeeeee-0003-4000-8000-0000000000e3");

    private static final Map<String, UUID> IDS = Map.ofEntries(
            Map.entry("P1", P1), Map.entry("P2", P2), Map.entry("P3", P3),
            Map.entry("D1", D1), Map.entry("D2", D2), Map.entry("D3", D3), Map.entry("D9", D9),
            Map.entry("U1", U1), Map.entry("U2", U2), Map.entry("U3", U3));

    private static final Map<UUID, UUID> DEVICE_PLACE = Map.of(D1, P1, D2, P1, D3, P2);
    private static final Map<UUID, Set<UUID>> USER_PLACES = Map.of(U1, Set.of(P1), U2, Set.of(), U3, Set.of(P1, P2));

    private static final Pattern TOKEN = Pattern.compile("\\{([PDU][0-9])([\\^~]?)}");

    private TestWorld() {
    }

    /** The three kinds of username, as the test tables name them. */
    enum State {
        OURS,
        MALFORMED,
        FOREIGN
    }

    static State stateOf(ParsedUsername parsed) {
        return switch (parsed) {
            case ParsedUsername.Ours ours -> State.OURS;
            case ParsedUsername.Malformed malformed -> State.MALFORMED;
            case ParsedUsername.Foreign foreign -> State.FOREIGN;
        };
    }

    /** The identity of a well-formed username of ours; empty for malformed and foreign ones alike. */
    static Optional<MqttIdentity> ours(ParsedUsername parsed) {
        return parsed instanceof ParsedUsername.Ours ours ? Optional.of(ours.identity()) : Optional.empty();
    }

    /** What the I/O layer would have looked up for this identity. */
    static AccessFacts factsFor(MqttIdentity who) {
        return switch (who) {
            case MqttIdentity.Device device -> Optional.ofNullable(DEVICE_PLACE.get(device.deviceId()))
                    .map(AccessFacts::device)
                    .orElseGet(AccessFacts::unknownDevice);
            case MqttIdentity.User user -> AccessFacts.user(USER_PLACES.getOrDefault(user.userId(), Set.of()));
            case MqttIdentity.Collector collector -> AccessFacts.none();
            case MqttIdentity.Service service -> AccessFacts.none();
        };
    }

    /** Replaces every id token in a table cell by the id it stands for. */
    static String expand(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = TOKEN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            UUID id = IDS.get(matcher.group(1));
            if (id == null) {
                throw new IllegalArgumentException("unknown id token " + matcher.group());
            }
            String lower = id.toString();
            String spelled = switch (matcher.group(2)) {
                case "^" -> lower.toUpperCase();
                case "~" -> Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
                default -> lower;
            };
            matcher.appendReplacement(out, Matcher.quoteReplacement(spelled));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
