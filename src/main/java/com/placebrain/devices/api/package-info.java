/**
 * The gRPC adapter: {@code DevicesGrpcEndpoint} translates each RPC and delegates to a
 * capability's service; {@code GrpcCalls} runs every call and maps every failure to a status,
 * once for all RPCs. No rules live here.
 */
package com.placebrain.devices.api;
