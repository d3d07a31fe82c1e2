package org.cgp.protocol.commitment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.cgp.protocol.internal.nacl.SealedBox;
import org.junit.jupiter.api.Test;

class EndpointCommitmentTest {
    private static final String ALICE = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
    private static final String BOB = "5FHneW46xGXgs5mUiveU9sbTyGBzmcu5eZw44vqpPAJf3q3Q";
    private final byte[] sk = SealedBox.newPrivateKey();
    private final byte[] pk = SealedBox.publicKey(sk);

    @Test void opensWhatItSealed() {
        byte[] raw = EndpointCommitment.seal(pk, ALICE, "203.0.113.9", 8091);
        CommittedEndpoint e = EndpointCommitment.open(sk, raw, ALICE);
        assertEquals("203.0.113.9:8091", e.address());
        assertFalse(e.toString().contains("203.0.113.9"), "toString never names the ip");
    }

    @Test void theWorstIpv4CaseFitsTheChainsRawField() {
        assertEquals(118, EndpointCommitment.seal(pk, ALICE, "255.255.255.255", 65535).length);
        assertThrows(IllegalArgumentException.class, () -> EndpointCommitment.seal(pk, ALICE, "2001:0db8:85a3:0000:0000:8a2e:0370:7334", 8091));
    }

    @Test void aCopiedCommitmentIsRefusedByName() {
        byte[] raw = EndpointCommitment.seal(pk, ALICE, "203.0.113.9", 8091);
        CommitmentException e = assertThrows(CommitmentException.class, () -> EndpointCommitment.open(sk, raw, BOB));
        assertEquals(CommitmentException.Reason.HOTKEY_MISMATCH, e.reason());
        assertFalse(e.getMessage().contains("203.0.113.9"));
    }

    @Test void anotherKeyOrGarbageIsUndecryptable() {
        byte[] raw = EndpointCommitment.seal(pk, ALICE, "203.0.113.9", 8091);
        assertEquals(CommitmentException.Reason.UNDECRYPTABLE,
                assertThrows(CommitmentException.class, () -> EndpointCommitment.open(SealedBox.newPrivateKey(), raw, ALICE)).reason());
        assertEquals(CommitmentException.Reason.UNDECRYPTABLE,
                assertThrows(CommitmentException.class, () -> EndpointCommitment.open(sk, new byte[] {1, 2, 3}, ALICE)).reason());
    }

    @Test void textsThatAreNotHotkeyIpPortAreMalformed() {
        for (String text : new String[] {"1.2.3.4:8091", ALICE + "|1.2.3.4", ALICE + "|1.2.3.4:0", ALICE + "|1.2.3.4:99999", ALICE + "|:80",
                ALICE + "|1.2.3.4:8o91", ALICE + "|1.2 3.4:80"}) {
            byte[] raw = SealedBox.seal(text.getBytes(StandardCharsets.UTF_8), pk);
            assertEquals(CommitmentException.Reason.MALFORMED,
                    assertThrows(CommitmentException.class, () -> EndpointCommitment.open(sk, raw, ALICE), text).reason(), text);
        }
        byte[] notUtf8 = SealedBox.seal(new byte[] {(byte) 0xff, '|', '1', ':', '2'}, pk);
        assertEquals(CommitmentException.Reason.MALFORMED,
                assertThrows(CommitmentException.class, () -> EndpointCommitment.open(sk, notUtf8, null)).reason());
    }

    @Test void theIpIsSplitAtTheLastColonAndTheHotkeyAtTheFirstBar() {
        byte[] raw = SealedBox.seal((ALICE + "|::1:8091").getBytes(StandardCharsets.UTF_8), pk);
        assertEquals("::1:8091", EndpointCommitment.open(sk, raw, ALICE).address());
    }

    @Test void keysParseFromHexAndNeverEchoTheValue() {
        assertTrue(CommitmentKeys.builtIn(33).isPresent());
        assertTrue(CommitmentKeys.builtIn(2).isEmpty());
        assertTrue(CommitmentKeys.minerPublicKey(33, "", "COMMITMENT_PUBLIC_KEY").isEmpty(), "set but empty turns commitments off");
        assertEquals(32, CommitmentKeys.minerPublicKey(2, "0x" + "ab".repeat(32), "X").orElseThrow().length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CommitmentKeys.parseKey("secretvalue", "COMMITMENT_PRIVATE_KEY"));
        assertTrue(e.getMessage().startsWith("COMMITMENT_PRIVATE_KEY"));
        assertFalse(e.getMessage().contains("secretvalue"));
    }
}
