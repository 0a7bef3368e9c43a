package io.clientele.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The embedded PostgreSQL is a durable database, and refuses to run the app with a widened role. */
class DatabaseIT {

    @Test
    void embeddedPostgresRunsWithDurableSettings() {
        var settings = TestDatabase.get().jdbi().withHandle(h -> h.createQuery(
                        "SELECT current_setting('fsync') || ' ' || current_setting('synchronous_commit') || ' '"
                                + " || current_setting('full_page_writes') || ' ' || split_part(current_setting('server_version'), '.', 1)")
                .mapTo(String.class).one());
        assertThat(settings).isEqualTo("on on on 17");
    }

    @Test
    void startRefusesAnAppRoleThatCouldBypassRowLevelSecurity() throws Exception {
        var owner = TestDatabase.get().ownerDataSource();
        try (var c = owner.getConnection(); var st = c.createStatement()) {
            st.execute("ALTER ROLE " + Database.APP_ROLE + " BYPASSRLS");
        }
        try {
            String url;
            try (var c = owner.getConnection()) {
                url = c.getMetaData().getURL();
            }
            Path dir = Files.createTempDirectory("clientele-widened-role");
            String ownerUrl = url + (url.contains("?") ? "&" : "?") + "user=postgres";
            assertThatThrownBy(() -> Database.open(new Database.Options(dir, ownerUrl, 1)))
                    .hasMessageContaining("BYPASSRLS");
            Files.delete(dir);
        } finally {
            try (var c = owner.getConnection(); var st = c.createStatement()) {
                st.execute("ALTER ROLE " + Database.APP_ROLE + " NOBYPASSRLS");
            }
        }
    }
}
