package io.clientele.customer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Metadata writes on one item from several clients at once. */
class MetadataConcurrencyIT {
    private final Api api = TestServer.api();

    @Test
    void callsNamingTheSameMetadataInAnotherOrderDoNotDeadlock() throws Exception {
        Api.Tenant tenant = api.newTenant("Concurrent metadata");
        String customer = tenant.createCustomer();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Api.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                int n = i;
                calls.add(pool.submit(() -> n % 3 == 2
                        ? tenant.call("DeleteMetadata", Json.object().put("item_type", "customer").put("item_id", customer)
                                .set("names", Json.MAPPER.createArrayNode().add("c").add("a")))
                        : tenant.call("InsertMetadata", Json.object().put("item_type", "customer").put("item_id", customer)
                                .set("metadata", pairs(n % 2 == 0 ? List.of("a", "b", "c") : List.of("c", "b", "a"), "v" + n)))));
            }
            for (Future<Api.Response> call : calls) {
                Api.Response r = call.get();
                assertThat(r.ok()).as("%s", r).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static ArrayNode pairs(List<String> names, String value) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        names.forEach(name -> out.add(Json.object().put("name", name).put("value", value)));
        return out;
    }
}
