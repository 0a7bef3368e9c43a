package io.clientele.operation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.clientele.operation.BodyGenerator.Body;
import io.clientele.platform.ErrorType;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.TestDatabase;
import io.clientele.testing.TestServer;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/**
 * Thousands of valid, mutated and garbage bodies, generated from each registered operation's input
 * schema with a fixed seed, sent over real HTTP to every operation from a small thread pool. Bad input
 * must never yield a 5xx, every answer must be a well-formed envelope, and a failed call must change
 * nothing: every row the run added or changed is traced back to a successful call.
 */
class FuzzIT {
    private static final java.util.regex.Pattern COMMERCE_WRITE_EVENT =
            java.util.regex.Pattern.compile(
                    "(sale|refund|chargeback|paypal_dispute|fraud_detection|subscription|subscription_renewal|trial)\\.");
    private static final long SEED = 20_260_707L;
    private static final int VALID_PER_OPERATION = 90;
    private static final int MUTATED_PER_OPERATION = 260;
    private static final int GARBAGE_PER_OPERATION = 60;
    private static final int THREADS = 4;
    private static final Pattern ID = Pattern.compile("^[0-9A-Za-z]{20}$");
    private static final Set<Integer> STATUSES = Set.of(200, 400, 401, 403, 404, 409, 413, 415, 429);
    /** The catalogue tables, each with the operation that upserts its items. */
    private static final Map<String, String> CATALOGUE_UPSERTS = Map.of("product_group", "UpsertProductGroup",
            "campaign", "UpsertCampaign", "third_party_shop", "UpsertThirdPartyShop", "product", "UpsertProduct");
    private static final List<String> METADATA_NAMES = List.of("tier", "affiliate_id", "customer_tier", "source_detail", "x");

    private final Api api = TestServer.api();

    private enum Key { FULL, READ_ONLY, NONE }

    private record Probe(String operation, Key key, Body body) {}

    private record Answer(Probe probe, int status, JsonNode body) {
        boolean recorded() {
            return probe.key() != Key.NONE;
        }

        boolean succeeded() {
            return status == 200 && body.path("code").asInt(-1) == 1;
        }

        String apiCallId() {
            return body.path("api_call_id").asText();
        }
    }

    @Test
    void noBodyBreaksAnOperationAndFailedCallsWriteNothing() throws Exception {
        Map<String, JsonNode> schemas = new TreeMap<>();
        for (JsonNode op : api.get("/v1/ops").body().path("operations")) {
            schemas.put(op.path("name").asText(), op.path("input_schema"));
        }
        assertThat(schemas).hasSize(TestServer.shared().executor().registry().all().size());

        Api.Tenant neighbour = api.newTenant("Fuzz neighbour");
        List<String> otherIds = List.of(customerWithMetadata(neighbour), customerWithMetadata(neighbour));
        Map<String, List<String>> otherItems = catalogue(neighbour);
        otherItems.putAll(sales(neighbour, otherIds, otherItems.get("product_id")));
        otherItems.put("customer_group_id", customerGroups(neighbour, otherIds));
        Api.Tenant fuzzed = api.newTenant("Fuzzed");
        String readOnlyKey = api.admin("/admin/v1/tenants/" + fuzzed.tenantId() + "/api-keys", "{\"scopes\":[\"read\"]}")
                .text("api_key");
        List<String> ownIds = new ArrayList<>();
        for (int i = 0; i < 15; i++) ownIds.add(customerWithMetadata(fuzzed));
        for (String deleted : ownIds.subList(12, 15)) {
            assertThat(fuzzed.call("DeleteCustomer", Json.object().put("customer_id", deleted)).ok()).isTrue();
        }
        Map<String, List<String>> ownItems = catalogue(fuzzed);
        ownItems.putAll(sales(fuzzed, ownIds.subList(0, 6), ownItems.get("product_id")));
        ownItems.put("customer_group_id", customerGroups(fuzzed, ownIds));
        List<Probe> probes = probes(schemas, new BodyGenerator.Pools(ownIds, otherIds, METADATA_NAMES, ownItems, otherItems));
        assertThat(probes).hasSizeGreaterThanOrEqualTo(5_000);

        Rows before = Rows.of(fuzzed.tenantId());
        long started = System.nanoTime();
        List<Answer> answers = send(probes, fuzzed.apiKey(), readOnlyKey);
        double seconds = (System.nanoTime() - started) / 1e9;
        Rows after = Rows.of(fuzzed.tenantId());
        System.out.printf("FuzzIT: %d requests to %d operations in %.1f s, by status %s; rows before %s, after %s%n",
                answers.size(), schemas.size(), seconds,
                answers.stream().collect(Collectors.groupingBy(Answer::status, TreeMap::new, Collectors.counting())),
                before.counts(), after.counts());

        List<String> broken = brokenAnswers(answers);
        Set<String> answeredOk = answers.stream().filter(Answer::succeeded).map(a -> a.probe().operation()).collect(Collectors.toSet());
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(broken).as("answers that are 5xx or not a well-formed envelope (%d)", broken.size()).isEmpty();
            assertFailedCallsWroteNothing(softly, answers, before, after);
            softly.assertThat(answeredOk).as("operations that answered 200 at least once (valid bodies must reach the handler)")
                    .containsExactlyInAnyOrderElementsOf(schemas.keySet());
        });
    }

    /**
     * Hand-written valid bodies for operations whose preconditions random valid bodies meet only by luck (a sale
     * with room for a refund when probes refund and void concurrently; a definition that is not a manual one), so
     * "every operation answers 200 at least once" does not depend on the seed.
     */
    private static List<String> knownGood(String operation, BodyGenerator.Pools pools) {
        return switch (operation) {
            case "CreateRefund" -> pools.ownItems().get("sale_id").stream()
                    .map(sale -> "{\"sale_id\": \"" + sale + "\", \"amount\": 0.01}").toList();
            // The setup's manual groups (the first three) and their members (own customers 0 to 2) and others:
            // group and customer deletions and merges among the probes otherwise leave membership changes to luck.
            case "AddCustomerToGroup", "RemoveCustomerFromGroup" -> {
                List<String> bodies = new ArrayList<>();
                List<String> groups = pools.ownItems().get("customer_group_id");
                for (int g = 0; g < 3; g++) {
                    for (int c = 0; c < 6; c++) {
                        bodies.add("{\"customer_group_id\": \"" + groups.get(g) + "\", \"customer_id\": \"" + pools.ownIds().get(c) + "\"}");
                    }
                }
                yield bodies;
            }
            case "PreviewCustomerGroup" -> List.of("{\"qualifier_method\": \"specific_values\", \"qualifiers\": {\"specific_values\":"
                    + " {\"values\": {\"num_sale\": {\"enabled\": true, \"min\": 0, \"max\": 5}}}}}");
            default -> List.of();
        };
    }

    /** Valid, mutated and garbage bodies for every operation, in a shuffled but seeded order. */
    private static List<Probe> probes(Map<String, JsonNode> schemas, BodyGenerator.Pools pools) {
        Random random = new Random(SEED);
        BodyGenerator generator = new BodyGenerator(random, pools);
        List<Probe> probes = new ArrayList<>();
        schemas.forEach((op, schema) -> {
            for (int i = 0; i < VALID_PER_OPERATION; i++) {
                probes.add(new Probe(op, key(random), Body.json("valid", JsonText.write(generator.valid(schema)))));
            }
            for (int i = 0; i < MUTATED_PER_OPERATION; i++) probes.add(new Probe(op, key(random), generator.mutated(schema)));
            for (int i = 0; i < GARBAGE_PER_OPERATION; i++) probes.add(new Probe(op, key(random), generator.garbage(schema)));
            for (String body : knownGood(op, pools)) probes.add(new Probe(op, Key.FULL, Body.json("known good", body)));
        });
        Collections.shuffle(probes, random);
        return probes;
    }

    /** A report per answer that is a 5xx or not a well-formed envelope (failures also against the published Error schema). */
    private List<String> brokenAnswers(List<Answer> answers) {
        Schema errorSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(api.get("/v1/openapi.json").body().at("/components/schemas/Error"));
        List<String> broken = new ArrayList<>();
        for (Answer a : answers) {
            List<String> problems = envelopeProblems(a);
            if (a.body().path("code").asInt(-1) == 0) {
                errorSchema.validate(a.body()).forEach(e -> problems.add("outside the published Error schema: " + e));
            }
            if (!problems.isEmpty()) broken.add(report(a, problems));
        }
        return broken;
    }

    @Test
    void oversizedAndRefusedBodiesGetTheirAnswerNotAResetConnection() throws Exception {
        Api.Tenant tenant = api.newTenant("Oversized");
        List<Probe> probes = new ArrayList<>();
        for (int size : List.of((1 << 20) + 1, 3 << 20, 6 << 20)) {
            byte[] bytes = ("{\"text\":\"" + "a".repeat(size) + "\"}").getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 5; i++) {
                probes.add(new Probe("CreateNote", Key.FULL, new Body("over 1 MiB", bytes, null)));
                probes.add(new Probe("CreateNote", Key.NONE, new Body("over 1 MiB", bytes, null)));
                probes.add(new Probe("CreateNote", Key.FULL, new Body("wrong media type", bytes, "text/plain")));
            }
        }
        assertThat(brokenAnswers(send(probes, tenant.apiKey(), tenant.apiKey()))).isEmpty();
    }

    private String customerWithMetadata(Api.Tenant tenant) {
        String id = tenant.createCustomer();
        Api.Response r = tenant.call("InsertMetadata", Json.object().put("item_type", "customer").put("item_id", id)
                .set("metadata", Json.MAPPER.createArrayNode()
                        .add(Json.object().put("name", "tier").put("value", "gold"))
                        .add(Json.object().put("name", "affiliate_id").put("value", "aff_1"))));
        assertThat(r.ok()).as("setup metadata: %s", r).isTrue();
        r = tenant.call("CreateNote", Json.object().put("item_type", "customer").put("item_id", id).put("text", "Setup note."));
        assertThat(r.ok()).as("setup note: %s", r).isTrue();
        return id;
    }

    /** Three of each catalogue item, by the id field that names them; the products are in the groups. */
    private static Map<String, List<String>> catalogue(Api.Tenant tenant) {
        Map<String, List<String>> ids = new LinkedHashMap<>();
        for (String kind : List.of("product_group", "campaign", "third_party_shop", "product")) {
            List<String> made = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ObjectNode in = Json.object().put("name", kind + " " + i).put("internal_id", "setup-" + i);
                if (kind.equals("product")) in.put("product_group_id", ids.get("product_group_id").get(i)).put("price", 9.99);
                Api.Response r = tenant.call(CATALOGUE_UPSERTS.get(kind), in);
                assertThat(r.ok()).as("setup %s: %s", kind, r).isTrue();
                made.add(r.text(kind + "_id"));
            }
            ids.put(kind + "_id", List.copyOf(made));
        }
        return ids;
    }

    /**
     * Sales of the given customers in every starting status, some refunded or charged back in part, and
     * subscriptions and renewals in every status, by the id fields that
     * name them ({@code sale_id}, {@code product_sale_id}), so edits and refunds have something to act on.
     */
    private static Map<String, List<String>> sales(Api.Tenant tenant, List<String> customers, List<String> products) {
        List<String> statuses = List.of("paid", "pending_declined", "pending_abandoned", "failed_declined", "paid", "paid");
        List<String> sales = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < customers.size() * 2; i++) {
            ObjectNode in = Json.object().put("customer_id", customers.get(i % customers.size()))
                    .put("status", statuses.get(i % statuses.size()));
            in.putArray("product_sales").add(Json.object().put("product_id", products.get(i % products.size())).put("quantity", 3))
                    .add(Json.object().put("product_id", products.get((i + 1) % products.size())).put("quantity", 1)
                            .put("upsell", i % 2 == 0));
            Api.Response r = tenant.call("CreateSale", in);
            assertThat(r.ok()).as("setup sale: %s", r).isTrue();
            sales.add(r.text("sale_id"));
            r.body().path("product_sale_ids").forEach(id -> lines.add(id.asText()));
            if (i % 6 == 4) assertThat(tenant.call("CreateRefund", Json.object().put("sale_id", r.text("sale_id")).put("amount", 1)).ok()).isTrue();
            if (i % 6 == 5) assertThat(tenant.call("CreateChargeback", Json.object().put("sale_id", r.text("sale_id")).put("amount", 1)).ok()).isTrue();
        }
        Map<String, List<String>> ids = new LinkedHashMap<>();
        ids.put("sale_id", List.copyOf(sales));
        ids.put("product_sale_id", List.copyOf(lines));
        // Subscriptions in every status, and renewals in every status of the renewing ones.
        List<String> subscriptions = new ArrayList<>();
        List<String> renewals = new ArrayList<>();
        List<String> subscriptionStatuses = List.of("active", "trial", "overdue", "occurrence_limit", "suspended", "cancelled");
        for (int i = 0; i < subscriptionStatuses.size(); i++) {
            String status = subscriptionStatuses.get(i);
            ObjectNode in = Json.object().put("customer_id", customers.get(i % customers.size()))
                    .put("product_id", products.get(i % products.size())).put("interval_unit", "month").put("status", status)
                    .put("price", 9.5);
            if (status.equals("trial")) in.put("trial_ends_at", "2030-01-01T00:00:00Z");
            Api.Response r = tenant.call("CreateSubscription", in);
            assertThat(r.ok()).as("setup subscription: %s", r).isTrue();
            subscriptions.add(r.text("subscription_id"));
            if (List.of("active", "overdue", "suspended").contains(status)) {
                for (String renewal : List.of("success", "failed", "overdue")) {
                    Api.Response rr = tenant.call("CreateSubscriptionRenewal", Json.object()
                            .put("subscription_id", r.text("subscription_id")).put("status", renewal));
                    assertThat(rr.ok()).as("setup renewal: %s", rr).isTrue();
                    renewals.add(rr.text("subscription_renewal_id"));
                }
            }
        }
        ids.put("subscription_id", List.copyOf(subscriptions));
        // A shipment in every status, of the first paid sale.
        List<String> shipments = new ArrayList<>();
        for (List<String> moves : List.of(List.<String>of(), List.of("shipped"), List.of("shipped", "delivered"),
                List.of("shipped", "returned"))) {
            Api.Response r = tenant.call("CreateShipping", Json.object().put("sale_id", sales.get(0)).put("carrier", "UPS"));
            assertThat(r.ok()).as("setup shipping: %s", r).isTrue();
            for (String move : moves) {
                assertThat(tenant.call("EditShipping", Json.object().put("shipping_id", r.text("shipping_id")).put("status", move))
                        .ok()).isTrue();
            }
            shipments.add(r.text("shipping_id"));
        }
        ids.put("shipping_id", List.copyOf(shipments));
        ids.put("subscription_renewal_id", List.copyOf(renewals));
        return ids;
    }

    /**
     * Three manual groups, each with a member, and a composite group over the first two, so membership changes,
     * refusals for rule-based groups and refused deletes all have something to act on.
     */
    private static List<String> customerGroups(Api.Tenant tenant, List<String> customers) {
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ObjectNode in = Json.object().put("name", "setup manual " + i).put("qualifier_method", "none");
            in.putObject("qualifiers");
            Api.Response r = tenant.call("CreateCustomerGroup", in);
            assertThat(r.ok()).as("setup group: %s", r).isTrue();
            groups.add(r.text("customer_group_id"));
            assertThat(tenant.call("AddCustomerToGroup", Json.object().put("customer_group_id", groups.getLast())
                    .put("customer_id", customers.get(i % customers.size()))).ok()).isTrue();
        }
        ObjectNode composite = Json.object().put("name", "setup composite").put("qualifier_method", "customer_group");
        composite.putObject("qualifiers").putObject("customer_group").putArray("in_any_customer_group")
                .add(groups.get(0)).add(groups.get(1));
        Api.Response r = tenant.call("CreateCustomerGroup", composite);
        assertThat(r.ok()).as("setup composite: %s", r).isTrue();
        groups.add(r.text("customer_group_id"));
        return List.copyOf(groups);
    }

    private static Key key(Random random) {
        int roll = random.nextInt(100);
        return roll < 94 ? Key.FULL : roll < 98 ? Key.READ_ONLY : Key.NONE;
    }

    private List<Answer> send(List<Probe> probes, String fullKey, String readOnlyKey) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Answer>> futures = new ArrayList<>(probes.size());
            for (Probe probe : probes) {
                futures.add(pool.submit(() -> {
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.base() + "/v1/ops/" + probe.operation()))
                            .timeout(Duration.ofSeconds(120))
                            .header("Content-Type", probe.body().contentType() == null ? "application/json" : probe.body().contentType())
                            .POST(HttpRequest.BodyPublishers.ofByteArray(probe.body().bytes()));
                    switch (probe.key()) {
                        case FULL -> request.header("Authorization", "Bearer " + fullKey);
                        case READ_ONLY -> request.header("Authorization", "Bearer " + readOnlyKey);
                        case NONE -> request.header("Authorization", "Bearer ck_" + "0".repeat(40));
                    }
                    try {
                        Api.Response response = api.send(request.build());
                        return new Answer(probe, response.status(), response.body());
                    } catch (UncheckedIOException e) {
                        return new Answer(probe, -1, Json.object().put("raw", "no answer: " + e.getCause()));
                    }
                }));
            }
            List<Answer> answers = new ArrayList<>(probes.size());
            for (Future<Answer> f : futures) answers.add(f.get());
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ envelope

    private static List<String> envelopeProblems(Answer a) {
        List<String> problems = new ArrayList<>();
        JsonNode body = a.body();
        if (a.status() >= 500) problems.add("HTTP " + a.status());
        if (!STATUSES.contains(a.status())) problems.add("unexpected HTTP status " + a.status());
        if (!body.isObject() || body.has("raw")) {
            problems.add("body is not a JSON object");
            return problems;
        }
        if (!ID.matcher(body.path("api_call_id").asText()).matches()) problems.add("api_call_id is not a 20-character id");
        if (!body.path("api_call_unix").isIntegralNumber() || body.path("api_call_unix").asLong() <= 0) {
            problems.add("api_call_unix is not a positive integer");
        }
        int code = body.path("code").isInt() ? body.path("code").asInt() : -1;
        if (code == 1) {
            if (a.status() != 200) problems.add("code 1 with HTTP " + a.status());
            if (!body.path("result").isTextual() || body.path("result").asText().isBlank()) problems.add("success without a result sentence");
            if (body.has("error")) problems.add("success with an error");
        } else if (code == 0) {
            JsonNode error = body.path("error");
            String type = error.path("type").asText("");
            ErrorType known = null;
            for (ErrorType t : ErrorType.values()) if (t.wireName().equals(type)) known = t;
            if (known == null) problems.add("error.type '" + type + "' is not a contract error type");
            else if (known.httpStatus() != a.status()) problems.add("error.type " + type + " with HTTP " + a.status());
            if (!error.path("message").isTextual() || error.path("message").asText().isBlank()) problems.add("error without a message");
            if (!error.path("details").isArray()) problems.add("error.details is not an array");
            for (JsonNode d : error.path("details")) {
                String path = d.path("path").asText(null);
                if (path == null || !(path.isEmpty() || path.startsWith("/"))) problems.add("detail path is not a JSON pointer: " + d);
                if (!d.path("message").isTextual() || d.path("message").asText().isBlank()) problems.add("detail without a message: " + d);
            }
        } else {
            problems.add("code is neither 0 nor 1");
        }
        Integer expected = expectedStatus(a.probe());
        if (expected != null && expected != a.status()) problems.add("expected HTTP " + expected);
        return problems;
    }

    /** The answers some probes must get whatever else is wrong with them. */
    private static Integer expectedStatus(Probe probe) {
        if (probe.key() == Key.NONE) return 401;
        if (probe.body().kind().equals("over 1 MiB")) return 413;
        if (probe.body().kind().equals("wrong media type")) return 415;
        return null;
    }

    private static String report(Answer a, List<String> problems) {
        byte[] bytes = a.probe().body().bytes();
        String text = new String(bytes, 0, Math.min(bytes.length, 2_000), StandardCharsets.UTF_8);
        String type = a.probe().body().contentType() == null ? "" : ", Content-Type " + a.probe().body().contentType();
        return a.probe().operation() + " [" + a.probe().body().kind() + type + ", key " + a.probe().key() + "] -> HTTP " + a.status()
                + " " + problems + "\n  request (" + bytes.length + " bytes" + (bytes.length > 2_000 ? ", first 2000" : "") + "): "
                + text.replace("\u0000", "\\u0000") + "\n  response: " + abbreviate(a.body().toString());
    }

    private static String abbreviate(String s) {
        return s.length() <= 2_000 ? s : s.substring(0, 2_000) + "…";
    }

    // ------------------------------------------------------------------ rows

    /**
     * Every call that authenticated has its api_call row with its code; no event or audit row carries a
     * failed call's id; every customer, note and metadata row the run created, changed or removed is
     * explained by an event of a successful call, and every catalogue row by its audit row.
     */
    private static void assertFailedCallsWroteNothing(SoftAssertions softly, List<Answer> answers, Rows before, Rows after) {
        Map<String, Answer> byCallId = new HashMap<>();
        Set<String> succeeded = new HashSet<>();
        Set<String> createdCustomers = new HashSet<>();
        Set<String> createdNotes = new HashSet<>();
        Set<String> createdItems = new HashSet<>();
        Set<String> createdSales = new HashSet<>();
        int replays = 0;
        for (Answer a : answers) {
            if (!a.recorded()) continue;
            Answer earlier = byCallId.put(a.apiCallId(), a);
            // A retry under an idempotency key the run already used answers the first call's envelope.
            if (earlier != null && a.succeeded() && earlier.body().equals(a.body())) replays++;
            if (!a.succeeded()) continue;
            succeeded.add(a.apiCallId());
            if (a.probe().operation().equals("CreateCustomer")) createdCustomers.add(a.body().path("customer_id").asText());
            if (a.probe().operation().equals("CreateCustomers")) a.body().path("customer_ids").forEach(id -> createdCustomers.add(id.asText()));
            if (a.probe().operation().equals("CreateNote")) createdNotes.add(a.body().path("note_id").asText());
            if (a.probe().operation().equals("CreateSale") && a.body().path("customer_created").asBoolean()) {
                createdCustomers.add(a.body().path("customer_id").asText());
            }
            if (a.probe().operation().equals("CreateSale") && a.body().path("created").asBoolean()) {
                createdSales.add("sale/" + a.body().path("sale_id").asText());
                a.body().path("product_sale_ids").forEach(id -> createdSales.add("product_sale/" + id.asText()));
            }
            if (a.probe().operation().equals("ImportCommerceHistory")) {
                for (JsonNode r : a.body().path("records")) {
                    boolean created = r.path("outcome").asText().equals("created");
                    if (created && r.path("kind").asText().equals("customer")) createdCustomers.add(r.path("id").asText());
                    if (!r.path("created_customer_id").isNull()) createdCustomers.add(r.path("created_customer_id").asText());
                    if (created && r.path("kind").asText().equals("sale")) {
                        createdSales.add("sale/" + r.path("id").asText());
                        r.path("product_sale_ids").forEach(id -> createdSales.add("product_sale/" + id.asText()));
                    }
                }
            }
            CATALOGUE_UPSERTS.forEach((table, upsert) -> {
                if (a.probe().operation().equals(upsert) && a.body().path("outcome").asText().equals("created")) {
                    createdItems.add(table + "/" + a.body().path(table + "_id").asText());
                }
            });
        }
        softly.assertThat(byCallId).as("one api_call id per call, but for idempotent replays")
                .hasSize((int) answers.stream().filter(Answer::recorded).count() - replays);

        Map<String, Integer> newCalls = minus(after.apiCalls(), before.apiCalls());
        softly.assertThat(sample(byCallId.values().stream()
                        .filter(a -> !Integer.valueOf(a.succeeded() ? 1 : 0).equals(newCalls.get(a.apiCallId())))
                        .map(a -> a.probe().operation() + " [" + a.probe().body().kind() + "] HTTP " + a.status()
                                + " -> api_call code " + newCalls.get(a.apiCallId()))))
                .as("calls whose api_call row is missing or has another code").isEmpty();
        softly.assertThat(sample(newCalls.keySet().stream().filter(id -> !byCallId.containsKey(id))))
                .as("api_call rows no answer mentions").isEmpty();

        Map<String, EventRow> newEvents = minus(after.events(), before.events());
        softly.assertThat(sample(newEvents.values().stream().filter(e -> !succeeded.contains(e.apiCallId())).map(EventRow::toString)))
                .as("events not written by a successful call").isEmpty();
        softly.assertThat(sample(minus(after.audit(), before.audit()).entrySet().stream()
                        .filter(e -> !succeeded.contains(e.getValue())).map(Object::toString)))
                .as("audit rows not written by a successful call").isEmpty();

        Set<String> customersInEvents = newEvents.values().stream().filter(e -> e.notation().startsWith("customer."))
                .map(EventRow::customerId).collect(Collectors.toCollection(HashSet::new));
        // A merge announces itself on the primary; the secondary it soft-deletes is named in the payload.
        Set<String> merged = newEvents.values().stream().filter(e -> e.notation().equals("customer.merged"))
                .flatMap(e -> java.util.stream.Stream.of(e.customerId(), e.mergedCustomerId()))
                .collect(Collectors.toSet());
        customersInEvents.addAll(merged);
        softly.assertThat(sample(changedKeys(before.customers(), after.customers()).stream().filter(id -> !customersInEvents.contains(id))))
                .as("customers changed without a successful call's event").isEmpty();
        softly.assertThat(minus(after.customers(), before.customers()).keySet()).as("customers created by the run")
                .containsExactlyInAnyOrderElementsOf(createdCustomers);

        softly.assertThat(after.notes()).as("notes are never removed").containsAll(before.notes());
        Set<String> newNotes = new HashSet<>(after.notes());
        newNotes.removeAll(before.notes());
        softly.assertThat(newNotes).as("notes created by the run").containsExactlyInAnyOrderElementsOf(createdNotes);

        Set<String> metadataInEvents = newEvents.values().stream().filter(e -> e.notation().startsWith("metadata."))
                .map(e -> e.itemType() + "/" + e.itemId() + "/" + e.name()).collect(Collectors.toSet());
        softly.assertThat(sample(changedKeys(before.metadata(), after.metadata()).stream().filter(k -> !metadataInEvents.contains(k))
                        .filter(k -> !k.startsWith("customer/") || !merged.contains(k.split("/")[1]))))
                .as("metadata changed without a successful call's event").isEmpty();

        // The catalogue emits no events; its audit rows account for every change instead.
        Set<String> auditedBySuccess = minus(after.audit(), before.audit()).entrySet().stream()
                .filter(e -> succeeded.contains(e.getValue())).map(e -> after.auditedItems().get(e.getKey()))
                .collect(Collectors.toSet());
        softly.assertThat(sample(changedKeys(before.catalogue(), after.catalogue()).stream().filter(k -> !auditedBySuccess.contains(k))))
                .as("catalogue items changed without a successful call's audit row").isEmpty();
        softly.assertThat(minus(after.catalogue(), before.catalogue()).keySet()).as("catalogue items created by the run")
                .containsExactlyInAnyOrderElementsOf(createdItems);

        // Sales records are audited too: each row created or changed has a successful call's audit row.
        softly.assertThat(sample(changedKeys(before.sales(), after.sales()).stream().filter(k -> !auditedBySuccess.contains(k))))
                .as("sales records changed without a successful call's audit row").isEmpty();
        softly.assertThat(minus(after.sales(), before.sales()).keySet().stream()
                        .filter(k -> k.startsWith("sale/") || k.startsWith("product_sale/")).toList())
                .as("sales and product sales created by the run").containsExactlyInAnyOrderElementsOf(createdSales);
        // A lifetime value moves only with a successful commerce write of its customer (a sale, refund, chargeback,
        // PayPal dispute or fraud detection), or a rebuild's audited correction.
        Set<String> customersOfSaleEvents = newEvents.values().stream()
                .filter(e -> COMMERCE_WRITE_EVENT.matcher(e.notation()).lookingAt())
                .filter(e -> succeeded.contains(e.apiCallId())).map(EventRow::customerId).collect(Collectors.toSet());
        softly.assertThat(sample(changedKeys(before.lifetimeValues(), after.lifetimeValues()).stream()
                        .filter(c -> !customersOfSaleEvents.contains(c) && !auditedBySuccess.contains("lifetime_value/" + c))))
                .as("lifetime values changed without a successful sale write or rebuild").isEmpty();
        // Group definitions and memberships: every change has a successful call's audit row on its group.
        softly.assertThat(sample(changedKeys(before.groups(), after.groups()).stream().filter(k -> !auditedBySuccess.contains(k))))
                .as("customer groups changed without a successful call's audit row").isEmpty();
        softly.assertThat(sample(changedKeys(before.members(), after.members()).stream()
                        .filter(k -> !auditedBySuccess.contains(k.substring(0, k.indexOf('|'))))))
                .as("group memberships changed without a successful call's audit row").isEmpty();
    }

    /** The first 20 of a list of findings, and how many more there are. */
    private static List<String> sample(java.util.stream.Stream<String> findings) {
        List<String> all = findings.toList();
        if (all.size() <= 20) return all;
        List<String> out = new ArrayList<>(all.subList(0, 20));
        out.add("… and " + (all.size() - 20) + " more");
        return out;
    }

    private static <K, V> Map<K, V> minus(Map<K, V> after, Map<K, V> before) {
        Map<K, V> out = new LinkedHashMap<>(after);
        out.keySet().removeAll(before.keySet());
        return out;
    }

    /** Keys added, removed or with another value. */
    private static <V> Set<String> changedKeys(Map<String, V> before, Map<String, V> after) {
        Set<String> out = new HashSet<>();
        after.forEach((k, v) -> { if (!v.equals(before.get(k))) out.add(k); });
        before.keySet().forEach(k -> { if (!after.containsKey(k)) out.add(k); });
        return out;
    }

    /** An event, with the payload's metadata {@code name} and a merge's {@code secondary_customer_id} (else null). */
    private record EventRow(String notation, String apiCallId, String customerId, String itemType, String itemId, String name,
                            String mergedCustomerId) {}

    /** The fuzzed tenant's rows, read as the application role under row-level security. */
    private record Rows(Map<String, Integer> apiCalls, Map<String, EventRow> events, Map<Long, String> audit,
                        Map<Long, String> auditedItems, Map<String, String> customers, Map<String, String> metadata,
                        Set<String> notes, Map<String, String> catalogue, Map<String, String> sales,
                        Map<String, String> lifetimeValues, Map<String, String> groups, Map<String, String> members) {

        static Rows of(String tenant) {
            return TestDatabase.get().jdbi().inTransaction(h -> {
                h.createQuery("SELECT set_config('app.tenant_id', :t, true)").bind("t", tenant).mapTo(String.class).one();
                return new Rows(
                        map(h, "SELECT id, code FROM api_call", rs -> Map.entry(rs.getString(1), rs.getInt(2))),
                        map(h, "SELECT id, notation, api_call_id, customer_id, item_type, item_id, payload->>'name',"
                                        + " payload->>'secondary_customer_id' FROM event",
                                rs -> Map.entry(rs.getString(1), new EventRow(rs.getString(2), rs.getString(3), rs.getString(4),
                                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))),
                        map(h, "SELECT id, coalesce(api_call_id, '') FROM audit_log", rs -> Map.entry(rs.getLong(1), rs.getString(2))),
                        map(h, "SELECT id, item_type || '/' || item_id FROM audit_log", rs -> Map.entry(rs.getLong(1), rs.getString(2))),
                        map(h, "SELECT id, updated_at::text || '|' || coalesce(deleted_at::text, '') FROM customer",
                                rs -> Map.entry(rs.getString(1), rs.getString(2))),
                        map(h, "SELECT item_type || '/' || item_id || '/' || name, value FROM metadata",
                                rs -> Map.entry(rs.getString(1), rs.getString(2))),
                        new HashSet<>(h.createQuery("SELECT id FROM note").mapTo(String.class).list()),
                        map(h, CATALOGUE_UPSERTS.keySet().stream()
                                        .map(t -> "SELECT '" + t + "/' || id, updated_at::text FROM " + t)
                                        .collect(Collectors.joining(" UNION ALL ")),
                                rs -> Map.entry(rs.getString(1), rs.getString(2))),
                        map(h, """
                                SELECT 'sale/' || id, status || '|' || refunded || '|' || updated_at FROM sale
                                UNION ALL SELECT 'product_sale/' || id, refunded::text FROM product_sale
                                UNION ALL SELECT 'refund/' || id, '' FROM refund
                                UNION ALL SELECT 'sale_transaction/' || id, '' FROM sale_transaction
                                UNION ALL SELECT 'chargeback/' || id, '' FROM chargeback
                                UNION ALL SELECT 'paypal_dispute/' || id, '' FROM paypal_dispute
                                UNION ALL SELECT 'fraud_detection/' || id, '' FROM fraud_detection
                                UNION ALL SELECT 'subscription/' || id, status || '|' || updated_at FROM subscription
                                UNION ALL SELECT 'shipping/' || id, status || '|' || updated_at FROM shipping
                                UNION ALL SELECT 'subscription_renewal/' || id, status || '|' || refunded || '|' || updated_at
                                    FROM subscription_renewal""",
                                rs -> Map.entry(rs.getString(1), rs.getString(2))),
                        map(h, "SELECT customer_id, lifetime_value::text FROM lifetime_value",
                                rs -> Map.entry(rs.getString(1), rs.getString(2))),
                        map(h, "SELECT 'customer_group/' || id, updated_at::text FROM customer_group",
                                rs -> Map.entry(rs.getString(1), rs.getString(2))),
                        map(h, "SELECT 'customer_group/' || customer_group_id || '|' || customer_id, added_at::text"
                                        + " FROM customer_group_member", rs -> Map.entry(rs.getString(1), rs.getString(2))));
            });
        }

        Map<String, Integer> counts() {
            Map<String, Integer> out = new LinkedHashMap<>();
            out.put("customer", customers.size());
            out.put("metadata", metadata.size());
            out.put("note", notes.size());
            out.put("catalogue", catalogue.size());
            out.put("sales records", sales.size());
            out.put("lifetime_value", lifetimeValues.size());
            out.put("customer_group", groups.size());
            out.put("customer_group_member", members.size());
            out.put("event", events.size());
            out.put("audit_log", audit.size());
            out.put("api_call", apiCalls.size());
            return out;
        }

        private interface RowMapper<K, V> {
            Map.Entry<K, V> map(java.sql.ResultSet rs) throws java.sql.SQLException;
        }

        private static <K, V> Map<K, V> map(Handle h, String sql, RowMapper<K, V> mapper) {
            Map<K, V> out = new HashMap<>();
            h.createQuery(sql).map((rs, ctx) -> mapper.map(rs)).forEach(e -> out.put(e.getKey(), e.getValue()));
            return out;
        }
    }
}
