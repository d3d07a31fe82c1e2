package org.cgp.protocol.dendrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.axon.AxonServer;
import org.cgp.protocol.keys.Keypair;
import org.cgp.protocol.synapse.CgSynapse;
import org.cgp.protocol.synapse.Guid;
import org.cgp.protocol.synapse.Line;
import org.cgp.protocol.synapse.MinerOutput;
import org.cgp.protocol.synapse.WindowPacket;
import org.cgp.protocol.synapse.WireJson;
import org.cgp.protocol.wire.BodyHash;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OkHttp dendrite against real Netty axons (and a few deliberately broken servers) on loopback. */
class DendriteTest {
    private static final Keypair VALIDATOR = Keypair.fromUri("//Alice");
    private static final Keypair MINER_A = Keypair.fromUri("//Bob");
    private static final Keypair MINER_B = Keypair.fromUri("//Charlie");

    private final List<AutoCloseable> open = new ArrayList<>();
    private Dendrite dendrite;

    @BeforeEach
    void setUp() {
        dendrite = new Dendrite(VALIDATOR);
        open.add(dendrite);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : open) c.close();
    }

    private AxonInfo startMiner(Keypair key, String tagPrefix) throws Exception {
        AxonServer axon = AxonServer.builder(key).host("127.0.0.1").port(0)
                .blacklist(h -> h.equals(VALIDATOR.ss58Address()) ? Optional.empty() : Optional.of("not a validator"))
                .attach(CgSynapse.NAME, CgSynapse.class, request -> {
                    String text = request.window().lines().get(0).text();
                    if (text.equals("slow")) Thread.sleep(30_000);
                    return request.withOutput(new MinerOutput(List.of(tagPrefix + text), null, null));
                })
                .start();
        open.add(axon);
        return new AxonInfo("127.0.0.1", axon.port(), key.ss58Address());
    }

    private static CgSynapse request(String text) {
        return CgSynapse.request(new WindowPacket(Guid.of("42"), 3, List.of(new Line(0, text), new Line(1, "ok"))), 12.0);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private MockWebServer mock(MockResponse response) throws Exception {
        MockWebServer server = new MockWebServer();
        server.enqueue(response);
        server.start();
        open.add(server);
        return server;
    }

    @Test
    void successfulCallReturnsTheMinersSynapseWithStatus() throws Exception {
        AxonInfo miner = startMiner(MINER_A, "a:");
        List<DendriteResult<CgSynapse>> results =
                dendrite.forward(List.of(miner), CgSynapse.NAME, request("hello"), CgSynapse.class, Duration.ofSeconds(10));
        DendriteResult<CgSynapse> r = results.get(0);
        assertThat(r.isSuccess()).isTrue();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.statusMessage()).isEqualTo("Success");
        assertThat(r.axon()).isEqualTo(miner);
        assertThat(r.response().output().tags()).containsExactly("a:hello");
        assertThat(r.response().cgpInput()).as("the echo of our own request is skipped, not kept").isNull();
        assertThat(r.response().axon().hotkey()).isEqualTo(MINER_A.ss58Address());
        assertThat(r.response().axon().statusCode()).isEqualTo(200);
        assertThat(r.response().dendrite().statusCode()).isEqualTo(200);
        assertThat(r.response().dendrite().hotkey()).isEqualTo(VALIDATOR.ss58Address());
        assertThat(r.response().dendrite().processTime()).isPositive();
    }

    @Test
    void requestCarriesThePythonHeadersInLowercase() throws Exception {
        MockWebServer server = mock(new MockResponse().setResponseCode(500).setBody("{\"message\":\"boom\"}"));
        AxonInfo target = new AxonInfo("127.0.0.1", server.getPort(), MINER_A.ss58Address());
        List<DendriteResult<CgSynapse>> results =
                dendrite.forward(List.of(target), CgSynapse.NAME, request("hi"), CgSynapse.class, Duration.ofSeconds(5));
        assertThat(results.get(0).statusCode()).isEqualTo(500);
        assertThat(results.get(0).statusMessage()).isEqualTo("boom");

        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getMethod()).isEqualTo("POST");
        assertThat(sent.getPath()).isEqualTo("/CgSynapse");
        assertThat(sent.getHeader("bt_header_input_obj_cgp_input")).isEqualTo("W10=");
        assertThat(sent.getHeader("computed_body_hash")).isEqualTo(BodyHash.EMPTY);
        assertThat(sent.getHeader("timeout")).isEqualTo("5.0");
        assertThat(sent.getHeader("name")).isEqualTo("CgSynapse");
        assertThat(sent.getHeader("bt_header_dendrite_version")).isEqualTo("10003000");
        assertThat(sent.getHeader("bt_header_dendrite_uuid")).isEqualTo(dendrite.uuid());
        assertThat(sent.getHeader("bt_header_dendrite_hotkey")).isEqualTo(VALIDATOR.ss58Address());
        assertThat(sent.getHeader("bt_header_axon_hotkey")).isEqualTo(MINER_A.ss58Address());
        assertThat(sent.getHeader("bt_header_axon_port")).isEqualTo(String.valueOf(server.getPort()));
        assertThat(sent.getHeader("bt_header_dendrite_signature")).matches("0x[0-9a-f]{128}");
        assertThat(Long.parseLong(sent.getHeader("total_size"))).isEqualTo(sent.getBodySize());
        assertThat(sent.getHeaders().names()).filteredOn(n -> n.startsWith("bt_") || n.contains("_"))
                .allSatisfy(n -> assertThat(n).isEqualTo(n.toLowerCase()));
        var body = WireJson.mapper().readTree(sent.getBody().readUtf8());
        assertThat(body.path("timeout").asDouble()).isEqualTo(5.0);
        assertThat(body.path("computed_body_hash").asText()).isEmpty();
        assertThat(body.path("dendrite").path("nonce").asLong())
                .isEqualTo(Long.parseLong(sent.getHeader("bt_header_dendrite_nonce")));
        assertThat(body.path("cgp_input").get(0).path("lines").get(0).get(1).asText()).isEqualTo("hi");
    }

    @Test
    void downAxonIs503() throws Exception {
        int port = closedPort();
        AxonInfo down = new AxonInfo("127.0.0.1", port, MINER_A.ss58Address());
        DendriteResult<CgSynapse> r = dendrite.forward(List.of(down), CgSynapse.NAME, request("x"), CgSynapse.class,
                Duration.ofSeconds(5)).get(0);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.statusMessage()).isEqualTo("Service unavailable at [REDACTED]/CgSynapse");
        assertThat(r.response()).isNull();
        assertThat(r.isSuccess()).isFalse();
    }

    @Test
    void anAxonThatStoppedAfterAKeepAliveCallIs503Unavailable() throws Exception {
        AxonServer axon = AxonServer.builder(MINER_A).host("127.0.0.1").port(0)
                .attach(CgSynapse.NAME, CgSynapse.class, r -> r).start();
        AxonInfo miner = new AxonInfo("127.0.0.1", axon.port(), MINER_A.ss58Address());
        for (int i = 0; i < 2; i++) { // the second call reuses the pooled connection
            assertThat(dendrite.forward(List.of(miner), CgSynapse.NAME, request("x"), CgSynapse.class,
                    Duration.ofSeconds(5)).get(0).statusCode()).isEqualTo(200);
        }
        axon.close();
        DendriteResult<CgSynapse> r = dendrite.forward(List.of(miner), CgSynapse.NAME, request("x"), CgSynapse.class,
                Duration.ofSeconds(5)).get(0);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.statusMessage()).isEqualTo("Service unavailable at [REDACTED]/CgSynapse");
    }

    @Test
    void slowAxonIs408() throws Exception {
        AxonInfo miner = startMiner(MINER_A, "a:");
        DendriteResult<CgSynapse> r = dendrite.forward(List.of(miner), CgSynapse.NAME, request("slow"), CgSynapse.class,
                Duration.ofMillis(1500)).get(0);
        assertThat(r.statusCode()).isEqualTo(408);
        assertThat(r.statusMessage()).isIn("Request timeout after 1.5 seconds", "Response timeout after: 1.5s");
    }

    @Test
    void silentServerIs408FromTheClientSide() throws Exception {
        MockWebServer server = mock(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        AxonInfo target = new AxonInfo("127.0.0.1", server.getPort(), MINER_A.ss58Address());
        DendriteResult<CgSynapse> r = dendrite.forward(List.of(target), CgSynapse.NAME, request("x"), CgSynapse.class,
                Duration.ofSeconds(1)).get(0);
        assertThat(r.statusCode()).isEqualTo(408);
        assertThat(r.statusMessage()).isEqualTo("Request timeout after 1.0 seconds");
    }

    @Test
    void garbageResponseIs422() throws Exception {
        MockWebServer server = mock(new MockResponse().setResponseCode(200).setBody("<html>not a synapse</html>"));
        AxonInfo target = new AxonInfo("127.0.0.1", server.getPort(), MINER_A.ss58Address());
        DendriteResult<CgSynapse> r = dendrite.forward(List.of(target), CgSynapse.NAME, request("x"), CgSynapse.class,
                Duration.ofSeconds(5)).get(0);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.statusMessage()).startsWith("Failed to parse response: ");
        assertThat(r.response()).isNull();
    }

    @Test
    void wrongShapedJsonIs422() throws Exception {
        MockWebServer server = mock(new MockResponse().setResponseCode(200).setBody("{\"cgp_output\": 7}"));
        AxonInfo target = new AxonInfo("127.0.0.1", server.getPort(), MINER_A.ss58Address());
        DendriteResult<CgSynapse> r = dendrite.forward(List.of(target), CgSynapse.NAME, request("x"), CgSynapse.class,
                Duration.ofSeconds(5)).get(0);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.statusMessage()).startsWith("Failed to parse response: ");
    }

    @Test
    void refusedCallCarriesTheAxonsCodeAndMessage() throws Exception {
        AxonInfo miner = startMiner(MINER_A, "a:");
        try (Dendrite stranger = new Dendrite(Keypair.fromUri("//Eve"))) {
            DendriteResult<CgSynapse> r = stranger.forward(List.of(miner), CgSynapse.NAME, request("x"),
                    CgSynapse.class, Duration.ofSeconds(5)).get(0);
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.statusMessage()).isEqualTo("Forbidden. Key is blacklisted: not a validator.");
        }
        // calling the right address under the wrong hotkey fails verification
        AxonInfo wrongHotkey = new AxonInfo(miner.ip(), miner.port(), MINER_B.ss58Address());
        DendriteResult<CgSynapse> r = dendrite.forward(List.of(wrongHotkey), CgSynapse.NAME, request("x"),
                CgSynapse.class, Duration.ofSeconds(5)).get(0);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.statusMessage()).startsWith("Not Verified with error: Signature mismatch");
    }

    @Test
    void mixedListKeepsOrderAndAttribution() throws Exception {
        AxonInfo a = startMiner(MINER_A, "a:");
        AxonInfo b = startMiner(MINER_B, "b:");
        AxonInfo down = new AxonInfo("127.0.0.1", closedPort(), Keypair.fromUri("//Dave").ss58Address());
        MockWebServer garbage = mock(new MockResponse().setResponseCode(200).setBody("garbage"));
        AxonInfo bad = new AxonInfo("127.0.0.1", garbage.getPort(), Keypair.fromUri("//Ferdie").ss58Address());
        AxonInfo notServing = new AxonInfo("0.0.0.0", 0, Keypair.fromUri("//Eve").ss58Address());
        List<AxonInfo> axons = List.of(down, a, bad, notServing, b);

        List<DendriteResult<CgSynapse>> results =
                dendrite.forward(axons, CgSynapse.NAME, request("hey"), CgSynapse.class, Duration.ofSeconds(8));

        assertThat(results).extracting(DendriteResult::axon).containsExactlyElementsOf(axons);
        assertThat(results).extracting(DendriteResult::statusCode).containsExactly(503, 200, 422, 503, 200);
        assertThat(results.get(1).response().output().tags()).containsExactly("a:hey");
        assertThat(results.get(4).response().output().tags()).containsExactly("b:hey");
        assertThat(results.get(1).response().axon().hotkey()).isEqualTo(MINER_A.ss58Address());
        assertThat(results.get(4).response().axon().hotkey()).isEqualTo(MINER_B.ss58Address());
    }

    @Test
    void ipv6AxonsAreBracketed() throws Exception {
        MockWebServer server = new MockWebServer();
        server.enqueue(new MockResponse().setResponseCode(418).setBody("{\"message\":\"teapot\"}"));
        try {
            server.start(java.net.InetAddress.getByName("::1"), 0);
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no IPv6 loopback here: " + e.getMessage());
        }
        open.add(server);
        AxonInfo v6 = new AxonInfo("::1", server.getPort(), MINER_A.ss58Address());
        DendriteResult<CgSynapse> r = dendrite.forward(List.of(v6), CgSynapse.NAME, request("x"), CgSynapse.class,
                Duration.ofSeconds(5)).get(0);
        assertThat(r.statusCode()).isEqualTo(418);
        assertThat(r.statusMessage()).isEqualTo("teapot");
        assertThat(server.takeRequest().getRequestUrl().host()).isEqualTo("::1");
    }

    @Test
    void sixtyFourParallelSignedCallsAllSucceedAndComeBackToTheirCaller() throws Exception {
        AxonInfo miner = startMiner(MINER_A, "a:");
        int callers = 64;
        int callsEach = 3;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                int caller = c;
                futures.add(pool.submit(() -> {
                    List<String> tags = new ArrayList<>();
                    try (Dendrite d = new Dendrite(VALIDATOR)) {
                        for (int i = 0; i < callsEach; i++) {
                            DendriteResult<CgSynapse> r = d.forward(List.of(miner), CgSynapse.NAME,
                                    request("c" + caller + "-" + i), CgSynapse.class, Duration.ofSeconds(30)).get(0);
                            tags.add(r.statusCode() + " " + (r.isSuccess() ? r.response().output().tags().get(0) : r.statusMessage()));
                        }
                    }
                    return tags;
                }));
            }
            for (int c = 0; c < callers; c++) {
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < callsEach; i++) expected.add("200 a:c" + c + "-" + i);
                assertThat(futures.get(c).get()).containsExactlyElementsOf(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
