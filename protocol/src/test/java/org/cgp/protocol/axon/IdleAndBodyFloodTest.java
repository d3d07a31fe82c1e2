package org.cgp.protocol.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.cgp.protocol.keys.Keypair;
import org.cgp.protocol.synapse.CgSynapse;
import org.cgp.protocol.wire.NonceClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The floods of the hostile review against a real axon: sockets that never send a byte, beyond the
 * connection cap, from several loopback addresses, are closed within the production idle timeout
 * and a fresh caller is served again; heads declaring 1 MiB bodies from one address
 * are refused before their bodies (unsigned: 401; signed, past the address's in-flight budget: 503)
 * while another address is served. Flood sockets come from 127.0.0.2 and up (all of 127.0.0.0/8 is
 * loopback), valid calls from 127.0.0.1.
 */
class IdleAndBodyFloodTest {
    private static final Keypair AXON_KEY = Keypair.fromUri("//Bob");
    private static final Keypair CALLER = Keypair.fromUri("//Alice");
    private final List<Socket> sockets = new ArrayList<>();
    private AxonServer axon;

    @AfterEach void stop() {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (Exception ignored) {
                // closing
            }
        }
        if (axon != null) axon.close();
    }

    private int validCall() throws Exception {
        OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(3)).retryOnConnectionFailure(false).build();
        SignedCall call = SignedCall.valid(CALLER, axon.hotkey());
        Request.Builder r = new Request.Builder().url("http://127.0.0.1:" + axon.port() + call.path)
                .post(RequestBody.create(call.body, MediaType.get("application/json")));
        call.headers.forEach(r::header);
        try (Response response = http.newCall(r.build()).execute()) {
            return response.code();
        } catch (java.io.IOException e) {
            return -1; // refused or reset while the cap holds
        } finally {
            http.connectionPool().evictAll();
        }
    }

    private Socket connectFrom(String local) throws Exception {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(local), 0));
        s.connect(new InetSocketAddress("127.0.0.1", axon.port()), 2000);
        s.setSoTimeout(4000);
        sockets.add(s);
        return s;
    }

    /** What the server sent before closing (empty when it closed without a word), or null when it kept the socket open. */
    private static String readUntilClosed(Socket s) {
        StringBuilder got = new StringBuilder();
        try {
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            for (int n; (n = in.read(buf)) >= 0; ) got.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            return got.toString();
        } catch (java.net.SocketTimeoutException e) {
            return null;
        } catch (java.io.IOException e) {
            return got.toString();
        }
    }

    @Test
    void idleSocketsBeyondTheCapFromManyAddressesAreClosedWithinTheIdleTimeout() throws Exception {
        // the production idle timeout, and caps an eighth of the production ones, so the flood opens well inside that timeout
        int total = AxonServer.DEFAULT_MAX_CONNECTIONS / 8, perAddress = AxonServer.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS / 4;
        axon = AxonServer.builder(AXON_KEY).host("0.0.0.0").port(0).maxConnections(total, perAddress)
                .attach(CgSynapse.NAME, CgSynapse.class, r -> r).start();
        assertThat(validCall()).isEqualTo(200);
        long start = System.nanoTime();
        int addresses = total / perAddress + 1;
        for (int a = 0; a < addresses; a++) {
            for (int i = 0; i < perAddress; i++) connectFrom("127.0.0." + (2 + a));
        }
        assertThat(sockets).hasSizeGreaterThan(total);
        // once the axon has accepted them all (the kernel's accept queue may hold some a moment), a fresh caller is locked out;
        // a slot the warm-up call frees only after the flood filled the cap (its close reaching the axon late) is filled
        // by a few more idle sockets from a fresh address, as a flood would
        boolean lockedOut = false;
        for (int i = 0; i < 15 && !lockedOut; i++) {
            int c = validCall();
            lockedOut = c == 503 || c == -1;
            if (!lockedOut) {
                for (int k = 0; k < perAddress; k++) connectFrom("127.0.1." + (1 + i));
                Thread.sleep(200);
            }
        }
        assertThat(lockedOut).as("every slot held by a socket that sends nothing").isTrue();
        int code = 0;
        while (System.nanoTime() - start < AxonServer.DEFAULT_IDLE_TIMEOUT.plusSeconds(10).toNanos()) {
            code = validCall();
            if (code == 200) break;
            Thread.sleep(250);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(code).as("served again %.1f s after the flood began", seconds).isEqualTo(200);
        assertThat(seconds).as("within the idle timeout and the time the flood took to open").isLessThan(AxonServer.DEFAULT_IDLE_TIMEOUT.toSeconds() + 10);
        assertThat(readUntilClosed(sockets.get(0))).as("an idle socket was closed by the axon").isNotNull();
    }

    @Test
    void headsDeclaringLargeBodiesAreRefusedBeforeTheirBodiesAndOtherAddressesAreServed() throws Exception {
        axon = AxonServer.builder(AXON_KEY).host("0.0.0.0").port(0).attach(CgSynapse.NAME, CgSynapse.class, r -> r).start();
        byte[] junk = "x".repeat(200_000).getBytes(StandardCharsets.US_ASCII);
        // unsigned: refused at the head, 401, the connection closed; its body never aggregated
        List<Socket> unsigned = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            Socket s = connectFrom("127.0.0.2");
            OutputStream out = s.getOutputStream();
            out.write(("POST /CgSynapse HTTP/1.1\r\nHost: x\r\nbt_header_input_obj_cgp_input: W10=\r\nContent-Length: 1048576\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            try {
                out.write(junk);
            } catch (java.io.IOException closedAlready) {
                // the axon may close before it reads this
            }
            unsigned.add(s);
        }
        assertThat(validCall()).as("another address during the flood").isEqualTo(200);
        for (Socket s : unsigned) assertThat(readUntilClosed(s)).as("unsigned head").startsWith("HTTP/1.1 401");

        // signed by a caller the blacklist lets in: four bodies may be on their way at once from one address, then 503
        NonceClock clock = new NonceClock();
        int refused = 0;
        List<Socket> signed = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            SignedCall call = SignedCall.valid(CALLER, axon.hotkey(), UUID.randomUUID().toString(), clock.next());
            StringBuilder head = new StringBuilder("POST /CgSynapse HTTP/1.1\r\nHost: x\r\nContent-Length: 1048576\r\n");
            call.headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            Socket s = connectFrom("127.0.0.3");
            s.getOutputStream().write((head + "\r\n").getBytes(StandardCharsets.US_ASCII));
            try {
                s.getOutputStream().write(junk);
            } catch (java.io.IOException closedAlready) {
                // a refused head's connection may be closed before this is written
            }
            signed.add(s);
        }
        assertThat(validCall()).as("another address while one holds its budget").isEqualTo(200);
        for (Socket s : signed) {
            s.setSoTimeout(1500);
            String got = readUntilClosed(s);
            if (got != null && got.startsWith("HTTP/1.1 503")) {
                assertThat(got).contains("too many request bytes in flight from this address");
                refused++;
            }
        }
        long budget = AxonServer.DEFAULT_MAX_BODY_BYTES_IN_FLIGHT_PER_ADDRESS / 1048576;
        assertThat(refused).as("past the address's budget of %d bodies", budget).isEqualTo(16 - (int) budget);
    }
}
