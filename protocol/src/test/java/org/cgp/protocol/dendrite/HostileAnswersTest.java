package org.cgp.protocol.dendrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okio.Buffer;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.keys.Keypair;
import org.cgp.protocol.synapse.CgSynapse;
import org.cgp.protocol.synapse.Guid;
import org.cgp.protocol.synapse.Line;
import org.cgp.protocol.synapse.WindowPacket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A miner's answer is hostile input: each of these is that miner's 422 with its reason, read with
 * bounded memory, and a well-formed answer beside them is still read.
 */
class HostileAnswersTest {
    private static final Keypair VALIDATOR = Keypair.fromUri("//Alice");
    private static final String MINER = Keypair.fromUri("//Bob").ss58Address();
    private final Dendrite dendrite = new Dendrite(VALIDATOR);
    private final MockWebServer server = new MockWebServer();

    @AfterEach void close() throws Exception {
        dendrite.close();
        server.shutdown();
    }

    private DendriteResult<CgSynapse> answer(MockResponse response) throws Exception {
        server.enqueue(response.setHeader("Content-Type", "application/json"));
        if (server.getPort() <= 0) server.start();
        CgSynapse request = CgSynapse.request(new WindowPacket(Guid.of("1"), 0, List.of(new Line(0, "hello"))), 5.0);
        return dendrite.forward(List.of(new AxonInfo("127.0.0.1", server.getPort(), MINER)), CgSynapse.NAME, request, CgSynapse.class,
                Duration.ofSeconds(5)).get(0);
    }

    private static byte[] objects(int megabytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(megabytes << 20);
        out.writeBytes("{\"cgp_output\":[{\"tags\":[\"a\"]}],\"x\":[".getBytes(StandardCharsets.US_ASCII));
        byte[] item = "{},".getBytes(StandardCharsets.US_ASCII);
        while (out.size() < (megabytes << 20)) out.writeBytes(item);
        out.writeBytes("{}]}".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] b) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    @Test
    void aGzipBombIsRefusedOnceItsDecodedSizePassesTheLimit() throws Exception {
        byte[] bomb = gzip(objects(12));
        assertThat(bomb.length).as("small on the wire").isLessThan(100_000);
        DendriteResult<CgSynapse> r = answer(new MockResponse().setHeader("Content-Encoding", "gzip").setBody(new Buffer().write(bomb)));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.statusMessage()).contains("larger than " + ResponseReader.MAX_RESPONSE_BYTES + " bytes once decompressed");
        assertThat(server.takeRequest().getHeader("Accept-Encoding")).as("we never ask for compression").isEqualTo("identity");
    }

    @Test
    void aSmallGzipAnswerIsReadAndACorruptOneRefused() throws Exception {
        byte[] ok = gzip("{\"cgp_output\":[{\"tags\":[\"sailing\",\"boats\",\"harbours\"]}]}".getBytes(StandardCharsets.UTF_8));
        DendriteResult<CgSynapse> r = answer(new MockResponse().setHeader("Content-Encoding", "gzip").setBody(new Buffer().write(ok)));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.response().output().tags()).containsExactly("sailing", "boats", "harbours");
        byte[] corrupt = ok.clone();
        corrupt[corrupt.length / 2] ^= 0x5a;
        r = answer(new MockResponse().setHeader("Content-Encoding", "gzip").setBody(new Buffer().write(corrupt)));
        assertThat(r.statusCode()).isEqualTo(422);
        r = answer(new MockResponse().setHeader("Content-Encoding", "br").setBody("xx"));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.statusMessage()).contains("unsupported Content-Encoding br");
    }

    @Test
    void amplifyingDeepOrHugeBodiesAreThatMinersFailureOnly() throws Exception {
        // under the byte limit, but a million tiny objects: the token limit
        DendriteResult<CgSynapse> r = answer(new MockResponse().setBody(new Buffer().write(objects(1))));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.statusMessage()).contains("Token count");
        // 100,000 nested arrays
        r = answer(new MockResponse().setBody("{\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.statusMessage()).contains("nesting depth");
        // a 10 MB tag list, plain
        StringBuilder tags = new StringBuilder("{\"cgp_output\":[{\"tags\":[");
        while (tags.length() < 10_000_000) tags.append("\"tagtagtagtag\",");
        r = answer(new MockResponse().setBody(tags.append("\"end\"]}]}").toString()));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.statusMessage()).contains("larger than " + ResponseReader.MAX_RESPONSE_BYTES + " bytes");
        // garbage
        r = answer(new MockResponse().setBody("\u0000\u0001{not json"));
        assertThat(r.statusCode()).isEqualTo(422);
        // an error answer of 3 MiB: its status, a short message, nothing more read
        r = answer(new MockResponse().setResponseCode(500).setBody(new Buffer().write(objects(3))));
        assertThat(r.statusCode()).isEqualTo(422);
        r = answer(new MockResponse().setResponseCode(500).setBody("{\"message\": \"" + "m".repeat(5000) + "\", \"x\": [[[[1]]]]}"));
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.statusMessage()).hasSize(203).startsWith("mmm").endsWith("...");
        // and a well-formed answer after all of them
        r = answer(new MockResponse().setBody("{\"cgp_output\":[{\"tags\":[\"sailing\",\"boats\",\"harbours\"]}], \"unknown\": {\"deep\": [1, 2, 3]}}"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.response().output().tags()).containsExactly("sailing", "boats", "harbours");
    }
}
