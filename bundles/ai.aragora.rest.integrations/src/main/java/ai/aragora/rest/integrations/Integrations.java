package ai.aragora.rest.integrations;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import ai.aragora.api.crypto.EncryptionException;
import ai.aragora.api.crypto.Envelope;
import ai.aragora.api.crypto.FieldEncryption;
import ai.aragora.api.health.ComponentHealth;
import ai.aragora.api.health.HealthIndicator;
import ai.aragora.api.storage.IntegrationRecord;
import ai.aragora.api.storage.IntegrationStore;
import ai.aragora.api.storage.Page;
import ai.aragora.wire.ErrorWire;
import io.prometheus.client.Collector;

/**
 * Integrations as the API shows them: credentials sealed field by field on the way in (bound to
 * org, integration and field) and shown only as {@value #MASK}; reads served from a short-lived
 * cache of those views. Store and provider are bound dynamically: a newer encryption provider
 * takes the next write, and envelopes written before stay readable while their key is configured.
 */
@Component(service = {Integrations.class, HealthIndicator.class}, configurationPid = IntegrationsConfig.PID,
        property = HealthIndicator.COMPONENT + "=integration_store")
public class Integrations implements HealthIndicator {

    static final String MASK = "****";

    /** A write's outcome: the integration as now stored, and whether it is new. */
    record Written(Map<String, Object> view, boolean created) {
    }

    private record Cached(Map<String, Object> view, long expires) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile IntegrationStore store;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile FieldEncryption encryption;

    private final IntegrationInput input;
    private final IntegrationStoreMonitor monitor = new IntegrationStoreMonitor();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int cacheMax;
    private final Clock clock;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    public Integrations(IntegrationsConfig config, BundleContext context) {
        this(Set.of(config.sensitive_fields()), config.cache_ttl_seconds(), config.cache_max_entries(), Clock.systemUTC());
        for (Collector c : monitor.collectors()) {
            registrations.add(context.registerService(Collector.class, c, null));
        }
    }

    /** Outside the framework (tests): bound to {@code store} and {@code encryption} as they are. */
    static Integrations with(IntegrationStore store, FieldEncryption encryption, int ttlSeconds, Clock clock) {
        Integrations integrations = new Integrations(Set.of(), ttlSeconds, 1000, clock);
        integrations.store = store;
        integrations.encryption = encryption;
        return integrations;
    }

    private Integrations(Set<String> sensitive, int ttlSeconds, int cacheMax, Clock clock) {
        this.input = new IntegrationInput(sensitive);
        this.ttlNanos = Math.max(0, ttlSeconds) * 1_000_000_000L;
        this.cacheMax = Math.max(1, cacheMax);
        this.clock = clock;
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(ServiceRegistration::unregister);
    }

    IntegrationStoreMonitor monitor() {
        return monitor;
    }

    /** What DS does when a provider of higher ranking arrives (tests swap providers through it). */
    void useEncryption(FieldEncryption provider) {
        this.encryption = provider;
    }

    @Override
    public ComponentHealth check() {
        if (store == null) {
            return ComponentHealth.unavailable("no integration store in this server's storage");
        }
        return monitor.check();
    }

    Page<Map<String, Object>> list(String orgId, String type, Boolean enabled, int offset, int limit) {
        IntegrationStore s = store();
        Page<IntegrationRecord> page = stored("list", () -> s.list(orgId, type, enabled, offset, limit));
        return new Page<>(page.items().stream().map(Integrations::view).toList(), page.total(), page.offset(), page.limit());
    }

    Optional<Map<String, Object>> get(String orgId, String id) {
        String key = key(orgId, id);
        Cached cached = cache.get(key);
        long now = System.nanoTime();
        if (cached != null && now - cached.expires < 0) {
            monitor.cacheHit();
            return Optional.of(cached.view);
        }
        monitor.cacheMiss();
        IntegrationStore s = store();
        Optional<Map<String, Object>> view = stored("get", () -> s.find(orgId, id)).map(Integrations::view);
        if (view.isPresent() && ttlNanos > 0) {
            if (cache.size() >= cacheMax) {
                cache.clear();
            }
            cache.put(key, new Cached(view.get(), now + ttlNanos));
        }
        return view;
    }

    /** Creates the org's integration of {@code type}, or replaces its whole configuration. */
    Written put(String orgId, String type, Map<String, Object> body) {
        IntegrationInput.Parsed parsed = input.parse(body, false);
        IntegrationStore s = store();
        Instant now = clock.instant();
        Map<String, Object> sealed = seal(orgId, type, parsed.credentials());
        IntegrationRecord record = new IntegrationRecord(orgId, type, type, parsed.name() == null ? type : parsed.name(),
                parsed.enabled() == null || parsed.enabled(), parsed.settings(), sealed, now, now);
        cache.remove(key(orgId, type));
        if (stored("create", () -> join(s.create(record)))) {
            refreshActive(s);
            return new Written(view(record), true);
        }
        Instant created = stored("get", () -> s.find(orgId, type)).map(IntegrationRecord::createdAt).orElse(now);
        IntegrationRecord replacing = new IntegrationRecord(orgId, type, type, record.name(), record.enabled(), record.settings(),
                record.credentials(), created, now);
        stored("update", () -> join(s.update(replacing)));
        refreshActive(s);
        return new Written(view(replacing), false);
    }

    /** Changes the fields given; a null value removes a field. Empty when there is no such integration. */
    Optional<Map<String, Object>> patch(String orgId, String id, Map<String, Object> body) {
        IntegrationInput.Parsed parsed = input.parse(body, true);
        IntegrationStore s = store();
        Optional<IntegrationRecord> found = stored("get", () -> s.find(orgId, id));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        IntegrationRecord old = found.get();
        Map<String, Object> settings = new TreeMap<>(old.settings());
        parsed.settings().forEach((k, v) -> apply(settings, k, v));
        Map<String, Object> credentials = new TreeMap<>(old.credentials());
        Map<String, Object> given = new LinkedHashMap<>();
        parsed.credentials().forEach((k, v) -> {
            if (v == IntegrationInput.REMOVE) {
                credentials.remove(k);
            } else {
                given.put(k, v);
            }
        });
        credentials.putAll(seal(orgId, id, given));
        IntegrationRecord updated = new IntegrationRecord(orgId, id, old.type(), parsed.name() == null ? old.name() : parsed.name(),
                parsed.enabled() == null ? old.enabled() : parsed.enabled(), settings, credentials, old.createdAt(), clock.instant());
        cache.remove(key(orgId, id));
        if (!stored("update", () -> join(s.update(updated)))) {
            return Optional.empty();
        }
        refreshActive(s);
        return Optional.of(view(updated));
    }

    boolean delete(String orgId, String id) {
        IntegrationStore s = store();
        cache.remove(key(orgId, id));
        boolean deleted = stored("delete", () -> join(s.delete(orgId, id)));
        refreshActive(s);
        return deleted;
    }

    /**
     * Checks that the integration is complete and every credential opens with a configured key;
     * it calls no outside service. Empty when there is no such integration.
     */
    Optional<Map<String, Object>> test(String orgId, String id) {
        IntegrationStore s = store();
        Optional<IntegrationRecord> found = stored("get", () -> s.find(orgId, id));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        IntegrationRecord r = found.get();
        List<Map<String, Object>> problems = new ArrayList<>();
        Map<String, Object> fields = new TreeMap<>();
        for (Map.Entry<String, Object> c : r.credentials().entrySet()) {
            fields.put(c.getKey(), check(r, c.getKey(), c.getValue(), problems));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", r.id());
        body.put("success", problems.isEmpty() && r.enabled());
        body.put("message", !r.enabled() ? "the integration is disabled" : problems.isEmpty()
                ? "every credential is readable (no call was made to " + r.type() + ")" : problems.size() + " credential(s) unreadable");
        body.put("credentials", fields);
        body.put("errors", problems);
        return Optional.of(body);
    }

    private String check(IntegrationRecord r, String field, Object stored, List<Map<String, Object>> problems) {
        try {
            Optional<Envelope> envelope = Envelope.from(stored);
            if (envelope.isEmpty()) {
                return "plaintext (run aragora encrypt-existing)";
            }
            provider().decrypt(envelope.get(), IntegrationRecord.credential(r.orgId(), r.id(), field));
            return "readable under key " + envelope.get().keyId();
        } catch (EncryptionException e) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("field", field);
            p.put("error_type", e.kind().label());
            e.keyId().ifPresent(k -> p.put("key_id", k));
            p.put("message", e.getMessage());
            problems.add(p);
            return "unreadable";
        }
    }

    private Map<String, Object> seal(String orgId, String id, Map<String, Object> plaintext) {
        if (plaintext.isEmpty()) {
            return Map.of();
        }
        FieldEncryption provider = provider();
        Map<String, Object> sealed = new TreeMap<>();
        try {
            plaintext.forEach((field, value) -> sealed.put(field,
                    provider.encrypt((String) value, IntegrationRecord.credential(orgId, id, field)).toMap()));
        } catch (EncryptionException e) {
            throw unavailable("credentials cannot be sealed now: " + e.getMessage());
        }
        return sealed;
    }

    private static void apply(Map<String, Object> target, String field, Object value) {
        if (value == IntegrationInput.REMOVE) {
            target.remove(field);
        } else {
            target.put(field, value);
        }
    }

    private void refreshActive(IntegrationStore s) {
        try {
            monitor.countActive(s::countEnabled);
        } catch (RuntimeException e) {
            // the gauge keeps its last count; the write itself succeeded
        }
    }

    static Map<String, Object> view(IntegrationRecord r) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", r.id());
        v.put("org_id", r.orgId());
        v.put("type", r.type());
        v.put("name", r.name());
        v.put("enabled", r.enabled());
        v.put("status", r.enabled() ? "active" : "disabled");
        v.put("settings", new TreeMap<>(r.settings()));
        Map<String, Object> masked = new TreeMap<>();
        r.credentials().keySet().forEach(k -> masked.put(k, MASK));
        v.put("credentials", masked);
        v.put("created_at", r.createdAt().toString());
        v.put("updated_at", r.updatedAt().toString());
        return v;
    }

    private IntegrationStore store() {
        IntegrationStore s = store;
        if (s == null) {
            throw unavailable("no integration store in this server's storage");
        }
        return s;
    }

    private FieldEncryption provider() {
        FieldEncryption p = encryption;
        if (p == null) {
            throw unavailable("no encryption provider is running; credentials are never stored in the clear");
        }
        return p;
    }

    /** A store operation, counted and timed; a failing store is a 503 naming no internals. */
    private <T> T stored(String operation, java.util.function.Supplier<T> work) {
        try {
            return monitor.time(operation, work);
        } catch (RuntimeException e) {
            throw unavailable("the integration store did not answer (" + e.getClass().getSimpleName() + "); retry shortly");
        }
    }

    private static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private static String key(String orgId, String id) {
        return orgId + "/" + id;
    }

    static ServiceUnavailableException unavailable(String message) {
        // built here, not by the error mapper, which words every 503 alike
        return new ServiceUnavailableException(Response.status(503).header("Retry-After", 5)
                .type(MediaType.APPLICATION_JSON_TYPE).entity(ErrorWire.error(503, message, null)).build());
    }
}
