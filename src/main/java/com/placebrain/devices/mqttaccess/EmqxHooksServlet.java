package com.placebrain.devices.mqttaccess;

import com.placebrain.devices.platform.config.ServiceSettings;
import com.placebrain.devices.platform.errors.Failure;
import com.placebrain.devices.platform.errors.ServiceException;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Enumeration;
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
 * <p>A plain servlet, and answers written as JSON text, because this is the path of every MQTT
 * login (a reconnect storm is thousands at once): a JAX-RS dispatch and JSON-P objects cost more
 * than the decision itself (BENCHMARKS.md). The answers are a few fixed fields and the rule list,
 * whose constant parts are written once per process ({@link EmqxAclRules#toJson(MqttIdentity,
 * AccessFacts)}); every other answer is one of a handful of constant bodies.
 */
@WebServlet(urlPatterns = {EmqxHooksServlet.AUTH_PATH, EmqxHooksServlet.ACL_PATH})
public class EmqxHooksServlet extends HttpServlet {

    static final String AUTH_PATH = "/mqtt/auth";
    static final String ACL_PATH = "/mqtt/acl";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(EmqxHooksServlet.class.getName());
    private static final String JSON = "application/json";
    /** The authentication answers without rules, and the authorization answers, by verdict. */
    private static final Map<Verdict, byte[]> AUTH_ANSWERS = answers(true);
    private static final Map<Verdict, byte[]> ACL_ANSWERS = answers(false);

    // Servlets take field injection only; the beans are application scoped (client proxies).
    @Inject
    private transient MqttAuthService auth;
    @Inject
    private transient MqttAclService acl;
    @Inject
    private transient HookSecret secret;
    @Inject
    private transient ServiceSettings settings;
    @Inject
    private transient HookMetrics metrics;

    @Override
    protected void doPost(HttpServletRequest http, HttpServletResponse response) throws IOException {
        long started = System.nanoTime();
        boolean authentication = AUTH_PATH.equals(http.getServletPath());
        Decision decision = authentication
                ? request -> {
                    AuthDecision decided = auth.authenticate(requiredString(request, "username"),
                            optionalString(request, "password"), optionalString(request, "clientid"),
                            optionalString(request, "peerhost"));
                    return new Decided(decided.verdict(), authAnswer(decided));
                }
                : request -> {
                    Verdict verdict = acl.check(requiredString(request, "username"),
                            requiredString(request, "topic"), requiredString(request, "action"));
                    return new Decided(verdict, ACL_ANSWERS.get(verdict));
                };
        Answer answer = answer(http, decision);
        response.setStatus(answer.status());
        response.setContentType(JSON);
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
        metrics.answered(authentication ? "auth" : "acl", answer.result(), System.nanoTime() - started);
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
            answers.put(verdict, ("{\"result\":\"" + verdict.wireName() + "\""
                    + (authentication ? ",\"is_superuser\":false" : "") + "}").getBytes(StandardCharsets.UTF_8));
        }
        return answers;
    }

    private interface Decision {
        Decided decide(JsonObject request);
    }

    /** A verdict and its answer's JSON, UTF-8. */
    private record Decided(Verdict verdict, byte[] body) {
    }

    /** An HTTP status, its JSON body (UTF-8), and the result it counts as (HookMetrics). */
    private record Answer(int status, byte[] body, String result) {
    }

    private Answer answer(HttpServletRequest http, Decision decision) {
        if (!secret.admits(header(http, secret.header()))) {
            return error(HttpServletResponse.SC_UNAUTHORIZED, "missing or wrong " + secret.header() + " header");
        }
        JsonObject request;
        try {
            request = HookBody.read(header(http, "Content-Type"), http.getContentLengthLong(), http.getInputStream(),
                    settings.hookMaxBodyBytes());
        } catch (HookBody.Refused refused) {
            return refused(http, refused.status(), refused.getMessage());
        } catch (IOException unreadable) {
            return refused(http, HttpServletResponse.SC_BAD_REQUEST, "the body could not be read");
        }
        try {
            Decided decided = decision.decide(request);
            return new Answer(HttpServletResponse.SC_OK, decided.body(), decided.verdict().wireName());
        } catch (BadRequest e) {
            return refused(http, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    /**
     * A store out of service is 503, so EMQX moves on to its next authenticator or authorizer;
     * anything else is a bug: 500 with the reference its log line carries.
     */
    private static Answer failed(RuntimeException e) {
        Failure failure = Failure.of(e);
        boolean outage = failure instanceof Failure.Unavailable
                || failure instanceof Failure.Refused refused && refused.kind() == ServiceException.Kind.UNAVAILABLE;
        if (outage) {
            LOG.warning(() -> "MQTT hook could not decide (" + e.getClass().getSimpleName() + "); EMQX will move on");
            return error(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "cannot decide now");
        }
        String reference = failure instanceof Failure.Unexpected unexpected
                ? unexpected.reference() : Failure.unexpected(e).reference();
        return error(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "internal error (reference " + reference + ")");
    }

    /** One line, so that a flood of bad requests cannot flood the log with more than itself. */
    private static Answer refused(HttpServletRequest http, int status, String reason) {
        LOG.warning(() -> "EMQX hook " + http.getRequestURI() + " from " + http.getRemoteAddr() + " refused (HTTP "
                + status + "): " + reason);
        return error(status, reason);
    }

    private static Answer error(int status, String message) {
        return new Answer(status, ("{\"error\":" + EmqxRule.quote(message) + "}").getBytes(StandardCharsets.UTF_8),
                status >= HttpServletResponse.SC_INTERNAL_SERVER_ERROR ? "error" : "bad_request");
    }

    /**
     * A header's values joined by commas, null when absent: a header sent twice is judged as a
     * whole (two Content-Types are not application/json, two secrets are not the secret).
     */
    private static String header(HttpServletRequest http, String name) {
        Enumeration<String> values = http.getHeaders(name);
        if (values == null || !values.hasMoreElements()) {
            return null;
        }
        String first = values.nextElement();
        if (!values.hasMoreElements()) {
            return first;
        }
        StringBuilder joined = new StringBuilder(first);
        while (values.hasMoreElements()) {
            joined.append(',').append(values.nextElement());
        }
        return joined.toString();
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
