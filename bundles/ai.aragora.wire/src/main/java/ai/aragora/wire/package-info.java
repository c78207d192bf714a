/**
 * The wire contract's shapes of debates, messages, events, receipt verifications and errors
 * (API.md) as plain maps of JSON-compatible values, so every surface that shows a debate, or refuses a request, shows it
 * the same way; and the escaping and form frame of the server-rendered console pages.
 */
@Version("1.4.0")
@Export
package ai.aragora.wire;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
