package ai.aragora.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.aragora.api.webhook.Destination;
import ai.aragora.api.webhook.RefusedDestinationException;
import ai.aragora.webhooks.outbound.AllowedHosts;
import ai.aragora.webhooks.outbound.OutboundRules;

/** Where the server may call out: public addresses only, unless the operator allows more. */
class OutboundRulesTest {

    /** Names resolved without DNS, as an attacker's zone could answer them. */
    private static final Map<String, String> ZONE = Map.of(
            "hooks.example.com", "93.184.216.34",
            "internal.example.com", "10.1.2.3",
            "sneaky.example.com", "169.254.169.254",
            "v6-internal.example.com", "fd12:3456::1",
            "loop.example.com", "127.0.0.2");

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        if (host.matches("[0-9.]+") || host.contains(":")) {
            return new InetAddress[] {InetAddress.getByName(host)};
        }
        String address = ZONE.get(host);
        if (address == null) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(address)};
    }

    private final OutboundRules strict = new OutboundRules(AllowedHosts.NONE, false, OutboundRulesTest::resolve);

    private void refused(OutboundRules rules, String url, String why) {
        assertThatThrownBy(() -> rules.check(url)).isInstanceOf(RefusedDestinationException.class).hasMessageContaining(why);
    }

    @Test
    void ipv4LoopbackPrivateLinkLocalAndMetadataAreRefused() {
        refused(strict, "http://127.0.0.1:8080/hook", "a loopback address");
        refused(strict, "http://10.0.0.1/hook", "a private address");
        refused(strict, "http://172.16.5.4/hook", "a private address");
        refused(strict, "http://192.168.1.1/hook", "a private address");
        refused(strict, "http://169.254.169.254/latest/meta-data", "a cloud metadata address");
        refused(strict, "http://169.254.1.1/", "a link-local address");
        refused(strict, "http://0.0.0.0/", "the unspecified address");
        refused(strict, "http://100.64.0.1/", "carrier-grade NAT");
        assertThat(strict.check("https://93.184.216.34/hook").getHost()).isEqualTo("93.184.216.34");
    }

    @Test
    void ipv6LoopbackLinkLocalUniqueLocalAndMappedIpv4AreRefused() {
        refused(strict, "http://[::1]/hook", "a loopback address");
        refused(strict, "http://[fe80::1]/hook", "a link-local address");
        refused(strict, "http://[fd00::1]/hook", "a unique local IPv6 address");
        refused(strict, "http://[::ffff:127.0.0.1]/hook", "a loopback address");
        refused(strict, "http://[::ffff:10.0.0.1]/hook", "a private address");
        refused(strict, "http://[64:ff9b::a9fe:a9fe]/hook", "a cloud metadata address");
        refused(strict, "http://[fd00:ec2::254]/", "a cloud metadata address");
        assertThat(strict.check("https://[2606:2800:220:1::1]/hook").getHost()).isEqualTo("[2606:2800:220:1::1]");
    }

    @Test
    void namesThatResolveToPrivateAddressesAreRefusedAndUnresolvableOnesToo() {
        refused(strict, "https://internal.example.com/hook", "resolves to a private address (10.1.2.3)");
        refused(strict, "https://sneaky.example.com/hook", "a cloud metadata address");
        refused(strict, "https://v6-internal.example.com/hook", "a unique local IPv6 address");
        refused(strict, "https://loop.example.com/hook", "a loopback address");
        refused(strict, "https://nowhere.example.com/hook", "does not resolve");
        assertThat(strict.check("https://hooks.example.com/hook").getPath()).isEqualTo("/hook");
    }

    @Test
    void schemesCredentialsAndHttpsInProduction() {
        refused(strict, "ftp://hooks.example.com/x", "must be http or https");
        refused(strict, "file:///etc/passwd", "must be http or https");
        refused(strict, "https://user:pw@hooks.example.com/x", "credentials");
        refused(strict, "not a url", "not a valid URL");
        refused(strict, "", "url is required");
        OutboundRules production = new OutboundRules(AllowedHosts.parse("127.0.0.1"), true, OutboundRulesTest::resolve);
        refused(production, "http://hooks.example.com/hook", "must be https");
        assertThat(production.check("https://hooks.example.com/hook")).isNotNull();
        assertThat(production.check("http://127.0.0.1:9000/hook")).as("an allowed host may use http").isNotNull();
    }

    @Test
    void theOperatorAllowsHostsAndRanges() {
        OutboundRules allowing = new OutboundRules(AllowedHosts.parse(" 127.0.0.1 , internal.example.com, 192.168.0.0/16,fd00::/8"),
                false, OutboundRulesTest::resolve);
        assertThat(allowing.check("http://127.0.0.1:9000/hook")).isNotNull();
        assertThat(allowing.check("http://internal.example.com/hook")).isNotNull();
        assertThat(allowing.check("http://192.168.44.5/hook")).isNotNull();
        assertThat(allowing.check("http://v6-internal.example.com/hook")).isNotNull();
        refused(allowing, "http://127.0.0.2/hook", "a loopback address");
        refused(allowing, "http://10.0.0.1/hook", "a private address");
        assertThatThrownBy(() -> AllowedHosts.parse("10.0.0.0/33")).hasMessageContaining("bad prefix length");
        assertThatThrownBy(() -> AllowedHosts.parse("exa mple")).hasMessageContaining("neither a host name nor a CIDR range");
    }

    @Test
    void resolvingHandsOnTheAddressesThatPassedTheCheck() throws Exception {
        Destination d = strict.resolve("https://hooks.example.com/hook");
        assertThat(d.url().getHost()).isEqualTo("hooks.example.com");
        assertThat(d.addresses()).containsExactly(InetAddress.getByName("93.184.216.34"));
        assertThatThrownBy(() -> strict.resolve("https://sneaky.example.com/")).isInstanceOf(RefusedDestinationException.class)
                .hasMessageContaining("a cloud metadata address");
        OutboundRules allowing = new OutboundRules(AllowedHosts.parse("internal.example.com"), false, OutboundRulesTest::resolve);
        assertThat(allowing.resolve("http://internal.example.com/hook").addresses()).as("allowed by name, still pinned")
                .containsExactly(InetAddress.getByName("10.1.2.3"));
        assertThatThrownBy(() -> allowing.resolve("http://nowhere.example.com/")).isInstanceOf(RefusedDestinationException.class)
                .hasMessageContaining("does not resolve");
    }
}
