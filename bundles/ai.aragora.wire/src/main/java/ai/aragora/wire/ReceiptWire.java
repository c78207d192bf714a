package ai.aragora.wire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.aragora.api.receipt.VerificationReport;

/** A receipt's verification as every surface shows it: the verdict, the key, each check. */
public final class ReceiptWire {

    private ReceiptWire() {
    }

    public static Map<String, Object> report(VerificationReport report) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("receipt_id", report.receiptId());
        view.put("verified", report.verified());
        view.put("odr_digest", report.odrDigest());
        view.put("key_id", report.keyId());
        List<Map<String, Object>> checks = new ArrayList<>();
        for (VerificationReport.Check c : report.checks()) {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("name", c.name());
            check.put("status", c.status().wireName());
            check.put("detail", c.detail());
            checks.add(check);
        }
        view.put("checks", checks);
        view.put("warnings", report.warnings());
        return view;
    }
}
