package org.cgp.protocol.commitment;

/** A commitment that does not open into an endpoint, with the reason as one line (never the key, never the endpoint). */
public final class CommitmentException extends RuntimeException {
    /** Why a commitment was refused. */
    public enum Reason {
        /** Not a sealed box for this private key: another subnet's key, garbage, or altered bytes. */
        UNDECRYPTABLE("cannot decrypt"),
        /** It opens, but the hotkey inside is not the one that published it: a copied commitment. */
        HOTKEY_MISMATCH("hotkey mismatch"),
        /** It opens, but the text is not {@code hotkey|ip:port} (not UTF-8, the old format without a hotkey, a bad port). */
        MALFORMED("malformed");

        public final String label;

        Reason(String label) { this.label = label; }
    }

    private final Reason reason;

    public CommitmentException(Reason reason, String message) {
        super(reason.label + ": " + message);
        this.reason = reason;
    }

    public Reason reason() { return reason; }
}
