package ai.aragora.rest.receipts;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import ai.aragora.api.receipt.PublicSigningKey;
import ai.aragora.api.receipt.SigningKeys;

/** {@code /.well-known/aragora-odr-signing-key}: the active receipt signing key as PEM, for verifiers. */
@Component(service = WellKnownResource.class)
@JakartarsResource
@Path(".well-known/aragora-odr-signing-key")
public class WellKnownResource {

    private final SigningKeys keys;

    @Activate
    public WellKnownResource(@Reference SigningKeys keys) {
        this.keys = keys;
    }

    @GET
    @Produces("application/x-pem-file")
    public Response signingKey() {
        PublicSigningKey key = keys.active();
        return Response.ok(key.publicKeyPem()).header("X-Aragora-Key-Id", key.keyId()).build();
    }
}
