package ai.aragora.auth;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import io.prometheus.client.Collector;
import io.prometheus.client.Counter;

/** The runbook's security metrics, contributed to the server's registry as collector services. */
@Component(service = AuthMetrics.class)
public class AuthMetrics {

    final Counter failures = Counter.build().name("aragora_auth_failures_total")
            .help("Requests refused for invalid credentials, by reason").labelNames("reason").create();
    final Counter checks = Counter.build().name("aragora_rbac_permission_checks_total")
            .help("Permission checks, by permission and result").labelNames("permission", "result").create();
    final Counter denied = Counter.build().name("aragora_rbac_permission_denied_total")
            .help("Permission denials, by permission").labelNames("permission").create();

    private final ServiceRegistration<?>[] registrations;

    @Activate
    public AuthMetrics(BundleContext context) {
        registrations = new ServiceRegistration<?>[] {
            context.registerService(Collector.class, failures, null),
            context.registerService(Collector.class, checks, null),
            context.registerService(Collector.class, denied, null)
        };
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<?> r : registrations) {
            r.unregister();
        }
    }
}
