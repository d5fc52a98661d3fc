package com.placebrain.devices.mqttaccess;

import com.placebrain.devices.platform.config.ServiceSettings;
import com.placebrain.devices.platform.errors.Failure;
import com.placebrain.devices.platform.errors.ServiceException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * EMQX 5.8+ HTTP authenticator ({@code POST /mqtt/auth}) and authorizer ({@code POST /mqtt/acl}).
 * Translates EMQX's request and answer bodies; the decisions are MqttAuthService's and
 * MqttAclService's. A non-200 answer makes EMQX pass to its next authenticator or authorizer,
 * which is what a store out of service (503) should do; a bug is 500 with a logged reference.
 *
 * <p>A request is judged in this order, each step only after the previous one passed: the hook
 * secret (401), then the body as HookBody reads it (415, 413, 400), then the fields (400). The
 * secret comes first and needs only a header: a caller without it makes us read and parse nothing,
 * and learns nothing about how bodies are judged. Every refusal is one log line, no stack trace.
 *
 * <p>Answers are written as JSON text here, not built as JSON-P objects: they are a few fixed
 * fields and the rule list, whose constant parts are written once per process
 * ({@link EmqxAclRules#toJson(MqttIdentity, AccessFacts)}), and every answer but an allow is one of
 * a handful of constant bodies.
 */
@Path("/")
@ApplicationScoped
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class EmqxHooksResource {

    private static final Logger LOG = Logger.getLogger(EmqxHooksResource.class.getName());
    /** The authentication answers without rules, and the authorization answers, by verdict. */
    private static final Map<Verdict, byte[]> AUTH_ANSWERS = answers(true);
    private static final Map<Verdict, byte[]> ACL_ANSWERS = answers(false);

    private final MqttAuthService auth;
    private final MqttAclService acl;
    private final HookSecret secret;
    private final ServiceSettings settings;

    @Inject
    public EmqxHooksResource(MqttAuthService auth, MqttAclService acl, HookSecret secret, ServiceSettings settings) {
        this.auth = auth;
        this.acl = acl;
        this.secret = secret;
        this.settings = settings;
    }

    /** For CDI's client proxy. */
    public EmqxHooksResource() {
        this(null, null, null, null);
    }

    @POST
    @Path("auth")
    public Response authenticate(@Context HttpHeaders headers, @Context HttpServletRequest http, InputStream body) {
        return answer(headers, http, body, request -> authAnswer(auth.authenticate(requiredString(request, "username"),
                optionalString(request, "password"), optionalString(request, "clientid"),
                optionalString(request, "peerhost"))));
    }

    @POST
    @Path("acl")
    public Response authorize(@Context HttpHeaders headers, @Context HttpServletRequest http, InputStream body) {
        return answer(headers, http, body, request -> ACL_ANSWERS.get(acl.check(requiredString(request, "username"),
                requiredString(request, "topic"), requiredString(request, "action"))));
    }

    /**
     * {@code {"result":…,"is_superuser":false}}, and for an allow {@code "expire_at"} (if any) and
     * {@code "acl"}, in this order.
     */
    static byte[] authAnswer(AuthDecision decision) {
        if (!decision.allowed()) {
            return AUTH_ANSWERS.get(decision.verdict());
        }
        String acl = decision.aclJson();
        StringBuilder json = new StringBuilder(64 + acl.length())
                .append("{\"result\":\"").append(decision.verdict().wireName()).append("\",\"is_superuser\":false");
        decision.expiresAt().ifPresent(at -> json.append(",\"expire_at\":").append(at));
        return json.append(",\"acl\":").append(acl).append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Map<Verdict, byte[]> answers(boolean authentication) {
        Map<Verdict, byte[]> answers = new EnumMap<>(Verdict.class);
        for (Verdict verdict : Verdict.values()) {
            answers.put(verdict, ("{\"result\":\"" + verdict.wireName() + "\"" + (authentication ? ",\"is_superuser\":false" : "")
                    + "}").getBytes(StandardCharsets.UTF_8));
        }
        return answers;
    }

    private interface Decision {
        /** The answer's JSON, UTF-8. */
        byte[] decide(JsonObject request);
    }

    private Response answer(HttpHeaders headers, HttpServletRequest http, InputStream body, Decision decision) {
        if (!secret.admits(headers.getHeaderString(secret.header()))) {
            return error(Response.Status.UNAUTHORIZED.getStatusCode(), "missing or wrong " + secret.header() + " header");
        }
        JsonObject request;
        try {
            request = HookBody.read(headers.getHeaderString(HttpHeaders.CONTENT_TYPE), headers.getLength(), body,
                    settings.hookMaxBodyBytes());
        } catch (HookBody.Refused refused) {
            return refused(http, refused.status(), refused.getMessage());
        }
        try {
            return Response.ok(decision.decide(request), MediaType.APPLICATION_JSON_TYPE).build();
        } catch (BadRequest e) {
            return refused(http, Response.Status.BAD_REQUEST.getStatusCode(), e.getMessage());
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    /**
     * A store out of service is 503, so EMQX moves on to its next authenticator or authorizer;
     * anything else is a bug: 500 with the reference its log line carries.
     */
    private static Response failed(RuntimeException e) {
        Failure failure = Failure.of(e);
        boolean outage = failure instanceof Failure.Unavailable
                || failure instanceof Failure.Refused refused && refused.kind() == ServiceException.Kind.UNAVAILABLE;
        if (outage) {
            LOG.warning(() -> "MQTT hook could not decide (" + e.getClass().getSimpleName() + "); EMQX will move on");
            return error(Response.Status.SERVICE_UNAVAILABLE.getStatusCode(), "cannot decide now");
        }
        String reference = failure instanceof Failure.Unexpected unexpected
                ? unexpected.reference() : Failure.unexpected(e).reference();
        return error(Response.Status.INTERNAL_SERVER_ERROR.getStatusCode(), "internal error (reference " + reference + ")");
    }

    /** One line, so that a flood of bad requests cannot flood the log with more than itself. */
    private static Response refused(HttpServletRequest http, int status, String reason) {
        LOG.warning(() -> "EMQX hook " + http.getRequestURI() + " from " + http.getRemoteAddr() + " refused (HTTP "
                + status + "): " + reason);
        return error(status, reason);
    }

    private static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(("{\"error\":" + EmqxRule.quote(message) + "}").getBytes(StandardCharsets.UTF_8)).build();
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
