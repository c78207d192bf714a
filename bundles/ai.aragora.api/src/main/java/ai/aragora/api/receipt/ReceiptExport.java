package ai.aragora.api.receipt;

import java.util.Objects;

/** A rendered receipt: the body with the content type and a suggested file name. */
public record ReceiptExport(ExportFormat format, String fileName, String body) {
    public ReceiptExport {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(body, "body");
    }

    public String contentType() {
        return format.contentType();
    }
}
