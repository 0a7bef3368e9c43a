package io.clientele.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HeaderAccessor;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which Host and Origin headers /mcp accepts: loopback on any port, and the configured hosts. */
class McpAllowedHostsTest {
    private final DefaultServerTransportSecurityValidator hosts =
            McpHttp.hostValidator(List.of("crm.example.com", "10.0.0.5:8443", "[fd00::1]"));

    @Test
    void loopbackNamesAreAllowedOnAnyPortAsHostAndAsOrigin() {
        accepted("localhost:8080", null);
        accepted("127.0.0.1:1234", "http://127.0.0.1:5173");
        accepted("[::1]:8080", "http://[::1]:3000");
        accepted("localhost", "https://localhost");
    }

    @Test
    void aConfiguredNameIsAllowedOnAnyPortAndANameWithAPortOnlyOnThatPort() {
        accepted("crm.example.com", "https://crm.example.com");
        accepted("crm.example.com:8080", "http://crm.example.com:8080");
        accepted("10.0.0.5:8443", "https://10.0.0.5:8443");
        accepted("[fd00::1]:9000", null);
        refused("10.0.0.5:8080", null, 421);
    }

    @Test
    void anythingElseIsRefusedEvenWhenItStartsLikeAnAllowedName() {
        refused("evil.example:8080", null, 421);
        refused("localhost.evil.example", null, 421);
        refused("localhost:8080", "http://evil.example", 403);
        refused("localhost:8080", "http://localhost.evil.example", 403);
        refused("localhost:8080", "null", 403);
    }

    private void accepted(String host, String origin) {
        assertThatCode(() -> hosts.validate(headers(host, origin))).doesNotThrowAnyException();
    }

    private void refused(String host, String origin, int status) {
        assertThatThrownBy(() -> hosts.validate(headers(host, origin)))
                .isInstanceOfSatisfying(ServerTransportSecurityException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(status));
    }

    private static HeaderAccessor headers(String host, String origin) {
        Map<String, String> headers = origin == null ? Map.of("Host", host) : Map.of("Host", host, "Origin", origin);
        return new HeaderAccessor() {
            @Override
            public List<String> getHeader(String name) {
                String value = headers.get(name);
                return value == null ? List.of() : List.of(value);
            }

            @Override
            public List<String> getHeaderNames() {
                return List.copyOf(headers.keySet());
            }
        };
    }
}
