package ai.aragora.receipts;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.aragora.api.receipt.ExportFormat;
import ai.aragora.api.receipt.PublicSigningKey;
import ai.aragora.api.receipt.ReceiptException;
import ai.aragora.api.receipt.ReceiptExport;
import ai.aragora.api.receipt.ReceiptService;
import ai.aragora.api.receipt.ReceiptVerifier;
import ai.aragora.api.receipt.SigningKeys;
import ai.aragora.api.receipt.VerificationReport;
import ai.aragora.launcher.spi.Command;
import ai.aragora.launcher.spi.CommandLine;
import ai.aragora.launcher.spi.UsageException;

/**
 * {@code aragora receipt}: verify a receipt file offline, print the signing key, export a
 * receipt, rotate the key. Exit codes of {@code verify}: 0 verified, 1 a check failed, 2 unusable
 * input, 3 signatures present but no key to check them (or a key and nothing signed).
 */
@Component(property = {Command.NAME + "=receipt",
        Command.SUMMARY + "=decision receipts: verify <file> [--pubkey PEM] [--chain JSONL] [--json] | public-key | export <id|file> --format odr|json|md|html [-o file] | rotate-key"})
public class ReceiptCommand implements Command {

    static final int UNVERIFIED = 3;
    private static final String HELP = "usage: aragora receipt verify <file> [--pubkey PEM]... [--chain JSONL] [--json]\n"
            + "       aragora receipt public-key [--all] [--json]\n"
            + "       aragora receipt export <receipt id | file> --format odr|json|md|html [-o file]\n"
            + "       aragora receipt rotate-key";
    private static final CommandLine.Syntax VERIFY = CommandLine.syntax().repeated("pubkey").value("chain").flag("json");
    private static final CommandLine.Syntax PUBLIC_KEY = CommandLine.syntax().flag("all", "json");
    private static final CommandLine.Syntax EXPORT = CommandLine.syntax().value("format", "o");
    private static final CommandLine.Syntax NONE = CommandLine.syntax();

    private final ReceiptVerifier verifier;
    private final ReceiptService receipts;
    private final SigningKeys keys;

    @Activate
    public ReceiptCommand(@Reference ReceiptVerifier verifier, @Reference ReceiptService receipts, @Reference SigningKeys keys) {
        this.verifier = verifier;
        this.receipts = receipts;
        this.keys = keys;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            if (args.isEmpty()) {
                throw new UsageException("a subcommand is needed");
            }
            List<String> rest = args.subList(1, args.size());
            return switch (args.get(0)) {
                case "verify" -> verify(VERIFY.parse(rest), out);
                case "public-key" -> publicKey(PUBLIC_KEY.parse(rest), out);
                case "export" -> export(EXPORT.parse(rest), out, err);
                case "rotate-key" -> rotate(NONE.parse(rest), out);
                case "help", "--help", "-h" -> {
                    out.println(HELP);
                    yield OK;
                }
                default -> throw new UsageException("unknown subcommand '" + args.get(0) + "'");
            };
        } catch (UsageException e) {
            err.println("aragora receipt: " + e.getMessage());
            err.println(HELP);
            return USAGE;
        } catch (InputException e) {
            err.println("aragora receipt: " + e.getMessage());
            return USAGE;
        } catch (ReceiptException e) {
            err.println("aragora receipt: " + e.getMessage());
            return FAILED;
        } catch (RuntimeException e) {
            err.println("aragora receipt: unexpected " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return FAILED;
        }
    }

    private int verify(CommandLine options, PrintStream out) throws UsageException {
        String file = options.single("a receipt file");
        String document = read(file, "receipt");
        List<String> pems = new ArrayList<>();
        for (String key : options.values("pubkey")) {
            pems.add(read(key, "public key"));
        }
        Optional<String> chain = options.value("chain").map(c -> read(c, "chain"));
        VerificationReport report;
        try {
            report = verifier.verify(document, pems, chain);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
        out.print(options.has("json") ? JsonDocuments.pretty(json(report)) : text(report));
        if (!report.ok()) {
            return FAILED;
        }
        return report.authenticityUnverified() ? UNVERIFIED : OK;
    }

    private int publicKey(CommandLine options, PrintStream out) throws UsageException {
        options.noPositional();
        List<PublicSigningKey> shown = options.has("all") ? keys.published() : List.of(keys.active());
        if (options.has("json")) {
            ArrayNode list = JsonDocuments.NODES.arrayNode();
            for (PublicSigningKey k : shown) {
                list.addObject().put("algorithm", k.algorithm()).put("key_id", k.keyId())
                        .put("public_key_pem", k.publicKeyPem()).put("active", k.active());
            }
            out.print(JsonDocuments.pretty(options.has("all") ? list : list.get(0)));
        } else {
            shown.forEach(k -> out.print(k.publicKeyPem()));
        }
        return OK;
    }

    private int export(CommandLine options, PrintStream out, PrintStream err) throws UsageException {
        String target = options.single("a receipt id or file");
        String formatName = options.value("format").orElseThrow(() -> new UsageException("--format: required (odr, json, md or html)"));
        ExportFormat format = ExportFormat.parse(formatName)
                .orElseThrow(() -> new UsageException("--format: expected odr, json, md or html, got '" + formatName + "'"));
        ReceiptExport export;
        if (Files.isRegularFile(Path.of(target))) {
            ObjectNode document;
            try {
                document = JsonDocuments.parseObject(read(target, "receipt"));
            } catch (IllegalArgumentException e) {
                throw new InputException(target + ": " + e.getMessage());
            }
            export = ReceiptRendering.render(document, Optional.empty(), Optional.empty(), format);
        } else {
            if (receipts.find(target).isEmpty()) {
                throw new ReceiptException("no stored receipt '" + target + "' and no such file");
            }
            export = receipts.export(target, format);
        }
        Optional<String> file = options.value("o");
        if (file.isEmpty()) {
            out.print(export.body());
            return OK;
        }
        try {
            Files.writeString(Path.of(file.get()), export.body(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException("cannot write " + file.get() + ": " + e.getClass().getSimpleName());
        }
        err.println("wrote " + file.get());
        return OK;
    }

    private int rotate(CommandLine options, PrintStream out) throws UsageException {
        options.noPositional();
        PublicSigningKey next = keys.rotate();
        out.println(next.keyId());
        return OK;
    }

    static String text(VerificationReport report) {
        String verdict = !report.ok() ? "FAILED" : report.authenticityUnverified() ? "UNVERIFIED" : "VERIFIED";
        StringBuilder s = new StringBuilder();
        s.append("Open Decision Receipt - ").append(verdict).append('\n');
        s.append("  receipt_id: ").append(report.receiptId().isEmpty() ? "<missing>" : report.receiptId()).append('\n');
        if (!report.odrDigest().isEmpty()) {
            s.append("  odr_digest: sha-256:").append(report.odrDigest()).append('\n');
        }
        s.append("\n  checks:\n");
        for (VerificationReport.Check c : report.checks()) {
            s.append("    [").append(c.status().wireName().toUpperCase(java.util.Locale.ROOT)).append("] ")
                    .append(c.name()).append(": ").append(c.detail()).append('\n');
        }
        if (!report.warnings().isEmpty()) {
            s.append("\n  weakening signals (do not fail verification):\n");
            report.warnings().forEach(w -> s.append("    ! ").append(w).append('\n'));
        }
        s.append("  => ").append(verdict).append(report.keyId().isEmpty() ? "" : " (key_id=" + report.keyId() + ")").append('\n');
        return s.toString();
    }

    static ObjectNode json(VerificationReport report) {
        ObjectNode node = JsonDocuments.NODES.objectNode();
        node.put("ok", report.ok());
        node.put("authenticity_unverified", report.authenticityUnverified());
        node.put("receipt_id", report.receiptId());
        node.put("odr_digest", report.odrDigest());
        if (report.keyId().isEmpty()) {
            node.putNull("key_id");
        } else {
            node.put("key_id", report.keyId());
        }
        ArrayNode checks = node.putArray("checks");
        report.checks().forEach(c -> checks.addObject().put("name", c.name()).put("status", c.status().wireName()).put("detail", c.detail()));
        ArrayNode warnings = node.putArray("warnings");
        report.warnings().forEach(warnings::add);
        return node;
    }

    private static String read(String file, String what) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException(what + " file not found: " + file);
        } catch (IOException | java.io.UncheckedIOException | java.nio.file.InvalidPathException e) {
            throw new InputException("cannot read " + what + " file " + file + ": " + e.getClass().getSimpleName());
        }
    }

    /** Arguments fine, input unusable (missing, unreadable, not JSON, not an Ed25519 key). */
    static final class InputException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InputException(String message) {
            super(message, null, false, false);
        }
    }
}
