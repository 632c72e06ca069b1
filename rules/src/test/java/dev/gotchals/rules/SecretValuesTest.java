package dev.gotchals.rules;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretValuesTest {
    @Test
    void eachVendorsFormatIsKnownWholeAndPlaceholdersInItsShapeAreNot() {
        // Made up in the vendors' formats for this test; none was ever issued.
        Map<String, String> samples = Map.ofEntries(
                Map.entry("AIzaSyB3xQ9vLmN2pR7tK0wYc5dF8gH1jZ4aE6u", "a Google API key"),
                Map.entry("sk_live_4eC39HqLyjWDarjtT1zdp7dcXq", "a live Stripe secret key"),
                Map.entry("rk_live_4eC39HqLyjWDarjtT1zdp7dcXq", "a live Stripe secret key"),
                Map.entry("ghp_Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8", "a GitHub token"),
                Map.entry("glpat-Zq8v3L0wYw1nX6kR2pT9", "a GitLab token"),
                Map.entry("xoxb-1234567890-Zq8v3L0wYw1nX6kR2pT9", "a Slack token"),
                Map.entry("https://hooks.slack.com/services/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",
                        "a Slack webhook URL"),
                Map.entry("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",
                        "a SendGrid API key"),
                Map.entry("sk-proj-Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3oQ6", "an OpenAI-style secret key"),
                Map.entry("key-0f3c9a7e5b1d4c2a8e6f0b9d7c5a3e1f", "a Mailgun API key"),
                Map.entry("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", "a Shopify access token"),
                Map.entry("npm_Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8", "an npm token"),
                Map.entry("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----",
                        "a private key"));
        samples.forEach((value, kind) -> assertEquals(kind, SecretValues.credentialKind(value), value));
        assertNull(SecretValues.credentialKind("AIzaSyDUMMY-KEY-REPLACE-ME-000000000000"), "a placeholder in its shape");
        assertNull(SecretValues.credentialKind("sk_test_4eC39HqLyjWDarjtT1zdp7dcXq"), "a test key");
        assertEquals("Stripe's test-mode key", SecretValues.testModeKeyKind(" rk_test_4eC39HqLyjWDarjtT1zdp7dcXq"));
        assertNull(SecretValues.testModeKeyKind("sk_live_4eC39HqLyjWDarjtT1zdp7dcXq"), "a live key");
        assertNull(SecretValues.testModeKeyKind("sk_test_dev_only"), "words, not a key");
        assertNull(SecretValues.credentialKind("see AIzaSyB3xQ9vLmN2pR7tK0wYc5dF8gH1jZ4aE6u"), "a key inside a sentence");
    }

    @Test
    void aVendorsShapeFilledWithOneCharacterIsAPlaceholder() {
        for (String filler : new String[] {"SG.x.x", "sk_live_xxxxxxxxxxxx", "AKIAXXXXXXXXXXXXXXXX", "key-****",
                "-----BEGIN PRIVATE KEY-----\nXXXXXXXXXXXXXXXX\nXXXXXXXX\n-----END PRIVATE KEY-----\n"}) {
            assertTrue(SecretValues.isPlaceholder(filler), filler);
        }
        String pem = "-----BEGIN PRIVATE KEY-----\nMIGTAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBHkwdwIBAQQg\n-----END PRIVATE KEY-----\n";
        assertFalse(SecretValues.isPlaceholder(pem));
        assertEquals("a private key", SecretValues.credentialKind(pem));
        for (String secret : new String[] {"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",
                "maria2000", "xK9#qLmx", "Zq8v3L0wYw1nX6kR2pT9"}) {
            assertFalse(SecretValues.isPlaceholder(secret), secret);
        }
    }

    @Test
    void aNameSetOffByMarksOrAValueForDevelopmentOnlyIsAPlaceholder() {
        for (String marked : new String[] {"***STRIPE_API_KEY***", "***MAIL_DOMAIN", "%MAILGUN_KEY%", "__API_TOKEN__",
                "[[DB_PASSWORD]]", "@SECRET@", "dev-only-signing-secret-change-in-prod", "local_only_token"}) {
            assertTrue(SecretValues.isPlaceholder(marked), marked);
        }
        for (String secret : new String[] {"**Zq8v3L0wYw1nX6kR2pT9**", "__init__", "%Zq8v3L0w%", "*A*",
                "devonlyZq8v3L0wYw1nX6kR2"}) {
            assertFalse(SecretValues.isPlaceholder(secret), secret);
        }
    }

    @Test
    void theExampleCredentialsOfAwssDocumentationArePlaceholders() {
        for (String example : new String[] {"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"}) {
            assertTrue(SecretValues.isPlaceholder(example), example);
        }
        for (String secret : new String[] {"wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8v3L0wYw1", "EXAMPLEKEY0Zq8v3L0wYw1nX6kR2"}) {
            assertFalse(SecretValues.isPlaceholder(secret), secret);
        }
    }

    @Test
    void aSecretsNameIsReadInWordsSplitAtUnderscoresOrHyphens() {
        for (String name : new String[] {"secret-key-base", "google-client-secret", "db-pass", "SMTP_PASS",
                "DB_PASSWORD", "PGPASSWORD", "api_key"}) {
            assertTrue(SecretValues.isSecretName(name), name);
        }
        for (String name : new String[] {"db-host", "bypass", "pass_through", "PWD", "signing_salt", "keyword"}) {
            assertFalse(SecretValues.isSecretName(name), name);
        }
    }

    @Test
    void aVariableThatNamesAKubernetesSecretHoldsNoSecret() {
        for (String name : new String[] {"TS_KUBE_SECRET", "K8S_SECRET", "kubernetes-secret", "KUBERNETES_BUILD_SECRET",
                "kubernetes_build_secret"}) {
            assertFalse(SecretValues.isSecretName(name), name + " names the Secret object, as Tailscale's does");
        }
        for (String name : new String[] {"KUBE_TOKEN", "K8S_CLIENT_SECRET", "CUBE_SECRET"}) {
            assertTrue(SecretValues.isSecretName(name), name);
        }
    }

    @Test
    void aSentinelThatSaysNothingIsSetIsAPlaceholder() {
        for (String sentinel : new String[] {"NO_PRIVATE_KEY_SET", "no-api-key-provided", "not_set", "NOTCONFIGURED", "unset",
                "nil", "null", "none", "ollama",
                "GENERATE_WITH_mix_phx.gen.secret", "generate-one", "output of mix phx.gen.secret"}) {
            assertTrue(SecretValues.isPlaceholder(sentinel), sentinel);
        }
        for (String secret : new String[] {"nosetup42Zq8v3L0w", "notsetX9vQ2", "noreply-set-0f3a9c"}) {
            assertFalse(SecretValues.isPlaceholder(secret), secret);
        }
    }

    @Test
    void aValueThatSaysItIsNotSecureOrNotNeededIsAPlaceholder() {
        for (String value : new String[] {"not_secure_not_secure_not_secure_not_secure", "insecure-key-base",
                "doesntmatter", "not_used", "Unused"}) {
            assertTrue(SecretValues.isPlaceholder(value), value);
        }
        for (String secret : new String[] {"securex9Zq8v3L0w", "notsecured4Kq", "insecurely"}) {
            assertFalse(SecretValues.isPlaceholder(secret), secret);
        }
    }

    @Test
    void theWordForAPasswordIsNoPassword() {
        for (String word : new String[] {"password", "pass", "PASSWD", "pwd"}) {
            assertTrue(SecretValues.isPlaceholder(word), word);
        }
        for (String secret : new String[] {"passage42", "pass-W0rd!x", "pwd9Zq8"}) {
            assertFalse(SecretValues.isPlaceholder(secret), secret);
        }
    }
}
