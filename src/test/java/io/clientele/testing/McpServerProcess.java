package io.clientele.testing;

import io.clientele.Main;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line and environment of {@code clientele mcp} as a subprocess on the shared test database:
 * {@code java -cp <test classpath> io.clientele.Main mcp --database-url <test database>}, with the audit key
 * and app role password the test JVM uses, so its start changes nothing for the other tests.
 */
public final class McpServerProcess {
    private McpServerProcess() {}

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The arguments after {@link #java()}; {@code mcpArgs} replace the default {@code mcp --database-url …}. */
    public static List<String> arguments(List<String> mcpArgs) {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> args = new ArrayList<>(List.of("-cp", classpath, Main.class.getName()));
        args.addAll(mcpArgs);
        return args;
    }

    public static List<String> arguments() {
        return arguments(List.of("mcp", "--database-url", TestDatabase.ownerJdbcUrl()));
    }

    /** {@link #java()} and {@link #arguments()} as one command line. */
    public static List<String> commandLine() {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(arguments());
        return command;
    }

    /** The environment the server needs besides the API key. */
    public static Map<String, String> environment() {
        return Map.of("CLIENTELE_AUDIT_KEY", TestServer.AUDIT_KEY, "CLIENTELE_APP_DB_PASSWORD", TestDatabase.APP_PASSWORD);
    }
}
