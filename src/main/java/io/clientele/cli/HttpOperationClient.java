package io.clientele.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Calls {@code POST /v1/ops/{Operation}} with an API key over real HTTP/1.1 (keep-alive; the JDK client
 * pools one connection per concurrent caller). Safe to share between threads.
 */
final class HttpOperationClient {
    /** An answer: HTTP status, raw body, and how long the round trip took. */
    record Answer(int status, byte[] body, long nanos) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;
    private final String authorization;
    private final Duration timeout;

    HttpOperationClient(String host, int port, String apiKey) {
        this(host, port, apiKey, Duration.ofSeconds(60));
    }

    /** @param timeout how long one call may take before it counts as failed */
    HttpOperationClient(String host, int port, String apiKey, Duration timeout) {
        this.base = "http://" + host + ":" + port + "/v1/ops/";
        this.authorization = "Bearer " + apiKey;
        this.timeout = timeout;
    }

    Answer call(String operation, byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + operation))
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        long started = System.nanoTime();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.body(), System.nanoTime() - started);
    }
}
