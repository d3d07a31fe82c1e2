package org.cgp.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.cgp.protocol.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one weights extrinsic that may still be on its way to a block: written (and synced to disk)
 * before it is broadcast, removed once it is known to be in a block or refused. After a crash or
 * an uncertain submission, {@link SubtensorChain} reads it back before signing the next one and
 * does not sign while the first can still land (its nonce unused on chain and its mortal era
 * alive), so a restart never sends the same weights twice.
 */
public final class SubmissionJournal {
    private static final Logger log = LoggerFactory.getLogger(SubmissionJournal.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A broadcast extrinsic: its call, signer, nonce, the last block its era allows, and its hash.
     */
    public record Entry(String call, String signer, long nonce, long lastValidBlock, String txHash) {}

    private final Path file;

    public SubmissionJournal(Path file) { this.file = file; }

    public Path file() { return file; }

    /** The journaled extrinsic, if any; an unreadable journal is moved aside (and said so) and reads as none. */
    public synchronized Optional<Entry> pending() {
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            JsonNode n = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            return Optional.of(new Entry(n.path("call").asText(), n.path("signer").asText(), n.path("nonce").asLong(-1),
                    n.path("last_valid_block").asLong(-1), n.path("tx_hash").asText()));
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                throw new ChainException("the submission journal " + file + " is unreadable and cannot be moved aside: " + moveFailed.getMessage());
            }
            log.error("The submission journal {} was unreadable ({}); moved aside as {}", file, e.getMessage(), aside);
            return Optional.empty();
        }
    }

    /** Writes {@code e} durably ({@link AtomicFiles}) before the extrinsic is broadcast. */
    public synchronized void record(Entry e) {
        byte[] bytes = JSON.createObjectNode().put("call", e.call()).put("signer", e.signer()).put("nonce", e.nonce())
                .put("last_valid_block", e.lastValidBlock()).put("tx_hash", e.txHash()).toString().getBytes(StandardCharsets.UTF_8);
        try {
            AtomicFiles.write(file, bytes);
        } catch (IOException ex) {
            throw new ChainException("cannot journal " + e.call() + " before sending it (" + file + "): " + ex.getMessage(), ex);
        }
    }

    /** Forgets the journaled extrinsic: it is in a block, refused, or can no longer land. */
    public synchronized void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new ChainException("cannot clear the submission journal " + file + ": " + e.getMessage(), e);
        }
    }
}
