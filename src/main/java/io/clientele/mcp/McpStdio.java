package io.clientele.mcp;

import io.clientele.operation.Caller;
import io.clientele.operation.OperationExecutor;
import io.clientele.platform.Origin;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * MCP over stdio for one client, as the one caller whose key was checked at start. The audit log's user
 * agent is the client's name and version from its initialize request.
 */
public final class McpStdio {
    private final OperationExecutor executor;
    private final Caller caller;
    private final String version;

    public McpStdio(OperationExecutor executor, Caller caller, String version) {
        this.executor = executor;
        this.caller = caller;
        this.version = version;
    }

    /** Answers requests from {@code in} on {@code out} until {@code in} ends (the client closed it). */
    public void serve(InputStream in, OutputStream out) throws InterruptedException {
        CountDownLatch ended = new CountDownLatch(1);
        InputStream watched = new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                try {
                    return ended(super.read());
                } catch (IOException e) {
                    ended.countDown();
                    throw e;
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return ended(super.read(b, off, len));
                } catch (IOException e) {
                    ended.countDown();
                    throw e;
                }
            }

            private int ended(int n) {
                if (n < 0) ended.countDown();
                return n;
            }
        };
        OperationTools tools = new OperationTools(executor, exchange -> Optional.of(new Caller(caller.tenant(),
                caller.actor(), caller.scopes(), new Origin(null, userAgent(exchange.getClientInfo())))));
        McpSyncServer server = tools.build(McpServer.sync(new StdioServerTransportProvider(McpJson.MAPPER, watched, out)), version);
        try {
            ended.await();
        } finally {
            server.closeGracefully();
        }
    }

    private static String userAgent(McpSchema.Implementation client) {
        return client == null ? "mcp-stdio" : client.name() + "/" + client.version() + " (mcp-stdio)";
    }
}
