package ai.aragora.api.receipt;

import java.util.Locale;
import java.util.Optional;

/** What {@code export} renders. */
public enum ExportFormat {
    /** The ODR document itself, for any ODR verifier. */
    ODR("application/json", "odr.json"),
    /** Aragora's full receipt: the document, its digest, its chain entry and the decision record. */
    JSON("application/json", "json"),
    MD("text/markdown; charset=utf-8", "md"),
    HTML("text/html; charset=utf-8", "html");

    private final String contentType;
    private final String extension;

    ExportFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    public static Optional<ExportFormat> parse(String name) {
        for (ExportFormat f : values()) {
            if (f.name().equals(name == null ? "" : name.toUpperCase(Locale.ROOT))) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
