package org.cgp.protocol.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.cgp.protocol.keys.Keypair;
import org.cgp.protocol.synapse.CgSynapse;
import org.cgp.protocol.synapse.MinerOutput;
import org.cgp.protocol.synapse.WireJson;
import org.cgp.protocol.wire.NonceClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real Netty axon on loopback, called over real HTTP with real sr25519 signatures. */
class AxonServerTest {
    private static final Keypair AXON_KEY = Keypair.fromUri("//Bob");
    private static final Keypair CALLER = Keypair.fromUri("//Alice");
    private static final Keypair STRANGER = Keypair.fromUri("//Eve");
    private static final OkHttpClient HTTP = new OkHttpClient.Builder()
            .protocols(List.of(Protocol.HTTP_1_1)).retryOnConnectionFailure(false).callTimeout(Duration.ofSeconds(20)).build();

    private static volatile CountDownLatch slowForwardInterrupted;
    private AxonServer axon;
    private final java.util.Queue<Integer> observed = new java.util.concurrent.ConcurrentLinkedQueue<>();

    @BeforeAll
    static void keysWork() {
        assertThat(AXON_KEY.ss58Address()).isEqualTo("5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty");
    }

    @BeforeEach
    void start() throws Exception {
        slowForwardInterrupted = new CountDownLatch(1);
        axon = AxonServer.builder(AXON_KEY)
                .host("127.0.0.1").port(0)
                .maxBodyBytes(64 * 1024)
                .forwardTimeout(Duration.ofSeconds(10))
                .blacklist(hotkey -> hotkey.equals(STRANGER.ss58Address())
                        ? Optional.of("Unrecognized hotkey") : Optional.empty())
                .attach(CgSynapse.NAME, CgSynapse.class, AxonServerTest::tag)
                .observer((status, nanos) -> observed.add(status))
                .start();
    }

    @AfterEach
    void stop() {
        axon.close();
    }

    @AfterAll
    static void closeClient() {
        HTTP.dispatcher().executorService().shutdown();
        HTTP.connectionPool().evictAll();
    }

    /** Tags the window's first line; special texts make the forward misbehave. */
    static CgSynapse tag(CgSynapse request) throws Exception {
        String text = request.window().lines().get(0).text();
        switch (text) {
            case "explode" -> throw new IllegalStateException("secret-ish internal detail");
            case "nap" -> Thread.sleep(300);
            case "slow" -> {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    slowForwardInterrupted.countDown();
                    throw e;
                }
            }
            default -> { }
        }
        return request.withOutput(new MinerOutput(List.of("tag:" + text), null, null));
    }

    private Response post(SignedCall call) throws Exception {
        Request.Builder r = new Request.Builder().url("http://127.0.0.1:" + axon.port() + call.path)
                .post(RequestBody.create(call.body, MediaType.get("application/json")));
        call.headers.forEach(r::header);
        return HTTP.newCall(r.build()).execute();
    }

    private record Answer(int code, String message, JsonNode body, Map<String, List<String>> headers) {}

    private Answer send(SignedCall call) throws Exception {
        try (Response response = post(call)) {
            String text = response.body().string();
            JsonNode body = WireJson.mapper().readTree(text);
            return new Answer(response.code(), body.path("message").asText(null), body, response.headers().toMultimap());
        }
    }

    private void assertStillServing() throws Exception {
        Answer ok = send(SignedCall.valid(CALLER, axon.hotkey()));
        assertThat(ok.code()).as("a good request after the bad one").isEqualTo(200);
    }

    @Test
    void signedRequestGetsTheFullSynapseBack() throws Exception {
        SignedCall call = SignedCall.valid(CALLER, axon.hotkey());
        Answer a = send(call);
        assertThat(a.code()).isEqualTo(200);
        assertThat(a.body().path("name").asText()).isEqualTo("CgSynapse");
        assertThat(a.body().path("cgp_output").get(0).path("tags").get(0).asText()).isEqualTo("tag:hello there");
        assertThat(a.body().path("cgp_input").get(0).path("guid").isIntegralNumber()).isTrue();
        assertThat(a.body().path("computed_body_hash").asText()).isEmpty();
        JsonNode axonInfo = a.body().path("axon");
        assertThat(axonInfo.path("status_code").asInt()).isEqualTo(200);
        assertThat(axonInfo.path("status_message").asText()).isEqualTo("Success");
        assertThat(axonInfo.path("process_time").asDouble()).isPositive();
        assertThat(axonInfo.path("hotkey").asText()).isEqualTo(AXON_KEY.ss58Address());
        JsonNode dendriteInfo = a.body().path("dendrite");
        assertThat(dendriteInfo.path("ip").asText()).isEqualTo("127.0.0.1"); // the socket peer, not the claim
        assertThat(dendriteInfo.path("hotkey").asText()).isEqualTo(CALLER.ss58Address());
        assertThat(a.headers()).containsKeys("bt_header_axon_status_code", "bt_header_axon_hotkey",
                "bt_header_dendrite_nonce", "computed_body_hash", "name", "timeout");
        assertThat(a.headers().get("bt_header_axon_status_message")).containsExactly("Success");
        // like bittensor 9's axon: a success carries no axon nonce, uuid or signature, by default
        assertThat(a.headers()).doesNotContainKeys("bt_header_axon_signature", "bt_header_axon_nonce", "bt_header_axon_uuid");
        assertThat(axonInfo.path("signature").isNull()).isTrue();
        assertThat(axonInfo.path("nonce").isNull()).isTrue();
        assertThat(axonInfo.path("uuid").isNull()).isTrue();
    }

    @Test
    void signResponsesStampsTheAxonsSignatureOverNonceDendriteAxonAndUuid() throws Exception {
        try (AxonServer signing = AxonServer.builder(AXON_KEY).host("127.0.0.1").port(0).signResponses(true)
                .attach(CgSynapse.NAME, CgSynapse.class, AxonServerTest::tag).start()) {
            SignedCall call = SignedCall.valid(CALLER, signing.hotkey());
            Request.Builder r = new Request.Builder().url("http://127.0.0.1:" + signing.port() + call.path)
                    .post(RequestBody.create(call.body, MediaType.get("application/json")));
            call.headers.forEach(r::header);
            try (Response response = HTTP.newCall(r.build()).execute()) {
                assertThat(response.code()).isEqualTo(200);
                assertThat(response.header("bt_header_axon_signature")).startsWith("0x");
                JsonNode axonInfo = WireJson.mapper().readTree(response.body().string()).path("axon");
                String message = axonInfo.path("nonce").asLong() + "." + CALLER.ss58Address() + "." + AXON_KEY.ss58Address()
                        + "." + axonInfo.path("uuid").asText();
                byte[] sig = org.cgp.protocol.wire.SignedMessages.fromHex(axonInfo.path("signature").asText());
                assertThat(Keypair.verify(AXON_KEY.publicKey(), message.getBytes(StandardCharsets.UTF_8), sig)).isTrue();
            }
        }
    }

    @Test
    void wrongSignatureIs401() throws Exception {
        SignedCall call = SignedCall.valid(CALLER, axon.hotkey()).sign(STRANGER); // Eve signs, claims Alice
        Answer a = send(call);
        assertThat(a.code()).isEqualTo(401);
        assertThat(a.message()).startsWith("Not Verified with error: Signature mismatch with "
                + call.headers.get("bt_header_dendrite_nonce") + "." + CALLER.ss58Address() + ".");
        assertThat(a.headers().get("bt_header_axon_status_code")).containsExactly("401");
        assertStillServing();
    }

    @Test
    void signatureForAnotherAxonIs401() throws Exception {
        SignedCall call = SignedCall.valid(CALLER, STRANGER.ss58Address()); // meant for Eve's axon
        Answer a = send(call);
        assertThat(a.code()).isEqualTo(401);
        assertThat(a.message()).startsWith("Not Verified with error: Signature mismatch");
        assertStillServing();
    }

    @Test
    void replayedNonceIs401() throws Exception {
        SignedCall call = SignedCall.valid(CALLER, axon.hotkey());
        assertThat(send(call).code()).isEqualTo(200);
        Answer replay = send(call);
        assertThat(replay.code()).isEqualTo(401);
        assertThat(replay.message())
                .isEqualTo("Not Verified with error: Nonce is too old, a newer one was last processed");
        assertStillServing();
    }

    @Test
    void nonceTooOldIs401() throws Exception {
        long thirtySecondsAgo = new NonceClock().nowNanos() - 30_000_000_000L;
        SignedCall call = SignedCall.valid(CALLER, axon.hotkey(), "fresh-uuid", thirtySecondsAgo);
        Answer a = send(call);
        assertThat(a.code()).isEqualTo(401);
        // 4 s + the request's 12 s timeout, capped at this axon's 10 s forward timeout
        assertThat(a.message()).matches(
                "Not Verified with error: Nonce is too old: acceptable delta is 14\\.00 seconds but request was 3\\d\\.\\d\\d seconds old");
        assertStillServing();
    }

    @Test
    void aCapturedRequestReplayedWithItsVersionLoweredIs401() throws Exception {
        SignedCall call = SignedCall.valid(CALLER, axon.hotkey());
        assertThat(send(call).code()).isEqualTo(200);
        call.headers.put("bt_header_dendrite_version", "7001000"); // not covered by the signature
        Answer a = send(call);
        assertThat(a.code()).isEqualTo(401);
        assertThat(a.message()).isEqualTo("Not Verified with error: dendrite version 7001000 is older than 7.2.0; "
                + "requests without time-based nonces are refused");
        // an old captured request with its version lowered, against an axon that has never seen it
        SignedCall old = SignedCall.valid(CALLER, axon.hotkey(), "captured", new NonceClock().nowNanos() - 600_000_000_000L);
        old.headers.put("bt_header_dendrite_version", "1");
        assertThat(send(old).code()).isEqualTo(401);
        assertStillServing();
    }

    @Test
    void aHugeHotkeyIs401WithoutDecodingIt() throws Exception {
        SignedCall call = SignedCall.valid(CALLER, axon.hotkey());
        call.headers.put("bt_header_dendrite_hotkey", "5" + "z".repeat(15_000));
        Answer a = send(call);
        assertThat(a.code()).isEqualTo(401);
        assertThat(a.message()).isEqualTo("Not Verified with error: dendrite hotkey of 15001 characters is no SS58 address");
        assertStillServing();
    }

    @Test
    void aReplayWithAHugeTimeoutHeaderIsStillTooOld() throws Exception {
        long thirtySecondsAgo = new NonceClock().nowNanos() - 30_000_000_000L;
        SignedCall call = SignedCall.valid(CALLER, axon.hotkey(), "other-uuid", thirtySecondsAgo);
        call.headers.put("timeout", "100000.0"); // not covered by the signature
        Answer a = send(call);
        assertThat(a.code()).isEqualTo(401);
        assertThat(a.message()).startsWith("Not Verified with error: Nonce is too old: acceptable delta is 14.00 seconds");
        assertStillServing();
    }

    @Test
    void blacklistedHotkeyIs403() throws Exception {
        Answer a = send(SignedCall.valid(STRANGER, axon.hotkey()));
        assertThat(a.code()).isEqualTo(403);
        assertThat(a.message()).isEqualTo("Forbidden. Key is blacklisted: Unrecognized hotkey.");
        assertStillServing();
    }

    @Test
    void missingSignatureIs401EvenThoughPython93WouldLetItThrough() throws Exception {
        SignedCall call = SignedCall.valid(CALLER, axon.hotkey());
        call.headers.remove("bt_header_dendrite_signature");
        Answer a = send(call);
        assertThat(a.code()).isEqualTo(401);
        assertThat(a.message()).isEqualTo("Not Verified with error: Missing signature");
        assertStillServing();
    }

    @Test
    void missingNonceIs401() throws Exception {
        SignedCall call = SignedCall.valid(CALLER, axon.hotkey());
        call.headers.remove("bt_header_dendrite_nonce");
        Answer a = send(call);
        assertThat(a.code()).isEqualTo(401);
        assertThat(a.message()).isEqualTo("Not Verified with error: Missing Nonce");
        assertStillServing();
    }

    @Test
    void missingInputObjectHeaderIs500LikePython() throws Exception {
        SignedCall call = SignedCall.valid(CALLER, axon.hotkey());
        call.headers.remove("bt_header_input_obj_cgp_input");
        Answer a = send(call);
        assertThat(a.code()).isEqualTo(500);
        assertThat(a.message()).matches("Internal Server Error #[0-9a-f-]{36}: header bt_header_input_obj_cgp_input: missing.*");
        assertStillServing();
    }

    @Test
    void nonIntegerHeaderIs500LikePython() throws Exception {
        SignedCall call = SignedCall.valid(CALLER, axon.hotkey());
        call.headers.put("total_size", "lots");
        Answer a = send(call);
        assertThat(a.code()).isEqualTo(500);
        assertThat(a.message()).matches("Internal Server Error #[0-9a-f-]{36}: header total_size: 'lots' is not an integer");
        assertStillServing();
    }

    @Test
    void bodyHashMismatchIs500() throws Exception {
        SignedCall call = SignedCall.valid(CALLER, axon.hotkey());
        call.headers.put("computed_body_hash", "00".repeat(32));
        call.sign(CALLER); // correctly signed, but over a hash the body does not have
        Answer a = send(call);
        assertThat(a.code()).isEqualTo(500);
        assertThat(a.message()).matches(
                "Internal Server Error #[0-9a-f-]{36}: Hash mismatch between header body hash and computed body hash");
        assertStillServing();
    }

    @Test
    void theObserverIsToldOfEveryResponseByStatusAndOneThatThrowsCostsNothing() throws Exception {
        assertThat(send(SignedCall.valid(CALLER, axon.hotkey())).code()).isEqualTo(200);
        assertThat(send(SignedCall.valid(STRANGER, axon.hotkey())).code()).isEqualTo(403);
        SignedCall big = SignedCall.valid(CALLER, axon.hotkey());
        big.body = SignedCall.json(CgSynapse.request(SignedCall.window("x".repeat(100_000)), 12.0));
        assertThat(send(big).code()).isEqualTo(413);
        long until = System.nanoTime() + 2_000_000_000L; // the 413 is counted once written, which may follow the client's read
        while (observed.size() < 3 && System.nanoTime() < until) Thread.sleep(10);
        assertThat(observed).containsExactlyInAnyOrder(200, 403, 413);

        try (AxonServer throwing = AxonServer.builder(AXON_KEY).host("127.0.0.1").port(0)
                .attach(CgSynapse.NAME, CgSynapse.class, AxonServerTest::tag)
                .observer((status, nanos) -> { throw new IllegalStateException("broken meter"); }).start()) {
            AxonServer saved = axon;
            axon = throwing;
            try {
                assertThat(send(SignedCall.valid(CALLER, throwing.hotkey())).code()).isEqualTo(200);
            } finally {
                axon = saved;
            }
        }
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        SignedCall call = SignedCall.valid(CALLER, axon.hotkey());
        call.body = SignedCall.json(CgSynapse.request(SignedCall.window("x".repeat(100_000)), 12.0));
        Answer a = send(call);
        assertThat(a.code()).isEqualTo(413);
        assertThat(a.message()).isEqualTo("Request body too large: the limit is 65536 bytes");
        assertStillServing();
    }

    @Test
    void bodyJustUnderTheLimitArrivingInManyReadsIsServed() throws Exception {
        SignedCall call = SignedCall.valid(CALLER, axon.hotkey());
        String text = "y".repeat(30_000); // twice in the window: about 60 KB
        call.body = SignedCall.json(CgSynapse.request(SignedCall.window(text), 12.0));
        assertThat(call.body.length).isLessThan(64 * 1024);
        Answer a = send(call);
        assertThat(a.code()).isEqualTo(200);
        assertThat(a.body().path("cgp_output").get(0).path("tags").get(0).asText()).isEqualTo("tag:" + text);
        assertStillServing();
    }

    @Test
    void aThrowingBlacklistIs500AndTheServerGoesOn() throws Exception {
        try (AxonServer broken = AxonServer.builder(AXON_KEY).host("127.0.0.1").port(0)
                .blacklist(hotkey -> { throw new IllegalStateException("metagraph not loaded"); })
                .attach(CgSynapse.NAME, CgSynapse.class, AxonServerTest::tag).start()) {
            for (int i = 0; i < 2; i++) {
                SignedCall call = SignedCall.valid(CALLER, broken.hotkey());
                Request.Builder r = new Request.Builder().url("http://127.0.0.1:" + broken.port() + call.path)
                        .post(RequestBody.create(call.body, MediaType.get("application/json")));
                call.headers.forEach(r::header);
                try (Response response = HTTP.newCall(r.build()).execute()) {
                    assertThat(response.code()).isEqualTo(500);
                    assertThat(WireJson.mapper().readTree(response.body().string()).path("message").asText())
                            .matches("Internal Server Error #[0-9a-f-]{36}");
                }
            }
        }
    }

    @Test
    void nonJsonBodyIs500WithTheReason() throws Exception {
        SignedCall call = SignedCall.valid(CALLER, axon.hotkey());
        call.body = "this is not json".getBytes(StandardCharsets.UTF_8);
        Answer a = send(call);
        assertThat(a.code()).isEqualTo(500);
        assertThat(a.message()).matches("Internal Server Error #[0-9a-f-]{36}: body is not valid JSON .*");
        assertStillServing();
    }

    @Test
    void nonObjectAndTruncatedBodiesAre500WithTheReason() throws Exception {
        SignedCall array = SignedCall.valid(CALLER, axon.hotkey());
        array.body = "[1, 2]".getBytes(StandardCharsets.UTF_8);
        assertThat(send(array).message()).matches("Internal Server Error #[0-9a-f-]{36}: body is not a JSON object");
        SignedCall truncated = SignedCall.valid(CALLER, axon.hotkey());
        truncated.body = "{\"cgp_input\": [{\"window\"".getBytes(StandardCharsets.UTF_8);
        Answer a = send(truncated);
        assertThat(a.code()).isEqualTo(500);
        assertThat(a.message()).matches("Internal Server Error #[0-9a-f-]{36}: body (is not valid JSON|does not fit CgSynapse) .*");
        assertStillServing();
    }

    @Test
    void wrongShapeBodyIs500AndMissingWindowIs422() throws Exception {
        SignedCall shape = SignedCall.valid(CALLER, axon.hotkey());
        shape.body = "{\"cgp_input\": \"not a list\"}".getBytes(StandardCharsets.UTF_8);
        Answer a = send(shape);
        assertThat(a.code()).isEqualTo(500);
        assertThat(a.message()).matches("Internal Server Error #[0-9a-f-]{36}: body does not fit CgSynapse .*");

        SignedCall empty = SignedCall.valid(CALLER, axon.hotkey());
        empty.body = "{\"cgp_input\": []}".getBytes(StandardCharsets.UTF_8);
        Answer b = send(empty);
        assertThat(b.code()).isEqualTo(422);
        assertThat(b.message()).isEqualTo("Invalid synapse: cgp_input is missing or empty");
        assertStillServing();
    }

    @Test
    void unknownSynapseNameIs404() throws Exception {
        SignedCall call = SignedCall.valid(CALLER, axon.hotkey());
        call.path = "/Nope";
        Answer a = send(call);
        assertThat(a.code()).isEqualTo(404);
        assertThat(a.message()).isEqualTo("Synapse name 'Nope' not found. Available synapses ['Synapse', 'CgSynapse']");
        assertThat(a.headers().get("bt_header_axon_status_code")).containsExactly("404");
        assertThat(a.headers().get("bt_header_axon_status_message")).containsExactly(a.message());
        assertStillServing();
    }

    @Test
    void throwingForwardIs500WithoutItsDetail() throws Exception {
        SignedCall call = SignedCall.valid(CALLER, axon.hotkey());
        call.body = SignedCall.json(CgSynapse.request(SignedCall.window("explode"), 12.0));
        Answer a = send(call);
        assertThat(a.code()).isEqualTo(500);
        assertThat(a.message()).matches("Internal Server Error #[0-9a-f-]{36}");
        assertStillServing();
    }

    @Test
    void slowForwardIs408AndIsInterrupted() throws Exception {
        SignedCall call = SignedCall.valid(CALLER, axon.hotkey());
        call.body = SignedCall.json(CgSynapse.request(SignedCall.window("slow"), 1.0));
        call.headers.put("timeout", "1.0");
        call.sign(CALLER);
        Answer a = send(call);
        assertThat(a.code()).as(a.message()).isEqualTo(408);
        assertThat(a.message()).isEqualTo("Response timeout after: 1.0s");
        assertThat(slowForwardInterrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertStillServing();
    }

    @Test
    void underOverloadTheLowerPriorityCallerIsRefusedFirst() throws Exception {
        Keypair low = Keypair.fromUri("//Charlie");
        Keypair high = Keypair.fromUri("//Dave");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(1);
        try (AxonServer small = AxonServer.builder(AXON_KEY).host("127.0.0.1").port(0)
                .maxConcurrentForwards(1).maxQueuedForwards(1)
                .priority(hotkey -> hotkey.equals(high.ss58Address()) ? 10.0 : 1.0)
                .attach(CgSynapse.NAME, CgSynapse.class, r -> {
                    if (r.window().lines().get(0).text().equals("block")) {
                        busy.countDown();
                        release.await(30, TimeUnit.SECONDS);
                    }
                    return r.withOutput(new MinerOutput(List.of("done"), null, null));
                }).start()) {
            java.util.function.BiFunction<Keypair, String, java.util.concurrent.CompletableFuture<Integer>> call = (key, text) -> {
                SignedCall c = SignedCall.valid(key, small.hotkey());
                c.body = SignedCall.json(CgSynapse.request(SignedCall.window(text), 12.0));
                Request.Builder r = new Request.Builder().url("http://127.0.0.1:" + small.port() + c.path)
                        .post(RequestBody.create(c.body, MediaType.get("application/json")));
                c.headers.forEach(r::header);
                java.util.concurrent.CompletableFuture<Integer> f = new java.util.concurrent.CompletableFuture<>();
                HTTP.newCall(r.build()).enqueue(new okhttp3.Callback() {
                    @Override public void onFailure(okhttp3.Call x, java.io.IOException e) { f.completeExceptionally(e); }

                    @Override public void onResponse(okhttp3.Call x, Response response) {
                        try (response) {
                            f.complete(response.code());
                        }
                    }
                });
                return f;
            };
            var blocker = call.apply(CALLER, "block");
            assertThat(busy.await(20, TimeUnit.SECONDS)).isTrue();          // the only worker is busy
            var lowOne = call.apply(low, "low");
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (small.queuedForwards() < 1 && System.nanoTime() < giveUp) Thread.sleep(5);
            assertThat(small.queuedForwards()).as("the one queue slot is taken").isEqualTo(1);
            var highOne = call.apply(high, "high");
            assertThat(lowOne.get(20, TimeUnit.SECONDS)).as("displaced by a higher priority").isEqualTo(503);
            release.countDown();
            assertThat(blocker.get(20, TimeUnit.SECONDS)).isEqualTo(200);
            assertThat(highOne.get(20, TimeUnit.SECONDS)).isEqualTo(200);
        }
    }

    @Test
    void builtInSynapsePingEchoes() throws Exception {
        SignedCall call = SignedCall.valid(CALLER, axon.hotkey());
        call.path = "/Synapse";
        call.body = "{\"name\":\"Synapse\",\"timeout\":12.0}".getBytes(StandardCharsets.UTF_8);
        Answer a = send(call);
        assertThat(a.code()).isEqualTo(200);
        assertThat(a.body().path("axon").path("status_message").asText()).isEqualTo("Success");
    }

    @Test
    void headerNamesStayLowercaseOnTheWireAndKeepAliveServesSeveralRequests() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", axon.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 3; i++) {
                SignedCall call = SignedCall.valid(CALLER, axon.hotkey());
                StringBuilder req = new StringBuilder("POST /CgSynapse HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + call.body.length + "\r\n");
                call.headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
                out.write(req.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
                out.write(call.body);
                out.flush();
                List<String> head = readHead(in);
                assertThat(head.get(0)).isEqualTo("HTTP/1.1 200 OK");
                List<String> names = head.subList(1, head.size()).stream()
                        .map(l -> l.substring(0, l.indexOf(':'))).toList();
                assertThat(names).contains("bt_header_axon_status_code", "bt_header_axon_status_message",
                        "bt_header_axon_hotkey", "bt_header_dendrite_hotkey", "computed_body_hash");
                assertThat(names.stream().filter(n -> n.startsWith("bt_") || n.equals("computed_body_hash")))
                        .allSatisfy(n -> assertThat(n).isEqualTo(n.toLowerCase()));
                assertThat(head).contains("bt_header_axon_status_code: 200");
                int length = head.stream().filter(l -> l.toLowerCase().startsWith("content-length:"))
                        .map(l -> Integer.parseInt(l.substring(15).trim())).findFirst().orElseThrow();
                byte[] body = in.readNBytes(length);
                assertThat(WireJson.mapper().readTree(body).path("axon").path("status_code").asInt()).isEqualTo(200);
            }
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", axon.port())) {
            socket.setSoTimeout(20_000);
            java.io.ByteArrayOutputStream both = new java.io.ByteArrayOutputStream();
            for (String text : List.of("nap", "quick")) {
                SignedCall call = SignedCall.valid(CALLER, axon.hotkey());
                call.body = SignedCall.json(CgSynapse.request(SignedCall.window(text), 12.0));
                StringBuilder req = new StringBuilder("POST /CgSynapse HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Length: " + call.body.length + "\r\n");
                call.headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
                both.write(req.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
                both.write(call.body);
            }
            socket.getOutputStream().write(both.toByteArray()); // both requests in one write
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            List<String> tags = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                List<String> head = readHead(in);
                assertThat(head.get(0)).isEqualTo("HTTP/1.1 200 OK");
                int length = head.stream().filter(l -> l.toLowerCase().startsWith("content-length:"))
                        .map(l -> Integer.parseInt(l.substring(15).trim())).findFirst().orElseThrow();
                tags.add(WireJson.mapper().readTree(in.readNBytes(length)).path("cgp_output").get(0)
                        .path("tags").get(0).asText());
            }
            assertThat(tags).containsExactly("tag:nap", "tag:quick");
        }
    }

    private static List<String> readHead(InputStream in) throws Exception {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) throw new IllegalStateException("connection closed mid-response");
            if (b == '\n') {
                String l = line.toString().replace("\r", "");
                if (l.isEmpty()) return lines;
                lines.add(l);
                line.setLength(0);
            } else {
                line.append((char) b);
            }
        }
    }

    @Test
    void garbageOnTheSocketDoesNotStopTheServer() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", axon.port())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write("\u0000\u0001 not http at all\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
                    .readLine();
            assertThat(status).startsWith("HTTP/1.1 400");
        }
        assertStillServing();
    }

    @Test
    void callersWithSeparateUuidsEachKeepTheirOwnNonceSequence() throws Exception {
        SignedCall first = SignedCall.valid(CALLER, axon.hotkey(), "uuid-a", new NonceClock().nowNanos());
        SignedCall second = SignedCall.valid(CALLER, axon.hotkey(), "uuid-b",
                Long.parseLong(first.headers.get("bt_header_dendrite_nonce")) - 1_000);
        assertThat(send(first).code()).isEqualTo(200);
        assertThat(send(second).code()).as("an older nonce under another uuid is its own sequence").isEqualTo(200);
        assertThat(Set.of(first.headers.get("bt_header_dendrite_uuid"), second.headers.get("bt_header_dendrite_uuid")))
                .hasSize(2);
    }
}
