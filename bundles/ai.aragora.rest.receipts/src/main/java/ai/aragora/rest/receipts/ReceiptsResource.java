package ai.aragora.rest.receipts;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import com.fasterxml.jackson.databind.JsonNode;

import ai.aragora.api.auth.AccessControl;
import ai.aragora.api.auth.AuthPrincipal;
import ai.aragora.api.auth.OrgScope;
import ai.aragora.api.receipt.ExportFormat;
import ai.aragora.api.receipt.Receipt;
import ai.aragora.api.receipt.ReceiptExport;
import ai.aragora.api.receipt.ReceiptLog;
import ai.aragora.api.receipt.ReceiptService;
import ai.aragora.api.receipt.SigningKeys;
import ai.aragora.api.storage.DebateRecord;
import ai.aragora.api.storage.DebateStore;
import ai.aragora.api.storage.Page;
import ai.aragora.wire.ReceiptWire;

/**
 * Decision receipts over HTTP. A receipt belongs to its debate's org: anyone else asking for it
 * is told it does not exist.
 */
@Component(service = ReceiptsResource.class)
@JakartarsResource
@JSONRequired
@Path("api/v2/receipts")
@Produces(MediaType.APPLICATION_JSON)
public class ReceiptsResource {

    static final int MAX_LIMIT = 100;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final ReceiptService receipts;
    private final ReceiptLog log;
    private final SigningKeys keys;
    private final AccessControl access;
    private final ReceiptViews views = new ReceiptViews();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DebateStore debates;

    @Activate
    public ReceiptsResource(@Reference ReceiptService receipts, @Reference ReceiptLog log, @Reference SigningKeys keys,
            @Reference AccessControl access) {
        this.receipts = receipts;
        this.log = log;
        this.keys = keys;
        this.access = access;
    }

    @GET
    public Map<String, Object> list(@Context SecurityContext security, @QueryParam("limit") @DefaultValue("20") int limit,
            @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("org") String org) {
        AuthPrincipal principal = access.require(principal(security), "receipts.read");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (offset < 0) {
            throw new BadRequestException("offset must not be negative, got " + offset);
        }
        OrgScope scope = OrgScope.of(principal, org);
        Page<Receipt> page;
        if (scope.none()) {
            page = new Page<>(List.of(), 0, offset, limit);
        } else if (scope.everyOrg()) {
            page = new Page<>(receipts.list(offset, limit), receipts.count(), offset, limit);
        } else {
            page = receipts.list(scope.orgId(), this::orgOf, offset, limit);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("receipts", page.items().stream().map(views::summary).toList());
        body.put("total", page.total());
        body.put("limit", limit);
        body.put("offset", offset);
        return body;
    }

    @GET
    @Path("{id}")
    public Map<String, Object> get(@Context SecurityContext security, @PathParam("id") String id) {
        return views.full(visible(security, id, "receipts.read"));
    }

    @GET
    @Path("{id}/export")
    public Response export(@Context SecurityContext security, @PathParam("id") String id,
            @QueryParam("format") @DefaultValue("odr") String format) {
        Receipt receipt = visible(security, id, "receipts.read");
        ExportFormat chosen = ExportFormat.parse(format)
                .orElseThrow(() -> new BadRequestException("format must be one of odr, json, md, html (got '" + clip(format) + "')"));
        ReceiptExport export = receipts.export(receipt.receiptId(), chosen);
        return Response.ok(export.body(), export.contentType())
                .header("Content-Disposition", "attachment; filename=\"" + export.fileName() + "\"").build();
    }

    @POST
    @Path("{id}/verify")
    public Map<String, Object> verify(@Context SecurityContext security, @PathParam("id") String id) {
        Receipt receipt = visible(security, id, "receipts.verify");
        return ReceiptWire.report(receipts.verify(receipt.receiptId()));
    }

    @GET
    @Path("{id}/proof")
    public JsonNode proof(@Context SecurityContext security, @PathParam("id") String id) {
        Receipt receipt = visible(security, id, "receipts.read");
        return views.tree(log.inclusionProof(receipt.receiptId())
                .orElseThrow(() -> new NotFoundException("receipt " + receipt.receiptId() + " is not in the log yet")));
    }

    @GET
    @Path("log/consistency")
    public JsonNode consistency(@Context SecurityContext security, @QueryParam("first") long first,
            @QueryParam("second") long second) {
        access.require(principal(security), "receipts.read");
        long size = log.size();
        if (first < 1 || second < first || second > size) {
            throw new BadRequestException("need 1 <= first <= second <= " + size + " (the log's size), got first="
                    + first + ", second=" + second);
        }
        return views.tree(log.consistencyProof(first, second));
    }

    @GET
    @Path("log/checkpoint")
    public JsonNode checkpoint(@Context SecurityContext security) {
        access.require(principal(security), "receipts.read");
        return views.tree(log.latestCheckpoint().orElseThrow(() -> new NotFoundException("no checkpoint has been signed yet")));
    }

    /** The public key: anyone may verify a receipt offline, so no credentials are needed. */
    @GET
    @Path("signing-key")
    public Map<String, Object> signingKey() {
        return views.key(keys.active());
    }

    @GET
    @Path("signing-keys")
    public Map<String, Object> signingKeys() {
        return Map.of("keys", keys.published().stream().map(views::key).toList());
    }

    private Receipt visible(SecurityContext security, String id, String permission) {
        AuthPrincipal principal = access.require(principal(security), permission);
        if (!ID.matcher(id).matches()) {
            throw new NotFoundException("no receipt " + clip(id));
        }
        Receipt receipt = receipts.find(id).orElseThrow(() -> new NotFoundException("no receipt " + id));
        if (!visible(principal, receipt)) {
            throw new NotFoundException("no receipt " + id);
        }
        return receipt;
    }

    private boolean visible(AuthPrincipal principal, Receipt receipt) {
        return principal.kind() == AuthPrincipal.Kind.ADMIN || orgOf(receipt.debateId()).filter(principal::canSee).isPresent();
    }

    /** Without a debate store no debate is known, so no receipt belongs to an org. */
    private Optional<String> orgOf(String debateId) {
        DebateStore store = debates;
        return store == null ? Optional.empty() : store.find(debateId).map(DebateRecord::orgId);
    }

    private static Principal principal(SecurityContext security) {
        return security == null ? null : security.getUserPrincipal();
    }

    private static String clip(String s) {
        return s == null ? "" : s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }
}
