package ai.aragora.webhooks;

import java.net.InetAddress;
import java.net.URI;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import ai.aragora.api.webhook.Destination;
import ai.aragora.api.webhook.OutboundPolicy;
import ai.aragora.webhooks.outbound.AllowedHosts;
import ai.aragora.webhooks.outbound.OutboundRules;

/** The outbound rules as the one {@link OutboundPolicy} service, configured with the webhook settings. */
@Component(service = OutboundPolicy.class, configurationPid = WebhookConfig.PID)
public class OutboundPolicyService implements OutboundPolicy {

    private final OutboundRules rules;

    @Activate
    public OutboundPolicyService(WebhookConfig config) {
        this.rules = new OutboundRules(AllowedHosts.parse(config.allowed_hosts()), config.require_https(),
                InetAddress::getAllByName);
    }

    @Override
    public URI check(String url) {
        return rules.check(url);
    }

    @Override
    public Destination resolve(String url) {
        return rules.resolve(url);
    }
}
