package org.cgp.chain;

/**
 * A weights extrinsic sent earlier (before a crash, or one whose inclusion was never confirmed) can
 * still land, so no other is signed: wait until it lands or its era ends at {@link #lastValidBlock()}.
 */
public class SubmissionPendingException extends ChainException {
    private final long nonce;
    private final long lastValidBlock;

    public SubmissionPendingException(String message, long nonce, long lastValidBlock) {
        super(message);
        this.nonce = nonce;
        this.lastValidBlock = lastValidBlock;
    }

    public long nonce() { return nonce; }

    public long lastValidBlock() { return lastValidBlock; }
}
