package ai.aragora.storage.jdbc.ops;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.health.ComponentHealth;
import ai.aragora.api.health.HealthIndicator;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.Store;

/**
 * The {@code database} component of health and readiness: every store answers a trivial query
 * and its writer runs; a schema behind the code (automatic migration off) makes it unavailable.
 */
@Component(service = HealthIndicator.class, property = HealthIndicator.COMPONENT + "=database")
public class DatabaseHealth implements HealthIndicator {

    private final StorageBackend backend;
    /** Asked of Flyway again only while something is pending: a schema does not fall behind by itself. */
    private volatile List<Store> behind;

    @Activate
    public DatabaseHealth(@Reference StorageBackend backend) {
        this.backend = backend;
        this.behind = pending();
    }

    @Override
    public ComponentHealth check() {
        if (!behind.isEmpty()) {
            behind = pending();
        }
        if (!behind.isEmpty()) {
            return ComponentHealth.unavailable(backend.name() + ": pending migrations in " + names(behind)
                    + "; run 'aragora migrate apply'");
        }
        List<Store> down = new ArrayList<>();
        for (Store store : Store.values()) {
            if (!backend.database(store).alive()) {
                down.add(store);
            }
        }
        return down.isEmpty() ? ComponentHealth.healthy()
                : ComponentHealth.unavailable(backend.name() + ": not answering: " + names(down));
    }

    private List<Store> pending() {
        List<Store> out = new ArrayList<>();
        for (Store store : Store.values()) {
            if (backend.migrations(store).pending() > 0) {
                out.add(store);
            }
        }
        return List.copyOf(out);
    }

    private static String names(List<Store> stores) {
        return String.join(", ", stores.stream().map(Store::id).toList());
    }
}
