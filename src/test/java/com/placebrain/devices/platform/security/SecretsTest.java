package com.placebrain.devices.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void aConfiguredSecretMatchesOnlyItself() {
        Secrets.Configured configured = Secrets.configured(Optional.of("hook-secret"));

        assertTrue(configured.matches("hook-secret"));
        assertTrue(configured.matches("hook-secret"), "again: the digests are reusable");
        assertFalse(configured.matches("hook-secreT"));
        assertFalse(configured.matches("hook-secret "));
        assertFalse(configured.matches(""));
        assertFalse(configured.matches(null));
        assertFalse(configured.matches("x".repeat(5000)), "implausibly long");
    }

    @Test
    void noSecretOrAnEmptyOneMatchesNothing() {
        for (Optional<String> none : List.of(Optional.<String>empty(), Optional.of(""))) {
            Secrets.Configured configured = Secrets.configured(none);
            assertFalse(configured.matches(""));
            assertFalse(configured.matches("anything"));
            assertFalse(configured.matches(null));
        }
    }

    /** RFC 4231, test case 2. */
    @Test
    void hmacIsHmacSha256() {
        Secrets.HmacSha256 hmac = Secrets.hmacSha256("Jefe".getBytes(StandardCharsets.UTF_8));
        String expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

        assertEquals(expected, hmac.hex("what do ya want for nothing?"));
        assertEquals(expected, hmac.hex("what do ya want for nothing?"), "the thread's Mac is reset after each use");
    }

    @Test
    void hmacAndDigestsGiveTheSameAnswersOnManyThreads() throws Exception {
        Secrets.HmacSha256 hmac = Secrets.hmacSha256("Jefe".getBytes(StandardCharsets.UTF_8));
        Secrets.Configured configured = Secrets.configured(Optional.of("hook-secret"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    for (int j = 0; j < 200; j++) {
                        if (!hmac.hex("what do ya want for nothing?")
                                .equals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
                                || !configured.matches("hook-secret") || configured.matches("hook-secret" + n)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
