package ke.thibitisha.verification;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The OAuth token cache against a fake of Daraja's OAuth endpoint (daraja.md §4). */
class DarajaTokensTest {

    /** Daraja's OAuth: a new token per request, after a pause, with expires_in as Daraja writes it. */
    private static final class FakeOAuth implements DarajaTokens.OAuthRequest {
        final AtomicInteger requests = new AtomicInteger();
        volatile String expiresIn = "\"3599\"";
        volatile int status = 200;

        @Override
        public DarajaTokens.OAuthReply send() {
            int n = requests.incrementAndGet();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (status != 200) {
                return new DarajaTokens.OAuthReply(status,
                        json("{\"errorCode\":\"400.008.01\",\"errorMessage\":\"Invalid Authentication passed\"}"));
            }
            return new DarajaTokens.OAuthReply(200, json("{\"access_token\":\"token-" + n + "\",\"expires_in\":" + expiresIn + "}"));
        }
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    @Test
    void concurrentUsersShareOneFetch() throws Exception {
        FakeOAuth daraja = new FakeOAuth();
        DarajaTokens tokens = new DarajaTokens();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> got = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            got.add(pool.submit(() -> {
                start.await();
                return tokens.token(daraja);
            }));
        }
        start.countDown();
        for (Future<String> token : got) {
            assertEquals("token-1", token.get());
        }
        pool.shutdown();
        assertEquals(1, daraja.requests.get());
    }

    @Test
    void aNumericExpiryIsReadTooAndATokenAboutToExpireIsRenewed() throws Exception {
        FakeOAuth daraja = new FakeOAuth();
        daraja.expiresIn = "1";
        DarajaTokens tokens = new DarajaTokens();
        String first = tokens.token(daraja);
        Thread.sleep(1000);
        assertNotEquals(first, tokens.token(daraja));
        assertEquals(2, daraja.requests.get());
    }

    @Test
    void aRefusedTokenIsFetchedAgainOnce() throws Exception {
        FakeOAuth daraja = new FakeOAuth();
        DarajaTokens tokens = new DarajaTokens();
        String first = tokens.token(daraja);
        tokens.refused(first);
        String second = tokens.token(daraja);
        tokens.refused(first); // a late refusal of the old token must not throw away the new one
        assertEquals(second, tokens.token(daraja));
        assertEquals(2, daraja.requests.get());
    }

    @Test
    void wrongCredentialsAreNoAnswerAndNotAskedAgainAtOnce() {
        FakeOAuth daraja = new FakeOAuth();
        daraja.status = 400;
        DarajaTokens tokens = new DarajaTokens();
        DarajaUnavailableException e = assertThrows(DarajaUnavailableException.class,
                () -> tokens.token(daraja));
        assertEquals("400.008.01", e.code());
        assertThrows(DarajaUnavailableException.class, () -> tokens.token(daraja));
        assertEquals(1, daraja.requests.get());
    }
}
