package ai.aragora.webhooks.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Why an address is not public, or null when it is. */
final class AddressClass {

    private AddressClass() {
    }

    static String refused(InetAddress a) {
        if (a instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            InetAddress embedded = embeddedIpv4(b);
            if (embedded != null) {
                String inner = refused(embedded);
                return inner == null ? null : inner + " (inside an IPv6 address)";
            }
            if (b[0] == (byte) 0xfd && b[1] == 0x00 && b[2] == 0x0e && b[3] == (byte) 0xc2) {
                return "a cloud metadata address";
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return "a unique local IPv6 address";
            }
        }
        if (a.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (a.isAnyLocalAddress()) {
            return "the unspecified address";
        }
        if (a.isLinkLocalAddress()) {
            return a instanceof Inet4Address && a.getHostAddress().equals("169.254.169.254")
                    ? "a cloud metadata address" : "a link-local address";
        }
        if (a.isSiteLocalAddress()) {
            return "a private address";
        }
        if (a.isMulticastAddress()) {
            return "a multicast address";
        }
        if (a instanceof Inet4Address) {
            byte[] b = a.getAddress();
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return "a 'this network' address";
            }
            if (first == 100 && second >= 64 && second < 128) {
                return "a shared (carrier-grade NAT) address";
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return "a benchmarking network address";
            }
            if (first >= 240) {
                return "a reserved address";
            }
        }
        return null;
    }

    /** The IPv4 address in an IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible or NAT64 (64:ff9b::/96) address. */
    private static InetAddress embeddedIpv4(byte[] b) {
        boolean zeros80 = true;
        for (int i = 0; i < 10; i++) {
            zeros80 &= b[i] == 0;
        }
        boolean mapped = zeros80 && b[10] == (byte) 0xff && b[11] == (byte) 0xff;
        boolean compatible = zeros80 && b[10] == 0 && b[11] == 0 && (b[12] != 0 || b[13] != 0);
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b;
        if (!mapped && !compatible && !nat64) {
            return null;
        }
        try {
            return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
