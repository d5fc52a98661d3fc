package com.placebrain.devices.platform.grpc;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.services.ProtoReflectionService;

/** Server reflection under its older name (grpc.reflection.v1alpha), which many tools still ask for first. */
public class GrpcReflectionV1AlphaService implements BindableService {

    @Override
    @SuppressWarnings("deprecation")
    public ServerServiceDefinition bindService() {
        return ProtoReflectionService.newInstance().bindService();
    }
}
