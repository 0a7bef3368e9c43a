package io.clientele.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Json;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import net.datafaker.Faker;

/**
 * Varied, realistic CreateCustomer bodies from Datafaker: several countries (so phones parse in their
 * own region), optional fields left out as real shops leave them out, weighted status and lifecycle
 * stage, a few tags. The same seed gives the same customers, in the same order.
 */
final class SyntheticCustomers {
    private record Market(String country, Faker faker, int weight) {}

    private static final String[] TAGS = {"VIP", "wholesale", "newsletter", "b2b", "returning", "high_value",
            "holiday_2025", "referral", "beta", "loyalty"};
    private static final String[] SOURCES = {"google_ads", "facebook_ads", "referral", "organic", "email", "chat",
            "instagram", "tiktok", "affiliate", "pos"};
    private static final String[] MAIL_DOMAINS = {"gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com",
            "proton.me", "gmx.de", "web.de", "orange.fr", "btinternet.com", "example.com"};

    private static final String[] TIERS = {"bronze", "silver", "gold", "platinum"};
    private static final String[] STORES = {"Downtown", "Riverside", "Airport", "Old Town", "Harbour", "Central Station",
            "Market Square", "West End", "University", "Outlet Park"};

    private final long seed;
    private final Random random;
    private final List<Market> markets;
    private final int totalWeight;
    private final List<String> campaigns;

    SyntheticCustomers(long seed) {
        this(seed, null);
    }

    /** With {@code campaigns} (ids of the tenant's campaigns) for {@code campaign_id}; null: made-up ids. */
    SyntheticCustomers(long seed, List<String> campaigns) {
        this.seed = seed;
        this.random = new Random(seed);
        // Each market's Faker has its own seeded Random, so adding a market does not reshuffle the others.
        this.markets = List.of(
                new Market("US", new Faker(Locale.US, new Random(seed + 1)), 60),
                new Market("GB", new Faker(Locale.UK, new Random(seed + 2)), 12),
                new Market("DE", new Faker(Locale.GERMANY, new Random(seed + 3)), 12),
                new Market("CA", new Faker(Locale.CANADA, new Random(seed + 4)), 8),
                new Market("FR", new Faker(Locale.FRANCE, new Random(seed + 5)), 8));
        this.totalWeight = markets.stream().mapToInt(Market::weight).sum();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) ids.add(base62(random, 20));
        this.campaigns = campaigns == null ? List.copyOf(ids) : List.copyOf(campaigns);
    }

    /** The JSON body of the {@code n}-th customer; call in order 0, 1, 2... for a reproducible set. */
    byte[] next(int n) {
        return Json.write(nextCustomer(n)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The {@code n}-th customer as a JSON object; call in order, as {@link #next}. */
    ObjectNode nextCustomer(int n) {
        Market market = pick();
        Faker f = market.faker();
        String first = f.name().firstName();
        String last = f.name().lastName();
        ObjectNode c = Json.object();
        c.put("first_name", cap(first, 100));
        c.put("last_name", cap(last, 100));
        if (chance(95)) c.put("email", email(first, last, n));
        if (chance(80)) c.put("phone", cap(f.phoneNumber().cellPhone(), 40));
        if (chance(35)) c.put("company", cap(f.company().name(), 200));
        if (chance(50)) c.put("internal_id", "crm-" + (100_000 + n));
        if (chance(15)) c.put("campaign_id", campaigns.get(random.nextInt(campaigns.size())));
        if (chance(85)) {
            ObjectNode a = c.putObject("address");
            a.put("line1", cap(f.address().streetAddress(), 200));
            if (chance(20)) a.put("line2", cap(f.address().secondaryAddress(), 200));
            a.put("city", cap(f.address().city(), 100));
            if (market.country().equals("US") || market.country().equals("CA")) a.put("state", cap(f.address().stateAbbr(), 100));
            a.put("zip", cap(f.address().zipCode(), 20));
            a.put("country", market.country());
        }
        int s = random.nextInt(100);
        if (s >= 92) c.put("status", s >= 98 ? "blocked" : "disabled");
        int stage = random.nextInt(100);
        if (stage < 12) c.put("lifecycle_stage", "prospect");
        else if (stage < 32) c.put("lifecycle_stage", "lead");
        else if (stage < 40) c.put("lifecycle_stage", "churned");
        int tagCount = random.nextInt(4);
        if (tagCount > 0) {
            Set<String> tags = new LinkedHashSet<>();
            for (int i = 0; i < tagCount; i++) tags.add(TAGS[random.nextInt(TAGS.length)]);
            ArrayNode array = c.putArray("tags");
            tags.forEach(array::add);
        }
        if (chance(80)) c.put("source", SOURCES[random.nextInt(SOURCES.length)]);
        return c;
    }

    /** A metadata entry as InsertMetadata takes it. */
    record Metadata(String name, String value) {}

    /**
     * The metadata of the {@code n}-th customer, or none for {@code 100 - percent} in a hundred: a loyalty
     * number (unique), an affiliate id (shared by a handful), a tier and a home store (shared by many).
     * Drawn from its own Random per customer, so it can be asked for any n and does not move the customers.
     */
    List<Metadata> metadata(int n, int percent) {
        Random r = new Random(seed * 1_000_003L + n);
        if (r.nextInt(100) >= percent) return List.of();
        List<Metadata> out = new ArrayList<>();
        out.add(new Metadata("loyalty_number", "LY-" + (10_000_000 + r.nextInt(90_000_000))));
        if (r.nextBoolean()) out.add(new Metadata("affiliate_id", "aff_" + (10_000 + r.nextInt(90_000))));
        if (r.nextBoolean()) out.add(new Metadata("customer_tier", TIERS[r.nextInt(TIERS.length)]));
        if (r.nextInt(3) == 0) out.add(new Metadata("home_store", STORES[r.nextInt(STORES.length)]));
        return out;
    }

    private Market pick() {
        int r = random.nextInt(totalWeight);
        for (Market m : markets) {
            r -= m.weight();
            if (r < 0) return m;
        }
        return markets.getFirst();
    }

    private String email(String first, String last, int n) {
        String local = switch (random.nextInt(4)) {
            case 0 -> ascii(first) + "." + ascii(last);
            case 1 -> ascii(first).charAt(0) + ascii(last);
            case 2 -> ascii(first) + ascii(last) + (n % 1000);
            default -> ascii(last) + "." + ascii(first) + n;
        };
        return local + "@" + MAIL_DOMAINS[random.nextInt(MAIL_DOMAINS.length)];
    }

    /** Lower-case ASCII letters only (Müller -> muller), never empty. */
    private static String ascii(String name) {
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
        return plain.isEmpty() ? "customer" : plain;
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private static String cap(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static String base62(Random random, int length) {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return out.toString();
    }
}
