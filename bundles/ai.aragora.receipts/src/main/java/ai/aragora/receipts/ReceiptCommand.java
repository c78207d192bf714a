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
            Options options = Options.parse(args.subList(1, args.size()));
            return switch (args.get(0)) {
                case "verify" -> verify(options, out);
                case "public-key" -> publicKey(options, out);
                case "export" -> export(options, out, err);
                case "rotate-key" -> rotate(options, out);
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

    private int verify(Options options, PrintStream out) {
        options.allow("pubkey", "chain", "json");
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
        out.print(options.flag("json") ? JsonDocuments.pretty(json(report)) : text(report));
        if (!report.ok()) {
            return FAILED;
        }
        return report.authenticityUnverified() ? UNVERIFIED : OK;
    }

    private int publicKey(Options options, PrintStream out) {
        options.allow("all", "json");
        options.none();
        List<PublicSigningKey> shown = options.flag("all") ? keys.published() : List.of(keys.active());
        if (options.flag("json")) {
            ArrayNode list = JsonDocuments.NODES.arrayNode();
            for (PublicSigningKey k : shown) {
                list.addObject().put("algorithm", k.algorithm()).put("key_id", k.keyId())
                        .put("public_key_pem", k.publicKeyPem()).put("active", k.active());
            }
            out.print(JsonDocuments.pretty(options.flag("all") ? list : list.get(0)));
        } else {
            shown.forEach(k -> out.print(k.publicKeyPem()));
        }
        return OK;
    }

    private int export(Options options, PrintStream out, PrintStream err) {
        options.allow("format", "o");
        String target = options.single("a receipt id or file");
        String formatName = options.value("format").orElseThrow(() -> new UsageException("--format is required"));
        ExportFormat format = ExportFormat.parse(formatName)
                .orElseThrow(() -> new UsageException("--format must be odr, json, md or html (got '" + formatName + "')"));
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

    private int rotate(Options options, PrintStream out) {
        options.allow();
        options.none();
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

    /** Wrong arguments: the usage follows. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    /** Arguments fine, input unusable (missing, unreadable, not JSON, not an Ed25519 key). */
    static final class InputException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InputException(String message) {
            super(message, null, false, false);
        }
    }

    /** {@code --name value}, {@code --name=value}, {@code -o value}, flags and positional arguments. */
    private static final class Options {
        private static final List<String> FLAGS = List.of("json", "all");
        private final List<String[]> named = new ArrayList<>();
        private final List<String> positional = new ArrayList<>();

        static Options parse(List<String> args) {
            Options o = new Options();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (!arg.startsWith("-") || arg.equals("-")) {
                    o.positional.add(arg);
                    continue;
                }
                String name = arg.replaceFirst("^--?", "");
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else if (!FLAGS.contains(name)) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("option '" + arg + "' needs a value");
                    }
                    value = args.get(++i);
                }
                o.named.add(new String[] {name, value});
            }
            return o;
        }

        void allow(String... names) {
            List<String> allowed = List.of(names);
            for (String[] n : named) {
                if (!allowed.contains(n[0])) {
                    throw new UsageException("unknown option '--" + n[0] + "'");
                }
            }
        }

        String single(String what) {
            if (positional.size() != 1) {
                throw new UsageException("expected " + what + (positional.isEmpty() ? "" : ", got " + positional.size() + " arguments"));
            }
            return positional.get(0);
        }

        void none() {
            if (!positional.isEmpty()) {
                throw new UsageException("unexpected argument '" + positional.get(0) + "'");
            }
        }

        boolean flag(String name) {
            return named.stream().anyMatch(n -> n[0].equals(name));
        }

        Optional<String> value(String name) {
            List<String> all = values(name);
            if (all.size() > 1) {
                throw new UsageException("--" + name + " given more than once");
            }
            return all.stream().findFirst();
        }

        List<String> values(String name) {
            return named.stream().filter(n -> n[0].equals(name) && n[1] != null).map(n -> n[1]).toList();
        }
    }
}
