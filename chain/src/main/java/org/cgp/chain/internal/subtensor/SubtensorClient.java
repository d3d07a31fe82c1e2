package org.cgp.chain.internal.subtensor;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import org.cgp.chain.ChainException;
import org.cgp.chain.internal.metadata.MetadataDecoder;
import org.cgp.chain.internal.metadata.RuntimeMetadata;
import org.cgp.chain.internal.metadata.StorageEntry;
import org.cgp.chain.internal.metadata.TypeDef;
import org.cgp.chain.internal.metadata.ValueCodec;
import org.cgp.chain.rpc.JsonRpcClient;
import org.cgp.chain.rpc.RpcConfig;
import org.cgp.chain.internal.scale.Hex;
import org.cgp.chain.internal.scale.ScaleException;
import org.cgp.chain.internal.scale.ScaleReader;
import org.cgp.chain.internal.scale.ScaleWriter;
import org.cgp.chain.internal.hash.Hashing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Low-level access to a subtensor node over JSON-RPC: blocks, runtime version, metadata (fetched
 * once per runtime version), storage by pallet/item name, runtime API calls, nonces. Decoding
 * failures come out as {@link ChainException}s naming the call.
 */
public final class SubtensorClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SubtensorClient.class);

    private final JsonRpcClient rpc;
    private volatile byte[] genesisHash;
    private volatile RuntimeMetadata metadata;
    private volatile long metadataSpecVersion = -1;
    private volatile ValueCodec codec;
    private volatile long versionCheckedAt;
    /** How stale the runtime-version check behind {@link #metadata()} may be. */
    public static final long VERSION_CHECK_INTERVAL_MS = 30_000;

    public SubtensorClient(JsonRpcClient rpc) { this.rpc = rpc; }

    public static SubtensorClient connect(String url, RpcConfig config) { return new SubtensorClient(new JsonRpcClient(url, config)); }

    public JsonRpcClient rpc() { return rpc; }

    public String url() { return rpc.url(); }

    // ---------------------------------------------------------------- blocks and versions

    /** The best block's number. */
    public long blockNumber() { return parseNumber(rpc.call("chain_getHeader").path("number"), "chain_getHeader"); }

    /** The hash of the best block ({@code null} number) or of block {@code number}, as 0x hex. */
    public String blockHash(Long number) {
        JsonNode h = number == null ? rpc.call("chain_getBlockHash") : rpc.call("chain_getBlockHash", number);
        if (h == null || h.isNull()) throw new ChainException("chain_getBlockHash(" + number + "): the node has no such block");
        return h.asText();
    }

    /** The number of the block with this hash. */
    public long blockNumberAt(String hash) { return parseNumber(rpc.call("chain_getHeader", hash).path("number"), "chain_getHeader"); }

    public byte[] genesisHash() {
        byte[] g = genesisHash;
        if (g == null) {
            g = Hex.decode(blockHash(0L));
            genesisHash = g;
        }
        return g.clone();
    }

    public RuntimeVersion runtimeVersion() {
        JsonNode v = rpc.call("state_getRuntimeVersion");
        if (!v.has("specVersion")) throw new ChainException("state_getRuntimeVersion: the answer has no specVersion");
        return new RuntimeVersion(v.path("specName").asText(), v.path("specVersion").asLong(), v.path("transactionVersion").asLong());
    }

    /**
     * The runtime metadata, fetched again when the runtime's spec version changes (checked at most
     * every {@link #VERSION_CHECK_INTERVAL_MS} ms for reads; signing checks every time through
     * {@link #metadataFor}). Prefers v15, falls back to v14.
     */
    /** The runtimes the chain suite runs on (../shared/chain); a newer one is warned about once per metadata fetch. */
    public static final String TESTED_SPECS = "218, 293";
    public static final long NEWEST_TESTED_SPEC = 293;

    /** The warning a runtime newer than {@link #NEWEST_TESTED_SPEC} deserves, if it is newer. */
    public static Optional<String> untestedSpecWarning(long spec) {
        if (spec <= NEWEST_TESTED_SPEC) return Optional.empty();
        return Optional.of("chain: runtime spec " + spec + " is newer than any this client is tested against on a real runtime ("
                + TESTED_SPECS + "); calls and storage come from its metadata, later behaviour (stateful epochs, pool weight guards) "
                + "is checked against fixtures only");
    }

    public RuntimeMetadata metadata() {
        RuntimeMetadata m = metadata;
        if (m != null && System.nanoTime() - versionCheckedAt < VERSION_CHECK_INTERVAL_MS * 1_000_000L) return m;
        return metadataFor(runtimeVersion());
    }

    /** The metadata of the runtime with this version (refetched if the cached one is older). */
    public RuntimeMetadata metadataFor(RuntimeVersion version) {
        long spec = version.specVersion();
        RuntimeMetadata m = metadata;
        if (m != null && spec == metadataSpecVersion) {
            versionCheckedAt = System.nanoTime();
            return m;
        }
        synchronized (this) {
            if (metadata != null && spec == metadataSpecVersion) return metadata;
            byte[] bytes = fetchMetadataBytes();
            m = MetadataDecoder.decode(bytes);
            metadata = m;
            codec = new ValueCodec(m.types());
            metadataSpecVersion = spec;
            versionCheckedAt = System.nanoTime();
            log.info("chain: runtime spec {} at {}, metadata v{} ({} types, {} pallets, {} signed extensions)",
                    spec, rpc.url(), m.version(), m.types().size(), m.pallets().size(), m.signedExtensions().size());
            untestedSpecWarning(spec).ifPresent(log::warn);
            return m;
        }
    }

    public ValueCodec codec() {
        metadata();
        return codec;
    }

    private ValueCodec codecFor(RuntimeMetadata md) {
        ValueCodec c = codec;
        return c != null && c.registry() == md.types() ? c : new ValueCodec(md.types());
    }

    private byte[] fetchMetadataBytes() {
        try {
            byte[] opt = stateCall("Metadata_metadata_at_version", new ScaleWriter().u32(15).toByteArray(), null);
            ScaleReader r = new ScaleReader(opt);
            if (r.optionTag()) return r.vecU8();
        } catch (ChainException | ScaleException e) {
            log.debug("chain: Metadata_metadata_at_version(15) unavailable ({}); using state_getMetadata", e.getMessage());
        }
        return Hex.decode(rpc.call("state_getMetadata").asText());
    }

    // ---------------------------------------------------------------- runtime APIs and storage

    /** {@code state_call} of a runtime API method, e.g. {@code NeuronInfoRuntimeApi_get_neurons_lite}. */
    public byte[] stateCall(String method, byte[] args, String atHash) {
        JsonNode r = atHash == null ? rpc.call("state_call", method, Hex.prefixed(args))
                : rpc.call("state_call", method, Hex.prefixed(args), atHash);
        if (r == null || r.isNull()) throw new ChainException("state_call " + method + ": empty answer");
        return Hex.decode(r.asText());
    }

    /** The raw value at a storage key, or empty when the key holds nothing. */
    public Optional<byte[]> storageRaw(byte[] key, String atHash) {
        JsonNode r = atHash == null ? rpc.call("state_getStorage", Hex.prefixed(key)) : rpc.call("state_getStorage", Hex.prefixed(key), atHash);
        return r == null || r.isNull() ? Optional.empty() : Optional.of(Hex.decode(r.asText()));
    }

    /**
     * The storage key of {@code pallet.item} for the given map keys (one per hasher), built from the
     * metadata: twox128(prefix) ‖ twox128(item) ‖ hasher(SCALE(key)) for each key.
     */
    public byte[] storageKey(String pallet, String item, Object... keys) {
        RuntimeMetadata md = metadata();
        return storageKey(md.storage(pallet, item), codecFor(md), keys);
    }

    /** The storage key of entry {@code e} for these map keys, using {@code codec} to encode them. */
    public static byte[] storageKey(StorageEntry e, ValueCodec codec, Object... keys) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Hashing.twox128(e.pallet()));
        out.writeBytes(Hashing.twox128(e.name()));
        if (keys.length > e.hashers().size()) {
            throw new IllegalArgumentException(e.pallet() + "." + e.name() + " takes " + e.hashers().size() + " key(s), got " + keys.length);
        }
        if (keys.length == 0) return out.toByteArray();
        List<Integer> keyTypes;
        if (e.hashers().size() == 1) keyTypes = List.of(e.keyType());
        else if (codecTypes(codec, e.keyType()) instanceof TypeDef.Tuple t) keyTypes = t.types();
        else throw new ChainException(e.pallet() + "." + e.name() + ": key type is not a tuple for " + e.hashers().size() + " hashers");
        for (int i = 0; i < keys.length; i++) out.writeBytes(e.hashers().get(i).apply(codec.encode(keyTypes.get(i), keys[i])));
        return out.toByteArray();
    }

    private static TypeDef codecTypes(ValueCodec codec, int typeId) { return codec.registry().def(typeId); }

    /** The decoded value of {@code pallet.item[keys]}: the stored value, or the metadata default (null for an absent optional). */
    public Object storage(String pallet, String item, Object... keys) { return storageAt(null, pallet, item, keys); }

    /** A typed storage item at {@code atHash} (null: the best block). */
    public <T> T read(StorageItem<T> item, String atHash, Object... keys) {
        return item.apply(storageAt(atHash, item.pallet(), item.name(), keys));
    }

    /** Whether this runtime's metadata has {@code item} at all. */
    public boolean has(StorageItem<?> item) {
        RuntimeMetadata md = metadata();
        return md.pallets().stream().anyMatch(p -> p.name().equals(item.pallet())) && md.pallet(item.pallet()).storageEntry(item.name()).isPresent();
    }

    /** As {@link #read}, or {@code otherwise} when this runtime has no such item or no value for it. */
    public <T> T readOptional(StorageItem<T> item, String atHash, T otherwise, Object... keys) {
        try {
            Object v = storageAt(atHash, item.pallet(), item.name(), keys);
            return v == null ? otherwise : item.apply(v);
        } catch (RuntimeException e) {
            return otherwise;
        }
    }

    public Object storageAt(String atHash, String pallet, String item, Object... keys) {
        RuntimeMetadata md = metadata();
        ValueCodec codec = codecFor(md);
        StorageEntry e = md.storage(pallet, item);
        byte[] key = storageKey(e, codec, keys);
        Optional<byte[]> raw = storageRaw(key, atHash);
        if (raw.isEmpty() && e.optional()) return null;
        byte[] bytes = raw.orElseGet(e::defaultValue);
        try {
            ScaleReader r = new ScaleReader(bytes);
            Object v = codec.decode(e.valueType(), r);
            r.expectEnd(pallet + "." + item);
            return v;
        } catch (ScaleException ex) {
            throw new ChainException("reading " + pallet + "." + item + ": the value does not decode as "
                    + md.types().describe(e.valueType()) + ": " + ex.getMessage());
        }
    }

    /** Keys asked for per {@code state_getKeysPaged} page. */
    public static final int KEYS_PAGE = 1000;

    /** Every storage key under {@code prefix} at {@code atHash}, page by page ({@code state_getKeysPaged}). */
    public List<byte[]> storageKeys(byte[] prefix, String atHash) {
        List<byte[]> out = new java.util.ArrayList<>();
        String start = null;
        while (true) {
            JsonNode page = rpc.call("state_getKeysPaged", Hex.prefixed(prefix), KEYS_PAGE, start, atHash);
            if (page == null || !page.isArray()) throw new ChainException("state_getKeysPaged: the answer is not a list of keys");
            for (JsonNode k : page) out.add(Hex.decode(k.asText()));
            if (page.size() < KEYS_PAGE) return out;
            start = page.get(page.size() - 1).asText();
        }
    }

    /**
     * The raw values at {@code keys} at {@code atHash}, in one {@code state_queryStorageAt} (one
     * {@code state_getStorage} per key where the node lacks it); a key that holds nothing maps to null.
     */
    public java.util.Map<String, byte[]> storageValues(List<byte[]> keys, String atHash) {
        java.util.Map<String, byte[]> out = new java.util.LinkedHashMap<>();
        if (keys.isEmpty()) return out;
        List<String> hexKeys = keys.stream().map(Hex::prefixed).toList();
        JsonNode r;
        try {
            r = rpc.call("state_queryStorageAt", hexKeys, atHash);
        } catch (ChainException e) {
            log.debug("chain: state_queryStorageAt unavailable ({}); reading {} keys one by one", e.getMessage(), keys.size());
            for (byte[] k : keys) out.put(Hex.prefixed(k), storageRaw(k, atHash).orElse(null));
            return out;
        }
        for (String k : hexKeys) out.put(k, null);
        for (JsonNode set : r) {
            for (JsonNode change : set.path("changes")) {
                String key = change.path(0).asText();
                JsonNode v = change.path(1);
                out.put(key, v.isNull() || v.isMissingNode() ? null : Hex.decode(v.asText()));
            }
        }
        return out;
    }

    /** Decodes a raw value of {@code pallet.item}; a value of another shape is a {@link ChainException} naming the item. */
    public Object decodeValue(String pallet, String item, byte[] bytes) {
        RuntimeMetadata md = metadata();
        StorageEntry e = md.storage(pallet, item);
        try {
            ScaleReader r = new ScaleReader(bytes);
            Object v = codecFor(md).decode(e.valueType(), r);
            r.expectEnd(pallet + "." + item);
            return v;
        } catch (ScaleException ex) {
            throw new ChainException("reading " + pallet + "." + item + ": the value does not decode as "
                    + md.types().describe(e.valueType()) + ": " + ex.getMessage());
        }
    }

    /** The next nonce of an account, counting transactions already in the pool. */
    public long accountNextIndex(String ss58) { return rpc.call("system_accountNextIndex", ss58).asLong(); }

    private static long parseNumber(JsonNode n, String method) {
        if (n == null || n.isMissingNode() || n.isNull()) throw new ChainException(method + ": the answer has no block number");
        if (n.isNumber()) return n.asLong();
        String s = n.asText();
        try {
            return s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new ChainException(method + ": block number '" + s + "' is not a number");
        }
    }

    @Override public void close() { rpc.close(); }
}
