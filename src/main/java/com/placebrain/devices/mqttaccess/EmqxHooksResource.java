package com.placebrain.devices.mqttaccess;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * EMQX 5.8+ HTTP authenticator ({@code POST /mqtt/auth}) and authorizer ({@code POST /mqtt/acl}).
 * Translates EMQX's request and answer bodies; the decisions are MqttAuthService's and
 * MqttAclService's. A non-200 answer makes EMQX pass to its next authenticator or authorizer,
 * which is what a dependency failure (503) should do.
 */
@Path("/")
@ApplicationScoped
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class EmqxHooksResource {

    private static final Logger LOG = Logger.getLogger(EmqxHooksResource.class.getName());

    @Inject
    MqttAuthService auth;

    @Inject
    MqttAclService acl;

    @Inject
    @ConfigProperty(name = "devices.emqx.hook-secret")
    Optional<String> hookSecret;

    @Inject
    @ConfigProperty(name = "devices.emqx.hook-secret-header", defaultValue = "X-Devices-Hook-Secret")
    String hookSecretHeader;

    @POST
    @Path("auth")
    public Response authenticate(@Context HttpHeaders headers, String body) {
        return answer(headers, body, request -> {
            AuthDecision decision = auth.authenticate(requiredString(request, "username"),
                    optionalString(request, "password"), optionalString(request, "clientid"),
                    optionalString(request, "peerhost"));
            JsonObjectBuilder result = Json.createObjectBuilder()
                    .add("result", decision.verdict().wireName())
                    .add("is_superuser", false);
            if (decision.allowed()) {
                decision.expiresAt().ifPresent(at -> result.add("expire_at", at));
                result.add("acl", Json.createReader(new StringReader(EmqxAclRules.toJson(decision.acl()))).readArray());
            }
            return result.build();
        });
    }

    @POST
    @Path("acl")
    public Response authorize(@Context HttpHeaders headers, String body) {
        return answer(headers, body, request -> Json.createObjectBuilder()
                .add("result", acl.check(requiredString(request, "username"), requiredString(request, "topic"),
                        requiredString(request, "action")).wireName())
                .build());
    }

    private interface Decision {
        JsonObject decide(JsonObject request);
    }

    private Response answer(HttpHeaders headers, String body, Decision decision) {
        if (!secretMatches(headers.getHeaderString(hookSecretHeader))) {
            return error(Response.Status.UNAUTHORIZED, "missing or wrong " + hookSecretHeader + " header");
        }
        JsonObject request;
        try {
            request = Json.createReader(new StringReader(body == null ? "" : body)).readObject();
        } catch (JsonException | IllegalStateException e) {
            return error(Response.Status.BAD_REQUEST, "the body must be a JSON object");
        }
        try {
            return Response.ok(decision.decide(request)).build();
        } catch (BadRequest e) {
            return error(Response.Status.BAD_REQUEST, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warning(() -> "MQTT hook could not decide (" + e.getClass().getSimpleName() + "); EMQX will move on");
            return error(Response.Status.SERVICE_UNAVAILABLE, "cannot decide now");
        }
    }

    private boolean secretMatches(String presented) {
        if (hookSecret.isEmpty() || hookSecret.get().isEmpty()) {
            return true;
        }
        return presented != null && MessageDigest.isEqual(hookSecret.get().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Json.createObjectBuilder().add("error", message).build()).build();
    }

    private static String requiredString(JsonObject request, String field) {
        if (!(request.get(field) instanceof JsonString value)) {
            throw new BadRequest("'" + field + "' must be a string");
        }
        return value.getString();
    }

    /** EMQX sends "" or leaves the field out when the client gave no password; clientid is optional in the template. */
    private static String optionalString(JsonObject request, String field) {
        JsonValue value = request.get(field);
        if (value == null || value == JsonValue.NULL) {
            return "";
        }
        return requiredString(request, field);
    }

    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }
}
