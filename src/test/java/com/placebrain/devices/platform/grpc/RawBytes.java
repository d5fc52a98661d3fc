package com.placebrain.devices.platform.grpc;

import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** A method's request and answer as raw bytes, so tests can send bodies that are not a message. */
public final class RawBytes {

    private static final MethodDescriptor.Marshaller<byte[]> MARSHALLER = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private RawBytes() {
    }

    /** The same method (name, type, schema) with bytes in and out. */
    public static MethodDescriptor<byte[], byte[]> of(MethodDescriptor<?, ?> method) {
        return method.toBuilder(MARSHALLER, MARSHALLER).build();
    }
}
