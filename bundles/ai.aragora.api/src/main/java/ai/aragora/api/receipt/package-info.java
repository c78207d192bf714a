/**
 * Decision receipts: Open Decision Receipts (ODR) issued for finished debates, canonicalised
 * (RFC 8785), hashed, signed with Ed25519, linked into a hash chain and logged in an append-only
 * Merkle log; verification of receipts, chains and log proofs; the store SPI that persists them.
 */
@Version("1.4.0")
@Export
package ai.aragora.api.receipt;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
