package org.cgp.chain.internal.subtensor;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.cgp.chain.ChainException;
import org.cgp.chain.extrinsic.Call;
import org.cgp.chain.extrinsic.DispatchError;
import org.cgp.chain.extrinsic.DispatchException;
import org.cgp.chain.extrinsic.Era;
import org.cgp.chain.extrinsic.ExtrinsicBuilder;
import org.cgp.chain.extrinsic.ExtrinsicResult;
import org.cgp.chain.extrinsic.PoolRejectedException;
import org.cgp.chain.extrinsic.SignedExtrinsic;
import org.cgp.chain.extrinsic.SigningContext;
import org.cgp.chain.internal.metadata.RuntimeMetadata;
import org.cgp.chain.internal.metadata.VariantValue;
import org.cgp.chain.rpc.RpcErrorException;
import org.cgp.chain.rpc.Subscription;
import org.cgp.chain.internal.scale.Hex;
import org.cgp.protocol.keys.Keypair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs a call (mortal era, nonce from {@code system_accountNextIndex}, tip 0), submits it with
 * {@code author_submitAndWatchExtrinsic}, waits until it is in a block, then reads that block's
 * {@code System.Events} to tell success from a dispatch error, which it throws by name.
 */
public final class ExtrinsicSubmitter {
    private static final Logger log = LoggerFactory.getLogger(ExtrinsicSubmitter.class);

    private final SubtensorClient client;
    private final Duration inclusionTimeout;
    private final int eraPeriod;

    public ExtrinsicSubmitter(SubtensorClient client, Duration inclusionTimeout, int eraPeriod) {
        this.client = client;
        this.inclusionTimeout = inclusionTimeout;
        this.eraPeriod = eraPeriod;
    }

    /** Signs {@code call} for {@code signer} against the node's current state. */
    public SignedExtrinsic sign(Call call, Keypair signer) {
        RuntimeVersion rv = client.runtimeVersion();
        RuntimeMetadata md = client.metadataFor(rv);
        String best = client.blockHash(null);
        long number = client.blockNumberAt(best);
        Era era = Era.mortal(eraPeriod, number);
        long birth = era.birth(number);
        byte[] birthHash = Hex.decode(birth == number ? best : client.blockHash(birth));
        long nonce = client.accountNextIndex(signer.ss58Address());
        SigningContext ctx = new SigningContext(nonce, era, birthHash, client.genesisHash(), rv.specVersion(), rv.transactionVersion(), BigInteger.ZERO);
        return new ExtrinsicBuilder(md).sign(call, signer, ctx);
    }

    /** Signs, submits and waits for inclusion; throws {@link DispatchException} when the call failed on chain. */
    public ExtrinsicResult submit(Call call, Keypair signer) {
        return submitAndWatch(sign(call, signer));
    }

    public ExtrinsicResult submitAndWatch(SignedExtrinsic xt) {
        String name = xt.call().qualifiedName();
        CompletableFuture<String> included = new CompletableFuture<>();
        long started = System.nanoTime();
        Subscription sub;
        try {
            sub = client.rpc().subscribe("author_submitAndWatchExtrinsic", List.of(xt.hex()), "author_unwatchExtrinsic",
                    status -> onStatus(name, status, included), included::completeExceptionally);
        } catch (RpcErrorException e) {
            String data = e.rpcMessage() + " " + e.data();
            String why = PoolRejection.describe(data).map(n -> n + ": ").orElse("");
            String message = name + " by " + xt.signer() + " (nonce " + xt.nonce() + ") was rejected before inclusion: " + why + e.getMessage();
            OptionalInt code = PoolRejection.code(data);
            throw new PoolRejectedException(message, code.orElse(-1), code.isPresent() ? PoolRejection.name(code.getAsInt()) : e.rpcMessage(), e);
        }
        String blockHash;
        try {
            blockHash = included.get(inclusionTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ChainException(name + " (tx " + xt.hash() + ") was not in a block within " + inclusionTimeout.toSeconds() + " s at " + client.url());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainException(name + ": interrupted while waiting for inclusion");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ChainException ce) throw ce;
            throw new ChainException(name + " failed while waiting for inclusion: " + e.getCause(), e.getCause());
        } finally {
            sub.close();
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        ExtrinsicResult result = outcome(name, xt, blockHash, ms);
        log.info("chain: {} by {} in block #{} after {} ms", name, xt.signer(), result.blockNumber(), ms);
        return result;
    }

    private static void onStatus(String name, JsonNode status, CompletableFuture<String> included) {
        if (status == null || status.isNull()) return;
        if (status.isTextual()) {
            String s = status.asText();
            if (s.equals("invalid") || s.equals("dropped")) {
                included.completeExceptionally(new ChainException(name + ": the transaction pool reports the extrinsic " + s));
            }
            return;
        }
        if (status.has("inBlock")) included.complete(status.get("inBlock").asText());
        else if (status.has("finalized")) included.complete(status.get("finalized").asText());
        else if (status.has("usurped")) included.completeExceptionally(new ChainException(name + ": the extrinsic was usurped by another with the same nonce"));
        else if (status.has("dropped") || status.has("invalid")) {
            included.completeExceptionally(new ChainException(name + ": the transaction pool reports the extrinsic " + status));
        }
    }

    /** Finds the extrinsic in its block and reads the events it emitted. */
    ExtrinsicResult outcome(String name, SignedExtrinsic xt, String blockHash, long inclusionMillis) {
        RuntimeMetadata md = client.metadata();
        JsonNode block = client.rpc().call("chain_getBlock", blockHash).path("block");
        long number = client.blockNumberAt(blockHash);
        int index = -1;
        JsonNode exts = block.path("extrinsics");
        for (int i = 0; i < exts.size(); i++) {
            if (exts.get(i).asText().equalsIgnoreCase(xt.hex())) {
                index = i;
                break;
            }
        }
        if (index < 0) throw new ChainException(name + ": block " + blockHash + " was reported but does not contain the extrinsic");
        Object records = client.storageAt(blockHash, "System", "Events");
        List<String> events = new ArrayList<>();
        DispatchError failure = null;
        if (records instanceof List<?> list) {
            for (Object rec : list) {
                if (!(rec instanceof Map<?, ?> r) || !(r.get("phase") instanceof VariantValue phase)) continue;
                if (!phase.name().equals("ApplyExtrinsic") || !(phase.value() instanceof Number n) || n.intValue() != index) continue;
                if (!(r.get("event") instanceof VariantValue pallet) || !(pallet.value() instanceof VariantValue ev)) continue;
                String full = pallet.name() + "." + ev.name();
                events.add(full);
                if (full.equals("System.ExtrinsicFailed")) {
                    failure = dispatchError(md, firstField(ev, "dispatch_error"));
                } else if (full.equals("Sudo.Sudid") && firstField(ev, "sudo_result") instanceof VariantValue res && res.name().equals("Err")) {
                    failure = dispatchError(md, res.value());
                }
            }
        }
        if (failure != null) throw new DispatchException(name, failure, blockHash);
        return new ExtrinsicResult(name, xt.hash(), blockHash, number, index, events, inclusionMillis);
    }

    private static Object firstField(VariantValue ev, String field) {
        Object v = ev.field(field);
        return v != null ? v : ev.value() == null ? null : ev.field(0);
    }

    /** A decoded {@code DispatchError}: pallet and error for module errors, else the variant path. */
    static DispatchError dispatchError(RuntimeMetadata md, Object error) {
        if (!(error instanceof VariantValue v)) return DispatchError.other(String.valueOf(error));
        if (v.name().equals("Module")) {
            Object idx = v.value() instanceof Map<?, ?> m ? m.get("index") : v.field(0);
            Object err = v.value() instanceof Map<?, ?> m ? m.get("error") : v.field(1);
            int errorIndex = err instanceof byte[] b ? b[0] & 0xff : err instanceof Number num ? num.intValue() : -1;
            if (idx instanceof Number pallet) return md.moduleError(pallet.intValue(), errorIndex);
        }
        if (v.value() instanceof VariantValue inner) return DispatchError.other(v.name() + "." + inner.name());
        return DispatchError.other(v.name());
    }
}
