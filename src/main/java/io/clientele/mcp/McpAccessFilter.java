package io.clientele.mcp;

import io.clientele.operation.Authenticator;
import io.clientele.operation.Caller;
import io.clientele.platform.ErrorType;
import io.clientele.platform.Json;
import io.clientele.platform.Origin;
import io.modelcontextprotocol.server.transport.HeaderAccessor;
import io.modelcontextprotocol.server.transport.ServerHttpHeaderValidator;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.spec.HttpHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gate in front of {@code /mcp}: the Origin and Host must be allowed (DNS rebinding), the bearer must be
 * a valid API key, and a session may only be used by the key that opened it. Only then does the request
 * reach the SDK's transport, with the caller as a request attribute for the transport context.
 */
final class McpAccessFilter extends HttpFilter {
    static final String CALLER = McpAccessFilter.class.getName() + ".caller";
    private static final int MAX_SESSIONS = 10_000;
    private static final long DISCARD_LIMIT = 8L << 20;

    private final ServerHttpHeaderValidator hosts;
    private final Authenticator authenticator;
    /** Session id → id of the API key that initialized it; the eldest is forgotten past MAX_SESSIONS. */
    private final Map<String, String> sessionOwners = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_SESSIONS;
        }
    });

    McpAccessFilter(ServerHttpHeaderValidator hosts, Authenticator authenticator) {
        this.hosts = hosts;
        this.authenticator = authenticator;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            hosts.validate(headersOf(request));
        } catch (ServerTransportSecurityException e) {
            refuse(request, response, e.getStatusCode(), ErrorType.FORBIDDEN, e.getMessage()
                    + ": this server answers MCP only for its allowed hosts and origins (serve --mcp-allowed-host).");
            return;
        }
        Optional<Caller> caller = authenticator.authenticate(bearer(request),
                new Origin(request.getRemoteAddr(), request.getHeader("User-Agent")));
        if (caller.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"clientele\"");
            refuse(request, response, 401, ErrorType.UNAUTHORIZED, "A valid API key is required: send 'Authorization: "
                    + "Bearer <api key>'. Keys are created with POST /admin/v1/tenants.");
            return;
        }
        String keyId = caller.get().actor().id();
        String session = request.getHeader(HttpHeaders.MCP_SESSION_ID);
        if (session != null && !keyId.equals(sessionOwners.get(session))) {
            // Another key's session is answered like one that does not exist, so the client starts its own.
            refuse(request, response, 404, ErrorType.NOT_FOUND, "No such MCP session for this API key; initialize a new one.");
            return;
        }
        request.setAttribute(CALLER, caller.get());
        chain.doFilter(request, session == null ? new SessionRecorder(response, keyId) : response);
        if (session != null && "DELETE".equals(request.getMethod())) sessionOwners.remove(session);
    }

    /** Notes the owner of the session the transport opens when it sets the session header. */
    private final class SessionRecorder extends HttpServletResponseWrapper {
        private final String keyId;

        SessionRecorder(HttpServletResponse response, String keyId) {
            super(response);
            this.keyId = keyId;
        }

        @Override
        public void setHeader(String name, String value) {
            record(name, value);
            super.setHeader(name, value);
        }

        @Override
        public void addHeader(String name, String value) {
            record(name, value);
            super.addHeader(name, value);
        }

        private void record(String name, String value) {
            if (HttpHeaders.MCP_SESSION_ID.equalsIgnoreCase(name) && value != null) sessionOwners.put(value, keyId);
        }
    }

    /** A JSON-RPC error without an id, since the request was not read; data.type is the REST error type. */
    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, ErrorType type,
                               String message) throws IOException {
        discardBody(request);
        var body = Json.object().put("jsonrpc", "2.0").putNull("id");
        body.putObject("error").put("code", -32000).put("message", message).putObject("data").put("type", type.wireName());
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    /** Reads what the client is still sending, so it sees the answer rather than a reset connection. */
    private static void discardBody(HttpServletRequest request) {
        byte[] buffer = new byte[64 * 1024];
        long left = DISCARD_LIMIT;
        try (InputStream in = request.getInputStream()) {
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) left -= n;
        } catch (IOException e) {
            // The client went away; the answer goes out anyway.
        }
    }

    private static String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
        return header.substring(7).strip();
    }

    private static HeaderAccessor headersOf(HttpServletRequest request) {
        return new HeaderAccessor() {
            @Override
            public List<String> getHeader(String name) {
                return Collections.list(request.getHeaders(name));
            }

            @Override
            public List<String> getHeaderNames() {
                return Collections.list(request.getHeaderNames());
            }
        };
    }
}
