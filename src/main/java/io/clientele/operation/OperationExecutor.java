package io.clientele.operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.ErrorType;
import io.clientele.platform.Ids;
import io.clientele.platform.Json;
import io.clientele.platform.Problem;
import io.clientele.platform.Transactions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single path of every call, whatever the surface: find the operation, check the key's scope,
 * validate the input against its schema, run the handler in a tenant transaction, and record the call
 * in {@code api_call} — in the same transaction on success, in a transaction of its own after a
 * rollback on failure — then log one line and build the envelope.
 */
public final class OperationExecutor {
    private static final Logger requestLog = LoggerFactory.getLogger("clientele.api");
    private static final Logger log = LoggerFactory.getLogger(OperationExecutor.class);

    private final OperationRegistry registry;
    private final Transactions transactions;
    private final MeterRegistry meters;
    private final RateLimiter rateLimiter;
    private final boolean checkOutputs;

    /** @param checkOutputs validate every success envelope against the published output schema (tests) */
    public OperationExecutor(OperationRegistry registry, Transactions transactions, MeterRegistry meters,
                             RateLimiter rateLimiter, boolean checkOutputs) {
        this.registry = registry;
        this.transactions = transactions;
        this.meters = meters;
        this.rateLimiter = rateLimiter;
        this.checkOutputs = checkOutputs;
    }

    public OperationRegistry registry() {
        return registry;
    }

    public CallResult call(Caller caller, String operationName, JsonNode input) {
        return call(caller, operationName, input, null);
    }

    /**
     * @param idempotencyKey the {@code Idempotency-Key} a surface received beside the input (REST's header), or
     *                       null; the input's {@code idempotency_key} field is the other way to send one
     */
    public CallResult call(Caller caller, String operationName, JsonNode input, String idempotencyKey) {
        long started = System.nanoTime();
        Instant at = transactions.clock().instant();
        String apiCallId = Ids.newId();
        RegisteredOperation op = registry.find(operationName).orElse(null);
        if (op == null) {
            Problem problem = Problem.of(ErrorType.NOT_FOUND,
                    "No operation named '" + truncate(operationName) + "'. GET /v1/ops lists the operations.");
            return finish(caller, operationName, null, apiCallId, at, started, problem, null);
        }
        try {
            Executed executed = execute(caller, op, input, idempotencyKey, apiCallId, at, started);
            return finish(caller, operationName, op, apiCallId, at, started, null, executed);
        } catch (Problem problem) {
            return finish(caller, operationName, op, apiCallId, at, started, problem, null);
        } catch (RuntimeException e) {
            Problem mapped = fromDatabase(e);
            if (mapped != null) return finish(caller, operationName, op, apiCallId, at, started, mapped, null);
            log.error("api_call_id={} operation={} failed unexpectedly", apiCallId, op.spec().name(), e);
            return finish(caller, operationName, op, apiCallId, at, started,
                    Problem.of(ErrorType.INTERNAL, "An internal error occurred; nothing was changed. Quote api_call_id " + apiCallId + " when reporting it."),
                    null);
        }
    }

    /**
     * A call the surface could not hand over because its body was unusable (not JSON, too large, another
     * media type): answered with the problem and recorded in {@code api_call} like any failed call, so the
     * api_call_id in the answer exists.
     */
    public CallResult refuse(Caller caller, String operationName, Problem problem) {
        long started = System.nanoTime();
        Instant at = transactions.clock().instant();
        RegisteredOperation op = registry.find(operationName).orElse(null);
        return finish(caller, operationName, op, Ids.newId(), at, started, problem, null);
    }

    /** A success envelope (as a tree, or as the text written without one), and whether it is a replay of an earlier call's. */
    private record Executed(ObjectNode body, byte[] bytes, boolean replayed) {
        CallResult result() {
            return bytes != null && !replayed ? CallResult.written(bytes) : new CallResult(200, body, replayed);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Executed execute(Caller caller, RegisteredOperation op, JsonNode input, String keyHeader, String apiCallId,
                             Instant at, long started) {
        OperationSpec spec = op.spec();
        if (!rateLimiter.tryAcquire(caller.actor().id())) {
            throw Problem.of(ErrorType.RATE_LIMITED, "Too many calls with this API key; slow down and retry in a second.");
        }
        if (!caller.scopes().contains(spec.scope())) {
            throw Problem.of(ErrorType.FORBIDDEN, "This API key lacks the '" + spec.scope().wireName() + "' scope that "
                    + spec.name() + " needs. Use a key created with that scope.");
        }
        if (input == null || !input.isObject()) {
            throw Problem.validation("", "The request body must be a JSON object (got " + describe(input) + ").");
        }
        List<Problem.Detail> violations = op.inputValidator.validate(input);
        if (!violations.isEmpty()) throw Problem.validation(violations);
        ObjectNode request = (ObjectNode) input;
        String key = null;
        if (spec.scope() == Scope.WRITE) {
            key = idempotencyKey(request, keyHeader);
            if (request.has(IdempotencyKeys.FIELD)) request = request.deepCopy().without(IdempotencyKeys.FIELD);
        }
        Object parsed;
        try {
            parsed = Json.MAPPER.treeToValue(request, spec.inputType());
        } catch (Exception e) {
            // The schema admits only what the record accepts; reaching here is a schema/record mismatch.
            throw Problem.validation("", "The request could not be read: " + e.getMessage().lines().findFirst().orElse(""));
        }
        Operation operation = op.operation();
        String idempotencyKey = key;
        ObjectNode requestWithoutKey = request;
        return transactions.inTenant(caller.tenant(), caller.actor(), caller.origin(), apiCallId, tx -> {
            if (idempotencyKey != null) {
                var first = IdempotencyKeys.claim(tx, idempotencyKey, spec.name(), requestWithoutKey, apiCallId);
                if (first.isPresent()) return new Executed(first.get(), null, true);
            }
            Outcome outcome = operation.handle(tx, parsed);
            byte[] bytes = Envelope.successBytes(apiCallId, at.getEpochSecond(), outcome);
            // The tree is built only where one is needed: to check the output, or to store it for replays.
            ObjectNode body = checkOutputs || idempotencyKey != null ? Envelope.success(apiCallId, at.getEpochSecond(), outcome) : null;
            if (checkOutputs) {
                List<Problem.Detail> wrong = op.outputValidator.validate(body);
                if (!wrong.isEmpty()) throw new IllegalStateException(spec.name() + " answered outside its output schema: " + wrong);
                String slow = Json.write(body);
                String fast = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
                if (!slow.equals(fast)) {
                    throw new IllegalStateException(spec.name() + " wrote an envelope that differs from its tree:\n" + fast + "\n" + slow);
                }
            }
            if (idempotencyKey != null) IdempotencyKeys.complete(tx, idempotencyKey, body);
            ApiCallLog.insert(tx.handle(), entry(caller, Logged.of(spec), apiCallId, at, started, 1, 200, null));
            return new Executed(body, bytes, false);
        });
    }

    /** The call's idempotency key from the header or the field (the two must agree), or null. */
    private static String idempotencyKey(ObjectNode input, String header) {
        JsonNode field = input.get(IdempotencyKeys.FIELD);
        if (header != null) {
            String problem = IdempotencyKeys.problemWith(header);
            if (problem != null) throw Problem.validation("/" + IdempotencyKeys.FIELD, "The " + IdempotencyKeys.HEADER + " header " + problem + ".");
            if (field != null && !field.asText().equals(header)) {
                throw Problem.validation("/" + IdempotencyKeys.FIELD, "The " + IdempotencyKeys.HEADER
                        + " header and the idempotency_key field differ; send the key once, in either.");
            }
            return header;
        }
        return field == null ? null : field.asText();
    }

    /** @param requested the operation name as the caller sent it; logged as is when no such operation exists */
    private CallResult finish(Caller caller, String requested, RegisteredOperation op, String apiCallId, Instant at,
                              long started, Problem problem, Executed executed) {
        int status = problem == null ? 200 : problem.type().httpStatus();
        String name = op == null ? truncate(requested) : op.spec().name();
        boolean replayed = executed != null && executed.replayed();
        ObjectNode body = replayed ? executed.body() : null;
        if (problem != null) {
            body = Envelope.failure(apiCallId, at.getEpochSecond(), problem);
            recordFailure(caller, op == null ? new Logged(name, UNKNOWN, UNKNOWN) : Logged.of(op.spec()),
                    apiCallId, at, started, status, problem);
        }
        double ms = (System.nanoTime() - started) / 1e6;
        Timer.builder("clientele.operation").tag("operation", op == null ? UNKNOWN : name).tag("code", problem == null ? "1" : "0")
                .register(meters).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        // A replay is answered with the first call's envelope and api_call_id, and records nothing new.
        requestLog.info("api_call_id={} tenant={} operation={} actor={} code={} status={} error={} duration_ms={}{}",
                apiCallId, caller.tenant(), name, caller.actor().kind(), problem == null ? 1 : 0, status,
                problem == null ? "-" : problem.type().wireName(), String.format("%.2f", ms),
                replayed ? " replay_of=" + body.path("api_call_id").asText() : "");
        return executed != null ? executed.result() : new CallResult(status, body, false);
    }

    /** How a call is named in api_call: operation, type, method. */
    private record Logged(String operation, String type, String method) {
        static Logged of(OperationSpec<?> spec) {
            return new Logged(spec.name(), spec.type(), spec.method());
        }
    }

    private static final String UNKNOWN = "unknown";

    private void recordFailure(Caller caller, Logged op, String apiCallId, Instant at, long started,
                               int status, Problem problem) {
        try {
            transactions.inTenant(caller.tenant(), caller.actor(), caller.origin(), apiCallId, tx -> {
                ApiCallLog.insert(tx.handle(), entry(caller, op, apiCallId, at, started, 0, status, problem.type().wireName()));
                return null;
            });
        } catch (RuntimeException e) {
            log.error("api_call_id={} could not be recorded", apiCallId, e);
        }
    }

    private static ApiCallLog.Entry entry(Caller caller, Logged op, String apiCallId, Instant at,
                                          long started, int code, int status, String errorType) {
        String assistant = "ai_assistant".equals(caller.actor().kind()) ? caller.actor().id() : null;
        return new ApiCallLog.Entry(caller.tenant(), apiCallId, op.operation(), op.type(), op.method(), code, status,
                errorType, caller.actor().kind(), caller.actor().id(), assistant,
                (System.nanoTime() - started) / 1e6, at);
    }

    /** Constraint violations that slipped past validation are the caller's problem, not a 5xx. */
    private static Problem fromDatabase(RuntimeException e) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof SQLException)) cause = cause.getCause();
        if (!(cause instanceof SQLException sql) || !(e instanceof JdbiException) || sql.getSQLState() == null) return null;
        return switch (sql.getSQLState()) {
            case "23505" -> Problem.of(ErrorType.CONFLICT, "The item conflicts with one that already exists.");
            case "23502", "23514", "22001", "22003", "22007", "22008", "22P02", "22021", "22P05" ->
                    Problem.of(ErrorType.VALIDATION, "A value was not accepted by the database: " + firstLine(sql.getMessage()));
            default -> null;
        };
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) return "nothing";
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String truncate(String s) {
        return s == null ? "" : s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
