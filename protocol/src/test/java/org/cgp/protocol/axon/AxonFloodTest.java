package org.cgp.protocol.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.cgp.protocol.keys.Keypair;
import org.cgp.protocol.synapse.CgSynapse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Floods against a real axon on loopback, with bounded counts: slow-header connections are closed
 * at the request deadline, connections over the per-address cap are refused with 503, and a valid
 * caller from another address is served throughout. Flood sockets come from 127.0.0.2/3 (all of
 * 127.0.0.0/8 is loopback), valid calls from 127.0.0.1.
 */
class AxonFloodTest {
    private static final Keypair AXON_KEY = Keypair.fromUri("//Bob");
    private static final Keypair CALLER = Keypair.fromUri("//Alice");
    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(3)).build();
    private AxonServer axon;

    @BeforeEach void start() throws Exception {
        axon = AxonServer.builder(AXON_KEY).host("127.0.0.1").port(0).requestDeadline(Duration.ofMillis(800)).maxConnections(200, 8)
                .attach(CgSynapse.NAME, CgSynapse.class, r -> r).start();
    }

    @AfterEach void stop() { axon.close(); }

    private int validCall() throws Exception {
        SignedCall call = SignedCall.valid(CALLER, axon.hotkey());
        Request.Builder r = new Request.Builder().url("http://127.0.0.1:" + axon.port() + call.path)
                .post(RequestBody.create(call.body, MediaType.get("application/json")));
        call.headers.forEach(r::header);
        try (Response response = http.newCall(r.build()).execute()) {
            return response.code();
        }
    }

    private Socket connectFrom(String local) throws Exception {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(local), 0));
        s.connect(new InetSocketAddress("127.0.0.1", axon.port()), 2000);
        s.setSoTimeout(3000);
        return s;
    }

    /** True when the server closed the socket (end of stream or a reset). */
    private static boolean closedByServer(Socket s) {
        try {
            InputStream in = s.getInputStream();
            while (true) {
                int b = in.read();
                if (b < 0) return true;
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    @Test
    void slowHeaderConnectionsAreClosedAtTheDeadlineAndValidCallersAreServed() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) slow.add(connectFrom("127.0.0.2"));
            byte[] head = ("POST /CgSynapse HTTP/1.1\r\nhost: x\r\n").getBytes(StandardCharsets.US_ASCII);
            // one byte every 100 ms per socket for 2 s (each byte would reset an idle timer), past the 0.8 s deadline
            for (int sent = 0; sent < 20; sent++) {
                for (Socket s : slow) {
                    try {
                        OutputStream out = s.getOutputStream();
                        out.write(head[sent % head.length]);
                        out.flush();
                    } catch (java.io.IOException closed) {
                        // closed by the server: expected once the deadline passes
                    }
                }
                if (sent % 5 == 0) assertThat(validCall()).as("a valid caller during the slowloris run").isEqualTo(200);
                Thread.sleep(100);
            }
            for (Socket s : slow) assertThat(closedByServer(s)).as("a slow-header connection after the deadline").isTrue();
            assertThat(validCall()).isEqualTo(200);
        } finally {
            for (Socket s : slow) s.close();
        }
    }

    @Test
    void connectionsOverThePerAddressCapAreRefusedWith503() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) idle.add(connectFrom("127.0.0.3"));
            int refused = 0;
            for (Socket s : idle) {
                s.setSoTimeout(300);
                byte[] buf = new byte[256];
                int n;
                try {
                    n = s.getInputStream().read(buf);
                } catch (SocketTimeoutException e) {
                    continue; // accepted and waiting for a request
                }
                if (n > 0 && new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 503")) refused++;
            }
            assertThat(refused).isEqualTo(4);
            assertThat(validCall()).as("another address is not affected").isEqualTo(200);
        } finally {
            for (Socket s : idle) s.close();
        }
        Thread.sleep(200);
        assertThat(validCall()).isEqualTo(200);
    }
}
