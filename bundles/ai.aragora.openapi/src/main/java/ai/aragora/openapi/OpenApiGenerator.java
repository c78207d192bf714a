package ai.aragora.openapi;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes an OpenAPI 3.1 document from Jakarta REST resource classes: their annotations give
 * paths, methods, parameters and media types; their Java types give the schemas
 * ({@link JsonSchemas}), with the same snake_case names the API's JSON uses.
 */
final class OpenApiGenerator {

    static final String OPENAPI_VERSION = "3.1.0";
    private static final String ERROR_REF = "#/components/responses/Error";
    private static final Pattern OPTIONAL_SEGMENT = Pattern.compile("\\{\\s*[A-Za-z0-9_]+\\s*:\\s*\\((/[A-Za-z0-9_./-]+)\\)\\?\\s*}");

    private final ObjectMapper mapper;
    private JsonSchemas schemas;
    private Set<String> operationIds;

    OpenApiGenerator(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    synchronized ObjectNode generate(String title, String version, Collection<Class<?>> resources) {
        schemas = new JsonSchemas(mapper);
        operationIds = new HashSet<>();
        ObjectNode doc = mapper.createObjectNode();
        doc.put("openapi", OPENAPI_VERSION);
        ObjectNode info = doc.putObject("info");
        info.put("title", title);
        info.put("version", version);
        info.put("description", "Generated from the REST resources registered in this server at the time of the request.");
        ObjectNode paths = doc.putObject("paths");
        resources.stream().sorted(Comparator.comparing(Class::getName)).forEach(resource -> addResource(paths, resource));
        ObjectNode components = doc.putObject("components");
        ObjectNode all = schemas.components();
        all.set("Error", errorSchema());
        components.set("schemas", sorted(all));
        ObjectNode error = components.putObject("responses").putObject("Error");
        error.put("description", "The error, with a message naming the problem; 5xx responses say only \"Internal server error\".");
        error.putObject("content").putObject(MediaType.APPLICATION_JSON).putObject("schema").put("$ref", "#/components/schemas/Error");
        components.putObject("securitySchemes").putObject("bearer")
                .put("type", "http")
                .put("scheme", "bearer")
                .put("description", "A JWT access token from /api/v1/auth/login, an API key (ara_...) or the admin token."
                        + " Routes that need one answer 401 without it and 403 when its role lacks the permission.");
        // Either a bearer token or none: which routes are public is decided per request, not declared per route.
        doc.putArray("security").add(mapper.createObjectNode().set("bearer", mapper.createArrayNode())).add(mapper.createObjectNode());
        doc.set("paths", sorted(paths));
        return doc;
    }

    private void addResource(ObjectNode paths, Class<?> resource) {
        Path base = resource.getAnnotation(Path.class);
        String tag = resource.getSimpleName().replaceFirst("Resource$", "");
        Method[] methods = resource.getMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName).thenComparing(Method::toGenericString));
        for (Method method : methods) {
            String verb = httpMethod(method);
            if (verb == null || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            Path sub = method.getAnnotation(Path.class);
            for (String path : templates(base == null ? "" : base.value(), sub == null ? "" : sub.value())) {
                ObjectNode item = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
                item.set(verb.toLowerCase(Locale.ROOT), operation(resource, method, tag, path));
            }
        }
    }

    private ObjectNode operation(Class<?> resource, Method method, String tag, String path) {
        ObjectNode op = mapper.createObjectNode();
        op.putArray("tags").add(tag);
        op.put("summary", sentence(method.getName()));
        op.put("operationId", operationId(tag, method.getName()));
        ArrayNode parameters = mapper.createArrayNode();
        Type body = null;
        for (Parameter p : method.getParameters()) {
            if (p.isAnnotationPresent(Context.class)) {
                continue;
            }
            ObjectNode param = parameter(p, path);
            if (param != null) {
                parameters.add(param);
            } else if (!hasAnyJaxRsParam(p)) {
                body = p.getParameterizedType();
            }
        }
        if (!parameters.isEmpty()) {
            op.set("parameters", parameters);
        }
        if (body != null) {
            ObjectNode requestBody = op.putObject("requestBody");
            requestBody.put("required", true);
            ObjectNode content = requestBody.putObject("content");
            for (String type : mediaTypes(method.getAnnotation(Consumes.class), resource.getAnnotation(Consumes.class))) {
                content.putObject(type).set("schema", schemas.of(body));
            }
        }
        ObjectNode responses = op.putObject("responses");
        Type result = unwrapAsync(method.getGenericReturnType());
        if (result == void.class || result == Void.class) {
            responses.putObject("204").put("description", "No content");
        } else {
            ObjectNode ok = responses.putObject("200");
            ok.put("description", "OK");
            ObjectNode content = ok.putObject("content");
            for (String type : mediaTypes(method.getAnnotation(Produces.class), resource.getAnnotation(Produces.class))) {
                ObjectNode media = content.putObject(type);
                if (result == Response.class || result == StreamingOutput.class || !type.contains("json")) {
                    media.set("schema", result == Response.class && type.contains("json")
                            ? mapper.createObjectNode() : mapper.createObjectNode().put("type", "string"));
                } else {
                    media.set("schema", schemas.of(result));
                }
            }
        }
        responses.putObject("4XX").put("$ref", ERROR_REF);
        responses.putObject("5XX").put("$ref", ERROR_REF);
        return op;
    }

    private ObjectNode parameter(Parameter p, String path) {
        String in;
        String name;
        if (p.isAnnotationPresent(PathParam.class)) {
            in = "path";
            name = p.getAnnotation(PathParam.class).value();
        } else if (p.isAnnotationPresent(QueryParam.class)) {
            in = "query";
            name = p.getAnnotation(QueryParam.class).value();
        } else if (p.isAnnotationPresent(HeaderParam.class)) {
            in = "header";
            name = p.getAnnotation(HeaderParam.class).value();
        } else {
            return null;
        }
        ObjectNode param = mapper.createObjectNode();
        param.put("name", name);
        param.put("in", in);
        param.put("required", in.equals("path"));
        ObjectNode schema = schemas.of(p.getParameterizedType());
        DefaultValue fallback = p.getAnnotation(DefaultValue.class);
        if (fallback != null) {
            schema = schema.deepCopy();
            if ("integer".equals(schema.path("type").asText())) {
                schema.put("default", Long.parseLong(fallback.value()));
            } else {
                schema.put("default", fallback.value());
            }
        }
        param.set("schema", schema);
        return param;
    }

    private static boolean hasAnyJaxRsParam(Parameter p) {
        for (Annotation a : p.getAnnotations()) {
            if (a.annotationType().getPackageName().equals("jakarta.ws.rs")) {
                return true;
            }
        }
        return false;
    }

    private ObjectNode errorSchema() {
        ObjectNode schema = mapper.createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("error").put("type", "string");
        properties.putObject("code").put("type", "string");
        properties.putObject("trace_id").put("type", "string");
        properties.putObject("errors").put("type", "array");
        schema.putArray("required").add("error");
        return schema;
    }

    private static String httpMethod(Method method) {
        for (Annotation a : method.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static Type unwrapAsync(Type type) {
        if (type instanceof ParameterizedType p && CompletionStage.class.isAssignableFrom((Class<?>) p.getRawType())) {
            return p.getActualTypeArguments()[0];
        }
        return type;
    }

    private static String[] mediaTypes(Annotation onMethod, Annotation onClass) {
        Annotation chosen = onMethod != null ? onMethod : onClass;
        if (chosen instanceof Produces p) {
            return p.value();
        }
        if (chosen instanceof Consumes c) {
            return c.value();
        }
        return new String[] {MediaType.APPLICATION_JSON};
    }

    /**
     * The paths one resource method answers. An optional literal segment written as a template
     * parameter, {@code api{v: (/v1)?}/debates}, is the API's way to serve a route under both
     * {@code /api} and {@code /api/v1}: it becomes both paths.
     */
    static List<String> templates(String base, String sub) {
        String joined = template(base, sub);
        Matcher optional = OPTIONAL_SEGMENT.matcher(joined);
        if (!optional.find()) {
            return List.of(joined);
        }
        List<String> paths = new ArrayList<>();
        String without = joined.substring(0, optional.start()) + joined.substring(optional.end());
        String with = joined.substring(0, optional.start()) + optional.group(1) + joined.substring(optional.end());
        paths.addAll(templates(without, ""));
        paths.addAll(templates(with, ""));
        return paths;
    }

    /** Class and method paths joined, regular expressions in parameters dropped: {@code /api/v1/debates/{id}}. */
    static String template(String base, String sub) {
        String joined = ("/" + base + "/" + sub).replaceAll("/+", "/");
        if (joined.length() > 1 && joined.endsWith("/")) {
            joined = joined.substring(0, joined.length() - 1);
        }
        if (OPTIONAL_SEGMENT.matcher(joined).find()) {
            return joined;
        }
        return joined.replaceAll("\\{\\s*([A-Za-z0-9_.-]+)\\s*:[^}]*}", "{$1}");
    }

    /** {@code listDebates} becomes "List debates". */
    static String sentence(String camel) {
        String words = camel.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private String operationId(String tag, String method) {
        String id = Character.toLowerCase(tag.charAt(0)) + tag.substring(1) + "_" + method;
        String unique = id;
        for (int i = 2; !operationIds.add(unique); i++) {
            unique = id + "_" + i;
        }
        return unique;
    }

    /** Stable output: the same resources always give the same bytes. */
    private ObjectNode sorted(ObjectNode node) {
        ObjectNode out = mapper.createObjectNode();
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        keys.sort(null);
        for (String key : keys) {
            out.set(key, node.get(key));
        }
        return out;
    }
}
