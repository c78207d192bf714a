package ai.aragora.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.aragora.api.crypto.EncryptedFieldSource;
import ai.aragora.api.crypto.Envelope;
import ai.aragora.api.crypto.FieldCensus;
import ai.aragora.launcher.spi.Command;
import ai.aragora.storage.jdbc.ops.EncryptExistingCommand;
import ai.aragora.webhooks.http.Signatures;
import ai.aragora.webhooks.secret.SigningSecrets;
import ai.aragora.webhooks.store.Subscription;
import ai.aragora.webhooks.store.jdbc.SecretFieldSource;

/** {@code encrypt-existing --webhook-secrets} and {@code encryption status} over real subscriptions. */
class SecretReencryptionTest {

    /** Opens what the outbox sealed under {@code test-key}, seals under {@code key-2}. */
    private final TestEncryption rotated = TestEncryption.keys("key-2", "test-key");

    @Test
    void secretsUnderAnOldKeyAreResealedOnceAndStillSign(@TempDir Path dir) throws Exception {
        try (Outbox outbox = new Outbox(dir)) {
            Subscription a = outbox.subscribe("org-a", "http://127.0.0.1:9/a", "http", List.of());
            Subscription b = outbox.subscribe("org-b", "http://127.0.0.1:9/b", "http", List.of());
            outbox.clock.advance(Duration.ofMinutes(1));
            Subscription rotatedB = b.with(outbox.secrets.rotate(b, SigningSecrets.generate(), Duration.ofHours(24),
                    outbox.clock.instant()), outbox.clock.instant());
            outbox.subscriptions.update(rotatedB);
            List<String> plainA = outbox.secrets.open(a, outbox.clock.instant());
            List<String> plainB = outbox.secrets.open(rotatedB, outbox.clock.instant());
            SecretFieldSource source = new SecretFieldSource(outbox.subscriptions);
            EncryptExistingCommand command = EncryptExistingCommand.with(rotated, List.of(source), null);
            assertEquals(Map.of("test-key", 3L), source.census(1).byKeyId());

            Run dry = run(command, "--webhook-secrets", "--batch-size", "1");
            assertEquals(Command.OK, dry.status, dry.err);
            assertTrue(dry.out.contains("webhook-secrets: 3 fields; 0 plaintext would be sealed, 3 would be re-sealed"), dry.out);
            assertEquals(a, stored(outbox, a));
            assertEquals(rotatedB, stored(outbox, b));

            Run execute = run(command, "--webhook-secrets", "--execute", "--batch-size", "1");
            assertEquals(Command.OK, execute.status, execute.err);
            assertTrue(execute.out.contains("3 re-sealed from old keys"), execute.out);
            FieldCensus after = source.census(1);
            assertEquals(Map.of("key-2", 3L), after.byKeyId());
            SigningSecrets withNewKey = new SigningSecrets(() -> rotated);
            assertEquals(plainA, withNewKey.open(stored(outbox, a), outbox.clock.instant()));
            assertEquals(plainB, withNewKey.open(stored(outbox, b), outbox.clock.instant()));
            byte[] body = "{\"type\":\"debate.completed\"}".getBytes(StandardCharsets.UTF_8);
            assertEquals(Signatures.headers("d1", "debate.completed", 1_700_000_000L, body, plainB),
                    Signatures.headers("d1", "debate.completed", 1_700_000_000L, body,
                            withNewKey.open(stored(outbox, b), outbox.clock.instant())));

            Subscription resealedA = stored(outbox, a);
            Subscription resealedB = stored(outbox, b);
            Run again = run(command, "--webhook-secrets", "--execute");
            assertEquals(Command.OK, again.status, again.err);
            assertTrue(again.out.contains("0 re-sealed from old keys, 3 already under the active key"), again.out);
            assertEquals(resealedA, stored(outbox, a));
            assertEquals(resealedB, stored(outbox, b));
        }
    }

    @Test
    void aSecretChangedAfterItWasReadIsLeftAsChanged(@TempDir Path dir) {
        try (Outbox outbox = new Outbox(dir)) {
            Subscription a = outbox.subscribe("org-a", "http://127.0.0.1:9/a", "http", List.of());
            SecretFieldSource source = new SecretFieldSource(outbox.subscriptions);
            EncryptedFieldSource.Batch read = source.fields(null, 10);
            Subscription changedA = a.with(List.of(outbox.secrets.seal(a.id(), SigningSecrets.generate(),
                    a.secrets().get(0).createdAt())), outbox.clock.instant());
            outbox.subscriptions.update(changedA);

            var field = read.fields().get(0);
            Envelope old = Envelope.from(field.stored()).orElseThrow();
            int replaced = source.replace(List.of(new EncryptedFieldSource.Reseal(field,
                    rotated.encrypt(new TestEncryption().decrypt(old, field.context()), field.context()))));

            assertEquals(0, replaced);
            assertEquals(changedA, stored(outbox, a));
        }
    }

    @Test
    void replacingAFieldThatStillHoldsWhatWasReadKeepsTheOthers(@TempDir Path dir) {
        try (Outbox outbox = new Outbox(dir)) {
            Subscription a = outbox.subscribe("org-a", "http://127.0.0.1:9/a", "http", List.of());
            outbox.clock.advance(Duration.ofMinutes(1));
            Subscription rotatedA = a.with(outbox.secrets.rotate(a, SigningSecrets.generate(), Duration.ofHours(1),
                    outbox.clock.instant()), outbox.clock.instant());
            outbox.subscriptions.update(rotatedA);
            SecretFieldSource source = new SecretFieldSource(outbox.subscriptions);
            var older = source.fields(null, 10).fields().get(1);
            String plaintext = new TestEncryption().decrypt(Envelope.from(older.stored()).orElseThrow(), older.context());

            assertEquals(1, source.replace(List.of(new EncryptedFieldSource.Reseal(older,
                    rotated.encrypt(plaintext, older.context())))));

            Subscription now = stored(outbox, a);
            assertEquals(rotatedA.secrets().get(0), now.secrets().get(0));
            assertEquals("key-2", Envelope.from(now.secrets().get(1).sealed()).orElseThrow().keyId());
            assertEquals(rotatedA.secrets().get(1).expiresAt(), now.secrets().get(1).expiresAt());
        }
    }

    private static Subscription stored(Outbox outbox, Subscription s) {
        return outbox.subscriptions.find(null, s.id()).orElseThrow();
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(Command command, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
