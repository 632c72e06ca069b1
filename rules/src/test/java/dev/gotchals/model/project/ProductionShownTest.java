package dev.gotchals.model.project;

import dev.gotchals.model.deploy.PublicDomains;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProductionShownTest {
    @Test
    void publicDomainsAreThoseOfTheInternet() {
        for (String host : List.of("api.rollforguild.com", "misaelpc.com", "shop.fly.dev", "my-shop.herokuapp.com",
                "Elixir-Lang.org")) {
            assertTrue(PublicDomains.isPublic(host), host);
        }
    }

    @Test
    void loopbackReservedPrivateAndPlaceholderHostsAreNot() {
        for (String host : List.of("localhost", "127.0.0.1", "10.0.0.12", "example.com", "www.example.org",
                "shop.example.net", "shop.test", "app.local", "db.internal", "app.lvh.me", "127.0.0.1.nip.io",
                "yourdomain.com", "your-app.fly.dev", "mydomain.com", "domain.com", "changeme.com", "shop", "",
                "${PHX_HOST}")) {
            assertFalse(PublicDomains.isPublic(host), host);
        }
    }
}
