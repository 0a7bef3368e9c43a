package io.clientele.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The app pool's URL must not carry the owner's credentials: pgjdbc would let them win over the pool's. */
class DatabaseUrlTest {
    @Test
    void userAndPasswordParametersAreDroppedAndTheRestKept() {
        assertThat(Database.withoutCredentials("jdbc:postgresql://localhost:5432/clientele?user=postgres"))
                .isEqualTo("jdbc:postgresql://localhost:5432/clientele");
        assertThat(Database.withoutCredentials("jdbc:postgresql://db/clientele?user=owner&sslmode=require&password=s3cret"))
                .isEqualTo("jdbc:postgresql://db/clientele?sslmode=require");
        assertThat(Database.withoutCredentials("jdbc:postgresql://db/clientele?sslmode=require"))
                .isEqualTo("jdbc:postgresql://db/clientele?sslmode=require");
        assertThat(Database.withoutCredentials("jdbc:postgresql://db/clientele")).isEqualTo("jdbc:postgresql://db/clientele");
    }

    @Test
    void parametersThatOnlyEndInUserAreKept() {
        assertThat(Database.withoutCredentials("jdbc:postgresql://db/c?ApplicationName=superuser=x&user=postgres"))
                .isEqualTo("jdbc:postgresql://db/c?ApplicationName=superuser=x");
    }
}
