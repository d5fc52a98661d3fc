package com.placebrain.devices.roles;

import com.placebrain.devices.platform.config.SettingsReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The role cache's settings (see {@link SettingsReader}). The rebuild reads the topics the member
 * channels consume, from the channels' own keys, so a channel's topic configured elsewhere is
 * the rebuild's too.
 *
 * @param checkIntervalMillis how often the cache's marker is checked
 * @param channelOfTopic each member channel ({@link MemberEvent#CHANNELS}) by the topic it consumes
 * @param copyMaxAgeMillis a role kept in this replica's memory ({@link RoleCopies}) is read from Redis
 *     again after this; 0 keeps none. Changes reach the copies as Redis makes them; this only bounds
 *     what a change missed without the replica noticing could cost
 * @param copyMaxEntries roles kept at most (163 bytes each on the heap, measured); 0 keeps none
 */
public record RoleSettings(int checkIntervalMillis, Map<String, String> channelOfTopic, int copyMaxAgeMillis,
                           int copyMaxEntries) {

    public static final String CHECK_INTERVAL_MS = "devices.roles.check-interval-ms";
    public static final String COPY_MAX_AGE_MS = "devices.roles.copies.max-age-ms";
    public static final String COPY_MAX_ENTRIES = "devices.roles.copies.max-entries";
    /** Kafka's rule for a topic name. */
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public RoleSettings {
        channelOfTopic = Collections.unmodifiableMap(new LinkedHashMap<>(channelOfTopic));
    }

    public static RoleSettings read(SettingsReader reader) {
        Map<String, String> channelOfTopic = new LinkedHashMap<>();
        for (String channel : MemberEvent.CHANNELS) {
            String key = "mp.messaging.incoming." + channel + ".topic";
            String topic = reader.required(key, name -> TOPIC.matcher(name).matches(), "a Kafka topic name");
            if (topic != null && channelOfTopic.putIfAbsent(topic, channel) != null) {
                // A record's channel tells how to read it; one topic cannot be read two ways.
                reader.problem(key + " is invalid (the topic of another member channel)");
            }
        }
        return new RoleSettings(reader.positive(CHECK_INTERVAL_MS, 5000, "milliseconds"), channelOfTopic,
                reader.integer(COPY_MAX_AGE_MS, 10_000, 0, 600_000, "milliseconds"),
                reader.integer(COPY_MAX_ENTRIES, 20_000, 0, 1_000_000, "roles"));
    }
}
