package ai.aragora.api.receipt;

import java.util.Optional;

/** The ODR content profile a receipt follows; it also selects what a signature covers. */
public enum OdrVersion {
    /** Signatures cover the 32 raw digest bytes. */
    V0_1("0.1"),
    /** Signatures cover the canonical {@code {odr_digest, odr_signature_input, protected}} envelope. */
    V0_2("0.2");

    private final String wireName;

    OdrVersion(String wireName) {
        this.wireName = wireName;
    }

    /** {@code 0.1} or {@code 0.2}, as in the document's {@code odr_version}. */
    public String wireName() {
        return wireName;
    }

    public String profileUri() {
        return "https://aragora.ai/specs/open-decision-receipt/v" + wireName;
    }

    public static Optional<OdrVersion> fromWireName(String name) {
        for (OdrVersion v : values()) {
            if (v.wireName.equals(name)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
