package io.clientele.mcp;

import io.clientele.operation.Authenticator;
import io.clientele.operation.Caller;
import io.clientele.operation.OperationExecutor;
import io.clientele.operation.RestApi;
import io.javalin.config.JavalinConfig;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * MCP over Streamable HTTP at {@value #PATH}, on the service's own Jetty: the SDK's servlet transport behind
 * {@link McpAccessFilter}, which carries each request's caller into the transport context for the tools.
 */
public final class McpHttp implements AutoCloseable {
    public static final String PATH = "/mcp";
    /** Loopback names: the allowed hosts and origins when nothing else is configured. */
    public static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "[::1]");

    private final HttpServletStreamableServerTransportProvider transport;
    private final McpAccessFilter filter;
    private final McpSyncServer server;

    /**
     * @param authenticator turns the bearer into a caller (actor kind {@code mcp})
     * @param allowedHosts  host names (or {@code host:port}) besides loopback that clients may use in Host and Origin
     */
    public McpHttp(OperationExecutor executor, Authenticator authenticator, List<String> allowedHosts, String version) {
        DefaultServerTransportSecurityValidator hosts = hostValidator(allowedHosts);
        this.filter = new McpAccessFilter(hosts, authenticator);
        this.transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(McpJson.MAPPER)
                .mcpEndpoint(PATH)
                .httpHeaderValidator(hosts)
                .maxRequestSize(2 * RestApi.MAX_BODY_BYTES)
                .contextExtractor(request -> request.getAttribute(McpAccessFilter.CALLER) instanceof Caller caller
                        ? McpTransportContext.create(Map.of(McpAccessFilter.CALLER, caller))
                        : McpTransportContext.EMPTY)
                .build();
        OperationTools tools = new OperationTools(executor,
                exchange -> Optional.ofNullable(exchange.transportContext().get(McpAccessFilter.CALLER)).map(Caller.class::cast));
        // Handlers run on the request's own (virtual) thread rather than a bounded Reactor pool.
        this.server = tools.build(McpServer.sync(transport).immediateExecution(true), version);
    }

    public void mount(JavalinConfig config) {
        config.jetty.modifyServletContextHandler(context -> {
            FilterHolder gate = new FilterHolder(filter);
            gate.setAsyncSupported(true);
            context.addFilter(gate, PATH, EnumSet.of(DispatcherType.REQUEST));
            ServletHolder servlet = new ServletHolder("mcp", transport);
            servlet.setAsyncSupported(true);
            context.addServlet(servlet, PATH);
        });
    }

    /**
     * Loopback with any port, plus each configured host: {@code name} allows any port, {@code name:port}
     * that port only; Origins are the same hosts over http or https. A request without Origin (not from a
     * browser) is checked on Host alone.
     */
    static DefaultServerTransportSecurityValidator hostValidator(List<String> allowedHosts) {
        List<String> all = new ArrayList<>(LOOPBACK);
        allowedHosts.stream().map(String::strip).filter(h -> !h.isEmpty()).forEach(all::add);
        DefaultServerTransportSecurityValidator.Builder builder = DefaultServerTransportSecurityValidator.builder();
        for (String host : all) {
            boolean hasPort = host.startsWith("[") ? host.contains("]:") : host.contains(":");
            String pattern = hasPort ? host : host + ":*";
            builder.allowedHost(pattern).allowedOrigin("http://" + pattern).allowedOrigin("https://" + pattern);
        }
        return builder.build();
    }

    @Override
    public void close() {
        server.closeGracefully();
    }
}
