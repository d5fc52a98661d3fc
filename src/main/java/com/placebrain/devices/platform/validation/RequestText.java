package com.placebrain.devices.platform.validation;

import static com.placebrain.devices.platform.errors.ServiceException.invalid;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one rule for text in every request: no string field (singular, repeated, or inside a nested
 * message) may hold NUL (U+0000). PostgreSQL text cannot store it and fails the write or the
 * query (an INTERNAL with a stack trace in the log), and in MQTT payloads, Redis keys and log
 * lines it cuts or hides text. Checked on the request message before any service sees it, so a new
 * field or RPC is covered without code of its own.
 *
 * <p>Runs on every call: which fields to look at is worked out once per message type from its
 * descriptor; a call then reads only those fields.
 */
public final class RequestText {

    private static final ConcurrentHashMap<Descriptor, TextFields> FIELDS = new ConcurrentHashMap<>();

    private RequestText() {
    }

    /** INVALID_ARGUMENT naming the field (proto name, {@code outer.inner} when nested) at the first NUL. */
    public static void refuseNul(Message message) {
        refuseNul(message, "");
    }

    private static void refuseNul(Message message, String path) {
        TextFields fields = FIELDS.computeIfAbsent(message.getDescriptorForType(), TextFields::of);
        for (FieldDescriptor field : fields.strings()) {
            if (field.isRepeated()) {
                for (int i = 0, n = message.getRepeatedFieldCount(field); i < n; i++) {
                    refuseNul(path, field, (String) message.getRepeatedField(field, i));
                }
            } else {
                refuseNul(path, field, (String) message.getField(field));
            }
        }
        for (FieldDescriptor field : fields.messages()) {
            String inner = path + field.getName() + ".";
            if (field.isRepeated()) {
                for (int i = 0, n = message.getRepeatedFieldCount(field); i < n; i++) {
                    refuseNul((Message) message.getRepeatedField(field, i), inner);
                }
            } else if (message.hasField(field)) {
                refuseNul((Message) message.getField(field), inner);
            }
        }
    }

    private static void refuseNul(String path, FieldDescriptor field, String value) {
        if (value.indexOf('\u0000') >= 0) {
            throw invalid(path + field.getName(), "must not contain the NUL character");
        }
    }

    /** The string fields of a message type and the message fields that may hold more. */
    private record TextFields(List<FieldDescriptor> strings, List<FieldDescriptor> messages) {

        static TextFields of(Descriptor type) {
            return new TextFields(
                    type.getFields().stream().filter(f -> f.getJavaType() == FieldDescriptor.JavaType.STRING).toList(),
                    type.getFields().stream().filter(f -> f.getJavaType() == FieldDescriptor.JavaType.MESSAGE).toList());
        }
    }
}
