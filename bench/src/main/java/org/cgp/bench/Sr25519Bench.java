package org.cgp.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.cgp.protocol.keys.Keypair;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * sr25519 sign and verify throughput (one thread) over a dendrite-style request message
 * ({@code nonce.dendriteHotkey.axonHotkey.uuid.bodyHash}, ~190 bytes), plus key derivation from a URI.
 * Run: {@code java -jar bench/target/benchmarks.jar Sr25519 -f 1 -wi 2 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Sr25519Bench {
    private Keypair alice;
    private byte[] publicKey;
    private byte[] message;
    private byte[] signature;
    /** More signers than the verifier keeps tables for, so every call decodes its key afresh. */
    private final byte[][] manyKeys = new byte[1024][];
    private final byte[][] manySignatures = new byte[1024][];
    private int next;

    @Setup
    public void setUp() {
        alice = Keypair.fromUri("//Alice");
        publicKey = alice.publicKey();
        message = ("1700000000000000000.5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY."
            + "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty.5ecbd69c-1cec-11ee-b0dc-e29ce36fec1a."
            + "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a").getBytes(StandardCharsets.UTF_8);
        signature = alice.sign(message);
        if (!Keypair.verify(publicKey, message, signature)) {
            throw new IllegalStateException("benchmark setup: signature does not verify");
        }
        java.security.SecureRandom random = new java.security.SecureRandom();
        for (int i = 0; i < manyKeys.length; i++) {
            byte[] seed = new byte[32];
            random.nextBytes(seed);
            Keypair k = Keypair.fromMiniSecret(seed);
            manyKeys[i] = k.publicKey();
            manySignatures[i] = k.sign(message);
        }
    }

    /** One signer's requests over and over: the axon's case (the same validators all day). */
    @Benchmark
    public byte[] sign() {
        return alice.sign(message);
    }

    /** One signer's requests over and over: the axon's case (the same validators all day). */
    @Benchmark
    public boolean verify() {
        return Keypair.verify(publicKey, message, signature);
    }

    /** A different signer each call (a flood of fresh hotkeys): no cached key table. */
    @Benchmark
    public boolean verifyFreshKey() {
        int i = next++ & (manyKeys.length - 1);
        return Keypair.verify(manyKeys[i], message, manySignatures[i]);
    }

    @Benchmark
    public Keypair deriveAliceFromUri() {
        return Keypair.fromUri("//Alice");
    }
}
