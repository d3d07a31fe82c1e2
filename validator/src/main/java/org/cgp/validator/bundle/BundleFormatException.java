package org.cgp.validator.bundle;

/** A bundle that cannot be used: unknown type, a missing or mistyped field. Names the bundle's guid when it has one. */
public final class BundleFormatException extends RuntimeException {
    private final String guid;

    public BundleFormatException(String guid, String message) {
        super((guid == null ? "bundle" : "bundle " + guid) + ": " + message);
        this.guid = guid;
    }

    /** The bundle's guid, or null when it had none. */
    public String guid() { return guid; }
}
