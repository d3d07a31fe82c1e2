package org.cgp.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class StatusServerTest {
    final OkHttpClient http = new OkHttpClient();

    Response get(int port, String path) throws Exception {
        return http.newCall(new Request.Builder().url("http://127.0.0.1:" + port + path).build()).execute();
    }

    @Test
    void servesMetricsAndTheStatusPageAndNothingElse() throws Exception {
        try (StatusServer s = StatusServer.start("127.0.0.1", 0, () -> "cgp_up 1\n", () -> "<p>" + StatusServer.escape("<ok & well>") + "</p>")) {
            try (Response r = get(s.port(), "/metrics")) {
                assertThat(r.code()).isEqualTo(200);
                assertThat(r.header("Content-Type")).startsWith("text/plain; version=0.0.4");
                assertThat(r.body().string()).isEqualTo("cgp_up 1\n");
            }
            try (Response r = get(s.port(), "/")) {
                assertThat(r.code()).isEqualTo(200);
                assertThat(r.body().string()).isEqualTo("<p>&lt;ok &amp; well&gt;</p>");
            }
            try (Response r = get(s.port(), "/secrets")) {
                assertThat(r.code()).isEqualTo(404);
            }
            try (Response r = http.newCall(new Request.Builder().url("http://127.0.0.1:" + s.port() + "/metrics")
                    .post(RequestBody.create(new byte[0])).build()).execute()) {
                assertThat(r.code()).isEqualTo(405);
            }
        }
    }

    @Test
    void aFailingPageDoesNotStopTheServer() throws Exception {
        int[] calls = {0};
        try (StatusServer s = StatusServer.start("127.0.0.1", 0, () -> "m 1\n", () -> {
            if (calls[0]++ == 0) throw new IllegalStateException("boom");
            return "fine";
        })) {
            try (Response r = get(s.port(), "/")) {
                assertThat(r.code()).isEqualTo(500);
                assertThat(r.body().string()).doesNotContain("boom");
            }
            try (Response r = get(s.port(), "/")) {
                assertThat(r.body().string()).isEqualTo("fine");
            }
        }
    }

    @Test
    void halfSentConnectionsDoNotBlockMetricsAndAreDropped() throws Exception {
        try (StatusServer s = StatusServer.start("127.0.0.1", 0, () -> "cgp_up 1\n", () -> "<p>ok</p>")) {
            java.util.List<java.net.Socket> slow = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < StatusServer.THREADS + 2; i++) { // more half-sent requests than threads
                    java.net.Socket sock = new java.net.Socket("127.0.0.1", s.port());
                    sock.getOutputStream().write("GET /metr".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    sock.getOutputStream().flush();
                    slow.add(sock);
                }
                java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
                java.net.http.HttpResponse<String> r = client.send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://127.0.0.1:" + s.port() + "/metrics")).timeout(java.time.Duration.ofSeconds(15)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).contains("cgp_up 1");
                // the half-sent ones are closed by the server once they pass the request time limit
                java.net.Socket first = slow.get(0);
                first.setSoTimeout((StatusServer.MAX_REQUEST_SECONDS + 10) * 1000);
                int b;
                try {
                    b = first.getInputStream().read();
                } catch (java.io.IOException reset) {
                    b = -1;
                }
                assertThat(b).isEqualTo(-1);
            } finally {
                for (java.net.Socket sock : slow) sock.close();
            }
        }
    }
}
