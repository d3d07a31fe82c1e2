package org.cgp.chain.tle;

/** A weights payload for //Alice (the live vector's plaintext), as bytes to encrypt in tests. */
final class WeightsPayloadSample {
    byte[] bytes() {
        return java.util.HexFormat.of().parseHex(
                "80d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d10000001000200030010ffff008000400100509e980000000000");
    }
}
