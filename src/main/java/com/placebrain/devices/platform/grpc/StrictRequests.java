package com.placebrain.devices.platform.grpc;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import java.io.InputStream;
import java.util.List;
import java.util.logging.Logger;

/**
 * A request body that is not a valid message of its type (bad protobuf, a string that is not
 * UTF-8, over the size limit) is the caller's error: INVALID_ARGUMENT naming the method, before
 * any handler runs. grpc-java parses requests before interceptors see them and answers a parse
 * failure with UNKNOWN "Application error processing RPC"; so each method's request marshaller
 * is wrapped to hand a failure on as a value, which the call then answers.
 */
final class StrictRequests {

    private static final Logger LOG = Logger.getLogger(StrictRequests.class.getName());

    private StrictRequests() {
    }

    static ServerServiceDefinition of(ServerServiceDefinition service) {
        ServiceDescriptor original = service.getServiceDescriptor();
        List<ServerMethodDefinition<Object, ?>> methods = service.getMethods().stream()
                .<ServerMethodDefinition<Object, ?>>map(StrictRequests::strict).toList();
        ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(original.getName())
                .setSchemaDescriptor(original.getSchemaDescriptor());
        methods.forEach(method -> descriptor.addMethod(method.getMethodDescriptor()));
        ServerServiceDefinition.Builder strict = ServerServiceDefinition.builder(descriptor.build());
        methods.forEach(strict::addMethod);
        return strict.build();
    }

    private static <Q, R> ServerMethodDefinition<Object, R> strict(ServerMethodDefinition<Q, R> method) {
        MethodDescriptor<Q, R> descriptor = method.getMethodDescriptor();
        MethodDescriptor<Object, R> tolerant = descriptor.toBuilder(
                new FailureAsValue<>(descriptor.getRequestMarshaller()), descriptor.getResponseMarshaller()).build();
        ServerCallHandler<Q, R> handler = method.getServerCallHandler();
        return ServerMethodDefinition.create(tolerant, (call, headers) -> start(handler, call, headers));
    }

    @SuppressWarnings("unchecked")
    private static <Q, R> ServerCall.Listener<Object> start(ServerCallHandler<Q, R> handler, ServerCall<Object, R> call,
            Metadata headers) {
        // Only parsed messages reach the handler, so the call is one of Q as far as it can tell.
        ServerCall.Listener<Q> listener = handler.startCall((ServerCall<Q, R>) (ServerCall<?, R>) call, headers);
        return new SimpleForwardingServerCallListener<>((ServerCall.Listener<Object>) (ServerCall.Listener<?>) listener) {
            private boolean refused;

            @Override
            public void onMessage(Object message) {
                if (refused) {
                    return;
                }
                if (message instanceof Malformed malformed) {
                    refused = true;
                    LOG.info(() -> "Refused a malformed " + call.getMethodDescriptor().getBareMethodName()
                            + " request: " + malformed.reason());
                    call.close(Status.INVALID_ARGUMENT.withDescription("malformed request: " + malformed.reason()),
                            new Metadata());
                    return;
                }
                super.onMessage(message);
            }

            @Override
            public void onHalfClose() {
                if (!refused) {
                    super.onHalfClose();
                }
            }
        };
    }

    /** Why a request body could not be read; never includes the body. */
    private record Malformed(String reason) {
    }

    private static final class FailureAsValue<Q> implements MethodDescriptor.Marshaller<Object> {
        private final MethodDescriptor.Marshaller<Q> parser;

        FailureAsValue(MethodDescriptor.Marshaller<Q> parser) {
            this.parser = parser;
        }

        @Override
        @SuppressWarnings("unchecked")
        public InputStream stream(Object value) {
            return parser.stream((Q) value);
        }

        @Override
        public Object parse(InputStream stream) {
            try {
                return parser.parse(stream);
            } catch (StatusRuntimeException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
                return new Malformed(reason.length() > 200 ? reason.substring(0, 200) : reason);
            }
        }
    }
}
