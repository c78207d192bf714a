package ai.aragora.rest;

import java.io.EOFException;
import java.util.regex.Pattern;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;

import org.glassfish.jersey.server.ParamException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;

import ai.aragora.api.auth.AuthenticationRequiredException;
import ai.aragora.api.auth.PermissionDeniedException;
import ai.aragora.wire.ErrorWire;

/**
 * Every exception a resource lets escape becomes a JSON error. Client mistakes keep their
 * status and get a message naming the problem; anything else is a 500 that says nothing but
 * the request id, and is logged with it.
 */
@Component(service = ExceptionMapper.class)
@JakartarsExtension
@JakartarsName("aragora.errors")
@JSONRequired
public class ErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
    /** Jersey's own messages ("HTTP 404 Not Found") say nothing the status does not. */
    private static final Pattern GENERIC = Pattern.compile("HTTP \\d{3} .*");

    @Context
    private UriInfo uriInfo;

    @Context
    private Request request;

    @Override
    public Response toResponse(Throwable error) {
        if (error instanceof WebApplicationException web) {
            return fromWebApplication(web);
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException tooLarge) {
                return respond(413, tooLarge.getMessage(), null);
            }
            if (t instanceof EOFException) {
                return respond(400, "the request body ended before the length it announced", null);
            }
        }
        if (error instanceof AuthenticationRequiredException unauthenticated) {
            return Response.status(401).header("WWW-Authenticate", "Bearer realm=\"aragora\"")
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ErrorWire.error(401, unauthenticated.getMessage(), RequestIds.current())).build();
        }
        if (error instanceof PermissionDeniedException denied) {
            return respond(403, denied.getMessage(), null);
        }
        if (error instanceof JsonProcessingException json) {
            return respond(400, JsonProblems.describe(json), null);
        }
        LOG.error("unhandled error serving {} {}", method(), path(), error);
        return respond(500, ErrorResponses.INTERNAL, null);
    }

    private Response fromWebApplication(WebApplicationException web) {
        if (web instanceof ParamException param) {
            // the specification answers 404 to a query parameter that does not convert: it is a bad request
            return respond(400, ErrorResponses.badParameter(param.getParameterType().getSimpleName(), param.getParameterName(),
                    web.getCause()), null);
        }
        Response original = web.getResponse();
        int status = original.getStatus();
        if (original.hasEntity()) {
            return withTraceId(original);
        }
        if (status == 503) {
            LOG.warn("unavailable: {} {}: {}", method(), path(), web.getMessage());
            return respond(status, ErrorResponses.message(503, null, null), original);
        }
        if (status >= 500) {
            LOG.error("server error serving {} {}", method(), path(), web);
            return respond(status, ErrorResponses.INTERNAL, original);
        }
        String message = web.getMessage();
        if (message == null || message.isBlank() || GENERIC.matcher(message).matches()) {
            message = ErrorResponses.message(status, method(), path());
        }
        return respond(status, message, original);
    }

    /** Resources that build their own error bodies get the request id added like every other error. */
    @SuppressWarnings("unchecked")
    private static Response withTraceId(Response original) {
        if (original.getEntity() instanceof java.util.Map<?, ?> body && body.get("trace_id") == null) {
            java.util.Map<String, Object> copy = new java.util.LinkedHashMap<>((java.util.Map<String, Object>) body);
            copy.put("trace_id", RequestIds.current());
            return Response.fromResponse(original).entity(copy).build();
        }
        return original;
    }

    private static Response respond(int status, String message, Response original) {
        Response.ResponseBuilder builder = original == null ? Response.status(status) : Response.fromResponse(original);
        return builder.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorWire.error(status, message, RequestIds.current()))
                .build();
    }

    private String method() {
        try {
            return request == null ? "" : request.getMethod();
        } catch (IllegalStateException outsideRequest) {
            return "";
        }
    }

    private String path() {
        try {
            return uriInfo == null ? "" : "/" + uriInfo.getPath(false);
        } catch (IllegalStateException outsideRequest) {
            return "";
        }
    }
}
