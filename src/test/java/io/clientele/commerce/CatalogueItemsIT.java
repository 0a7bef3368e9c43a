package io.clientele.commerce;

import static io.clientele.testing.Nodes.texts;
import static io.clientele.testing.Requests.auditOf;
import static io.clientele.testing.Requests.named;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Ids;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.TenantRows;
import io.clientele.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Product groups, campaigns and third-party shops: the same upsert rules as products (by id, by internal_id,
 * else a new item), the same paging and auditing, checked for each kind.
 */
class CatalogueItemsIT {
    /** A catalogue kind other than products, with its operations and field names. */
    enum Kind {
        PRODUCT_GROUP("UpsertProductGroup", "GetProductGroups", "product_group", "product_groups"),
        CAMPAIGN("UpsertCampaign", "GetCampaigns", "campaign", "campaigns"),
        THIRD_PARTY_SHOP("UpsertThirdPartyShop", "GetThirdPartyShops", "third_party_shop", "third_party_shops");

        final String upsert;
        final String list;
        final String type;
        final String listField;

        Kind(String upsert, String list, String type, String listField) {
            this.upsert = upsert;
            this.list = list;
            this.type = type;
            this.listField = listField;
        }

        String idField() {
            return type + "_id";
        }
    }

    private final Api api = TestServer.api();
    private final Api.Tenant shop = api.newTenant("Paver Shop");
    private final TenantRows rows = TenantRows.of(shop);

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anItemIsCreatedWithItsNameInternalIdAndDescription(Kind kind) {
        Api.Response created = shop.ok(kind.upsert, named("Spring sale").put("internal_id", "ext-1")
                .put("description", "Ten percent off pavers."));

        String id = created.text(kind.idField());
        JsonNode item = created.body().path(kind.type);
        assertThat(Ids.isId(id)).isTrue();
        assertThat(created.text("outcome")).isEqualTo("created");
        assertThat(item.path(kind.idField()).asText()).isEqualTo(id);
        assertThat(item.path("name").asText()).isEqualTo("Spring sale");
        assertThat(item.path("internal_id").asText()).isEqualTo("ext-1");
        assertThat(item.path("description").asText()).isEqualTo("Ten percent off pavers.");
        assertThat(list(kind, Json.object())).containsExactly(item);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void upsertWithTheIdChangesOnlyWhatIsSentAndAnEmptyStringClears(Kind kind) {
        String id = shop.ok(kind.upsert, named("Spring").put("internal_id", "ext-1").put("description", "Old.")).text(kind.idField());

        Api.Response updated = shop.ok(kind.upsert, named("Spring 2026").put(kind.idField(), id).put("description", ""));

        assertThat(updated.text("outcome")).isEqualTo("updated");
        assertThat(texts(updated.body().path("changed_fields"))).containsExactly("name", "description");
        JsonNode item = updated.body().path(kind.type);
        assertThat(item.path("name").asText()).isEqualTo("Spring 2026");
        assertThat(item.path("description").isNull()).isTrue();
        assertThat(item.path("internal_id").asText()).as("left out, kept").isEqualTo("ext-1");
        assertThat(list(kind, Json.object())).containsExactly(item);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anUpsertWithoutIdButAKnownInternalIdUpdatesThatItem(Kind kind) {
        String id = shop.ok(kind.upsert, named("Spring").put("internal_id", "ext-1")).text(kind.idField());

        Api.Response again = shop.ok(kind.upsert, named("Spring, renamed").put("internal_id", "ext-1"));
        Api.Response same = shop.ok(kind.upsert, named("Spring, renamed").put("internal_id", "ext-1"));

        assertThat(again.text(kind.idField())).isEqualTo(id);
        assertThat(again.text("outcome")).isEqualTo("updated");
        assertThat(same.text("outcome")).isEqualTo("unchanged");
        assertThat(list(kind, Json.object())).hasSize(1);
        assertThat(list(kind, Json.object().put("internal_id", "ext-1")).getFirst().path("name").asText()).isEqualTo("Spring, renamed");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void withoutIdOrInternalIdEveryUpsertCreatesANewItem(Kind kind) {
        shop.ok(kind.upsert, named("Spring"));
        shop.ok(kind.upsert, named("Spring"));

        assertThat(list(kind, Json.object())).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anUnknownIdIsNotFoundAtItsField(Kind kind) {
        String ghost = Ids.newId();

        Api.Response r = shop.call(kind.upsert, named("Ghost").put(kind.idField(), ghost));

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errorType()).isEqualTo("not_found");
        assertThat(r.body().at("/error/message").asText()).contains(ghost);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/" + kind.idField());
        assertThat(rows.count(kind.type)).isZero();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anInternalIdAnotherItemHasIsAConflict(Kind kind) {
        String first = shop.ok(kind.upsert, named("A").put("internal_id", "ext-1")).text(kind.idField());
        String second = shop.ok(kind.upsert, named("B")).text(kind.idField());

        Api.Response r = shop.call(kind.upsert, named("B").put(kind.idField(), second).put("internal_id", "ext-1"));

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/internal_id");
        assertThat(r.body().at("/error/message").asText()).contains(first);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void itemsAreListedAPageAtATimeInBothOrders(Kind kind) {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) created.add(shop.ok(kind.upsert, named("Item " + i)).text(kind.idField()));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ObjectNode in = Json.object().put("limit", 2).put("order", "oldest_first");
            if (cursor != null) in.put("cursor", cursor);
            JsonNode page = shop.ok(kind.list, in).body();
            seen.addAll(texts(page.path(kind.listField), kind.idField()));
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(created);
        assertThat(texts(shop.ok(kind.list, Json.object()).body().path(kind.listField), kind.idField()))
                .containsExactlyElementsOf(created.reversed());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyChangeIsAuditedUnderTheKindsItemType(Kind kind) {
        Api.Response created = shop.ok(kind.upsert, named("Spring"));
        String id = created.text(kind.idField());
        Api.Response updated = shop.ok(kind.upsert, named("Summer").put(kind.idField(), id));

        JsonNode entries = shop.ok("GetAuditLog", auditOf(kind.type, id)).body().path("entries");

        assertThat(texts(entries, "action")).containsExactly("create", "update");
        assertThat(texts(entries, "api_call_id")).containsExactly(created.apiCallId(), updated.apiCallId());
        assertThat(entries.get(1).at("/before/name").asText()).isEqualTo("Spring");
        assertThat(entries.get(1).at("/after/name").asText()).isEqualTo("Summer");
        assertThat(rows.events()).as("the catalogue emits no events").isEmpty();
    }

    @Test
    void aShopKeepsItsWebAddress() {
        JsonNode shopItem = shop.ok("UpsertThirdPartyShop", named("Amazon").put("url", "https://www.amazon.com/s?me=A1B2C3"))
                .body().path("third_party_shop");

        assertThat(shopItem.path("url").asText()).isEqualTo("https://www.amazon.com/s?me=A1B2C3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"amazon", "ftp://files.example.com", "https://", "javascript:alert(1)", "https://exa mple.com"})
    void aShopAddressThatIsNotAnHttpUrlIsRefused(String url) {
        Api.Response r = shop.call("UpsertThirdPartyShop", named("Amazon").put("url", url));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/url");
        assertThat(r.body().at("/error/details/0/message").asText()).startsWith("must be an absolute http or https address");
        assertThat(rows.count("third_party_shop")).isZero();
    }

    private List<JsonNode> list(Kind kind, ObjectNode filter) {
        List<JsonNode> out = new ArrayList<>();
        shop.ok(kind.list, filter).body().path(kind.listField).forEach(out::add);
        return out;
    }
}
