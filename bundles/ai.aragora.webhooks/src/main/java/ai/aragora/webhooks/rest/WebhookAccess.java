package ai.aragora.webhooks.rest;

import java.util.Map;
import java.util.function.Supplier;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import ai.aragora.api.auth.AccessControl;
import ai.aragora.api.auth.AuthPrincipal;
import ai.aragora.api.crypto.EncryptionException;
import ai.aragora.api.webhook.OutboundPolicy;
import ai.aragora.api.webhook.RefusedDestinationException;
import ai.aragora.webhooks.WebhookManager;
import ai.aragora.webhooks.store.Subscription;
import ai.aragora.wire.ErrorWire;

/**
 * What every webhook route checks before it acts: the caller's permission and org, that the
 * subscription is one the caller may see, that a URL may be called, and how a sealing failure
 * answers. Another org's subscription does not exist for the caller; the operator (admin) sees
 * every org's.
 */
final class WebhookAccess {

    static final String READ = "webhooks.read";
    static final String WRITE = "webhooks.write";

    private final WebhookManager manager;
    private final AccessControl access;
    private final OutboundPolicy policy;

    WebhookAccess(WebhookManager manager, AccessControl access, OutboundPolicy policy) {
        this.manager = manager;
        this.access = access;
        this.policy = policy;
    }

    WebhookManager manager() {
        return manager;
    }

    AuthPrincipal require(SecurityContext security, String permission) {
        return access.require(security == null ? null : security.getUserPrincipal(), permission);
    }

    /** The org whose records the caller sees: its own, or every org (null) for the operator. */
    String org(SecurityContext security, String permission) {
        return org(require(security, permission));
    }

    static String org(AuthPrincipal principal) {
        if (principal.kind() == AuthPrincipal.Kind.ADMIN) {
            return null;
        }
        if (principal.orgId() == null) {
            throw new NotFoundException("the caller belongs to no org");
        }
        return principal.orgId();
    }

    /** The org new subscriptions of the caller belong to. */
    static String owningOrg(AuthPrincipal principal) {
        if (principal.orgId() == null) {
            throw new BadRequestException("the caller belongs to no org: webhooks belong to an org");
        }
        return principal.orgId();
    }

    Subscription visible(SecurityContext security, String id, String permission) {
        String org = org(security, permission);
        return manager.subscriptions().find(org, id).orElseThrow(() -> gone(id));
    }

    String checked(String url) {
        if (url == null) {
            throw new BadRequestException("url is required");
        }
        try {
            return policy.check(url).toString();
        } catch (RefusedDestinationException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    static <T> T sealed(Supplier<T> work) {
        try {
            return work.get();
        } catch (EncryptionException e) {
            int status = e.kind() == EncryptionException.Kind.UNAVAILABLE || e.kind() == EncryptionException.Kind.KEY_EXHAUSTED
                    ? 503 : 500;
            throw failure(status, e.getMessage());
        }
    }

    static WebApplicationException failure(int status, String message) {
        Map<String, Object> body = ErrorWire.error(status, message, null);
        return new WebApplicationException(Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build());
    }

    static NotFoundException gone(String id) {
        return new NotFoundException("no webhook " + WebhookRequests.clip(id));
    }
}
