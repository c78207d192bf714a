/**
 * Who is asking and what they may do: the authenticated principal of a request and the access
 * control service resources ask before they act.
 */
@Version("1.1.0")
@Export
package ai.aragora.api.auth;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
