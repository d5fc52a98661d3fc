package com.placebrain.devices.platform.grpc;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;

/** Server reflection (grpc.reflection.v1), so grpcurl and similar tools can list and call methods. */
public class GrpcReflectionService implements BindableService {

    @Override
    public ServerServiceDefinition bindService() {
        return ProtoReflectionServiceV1.newInstance().bindService();
    }
}
