package ai.aragora.openapi;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The schemas of Java types as the API's JSON writes them: snake_case properties, enums by their
 * wire names. A record becomes a component of the document, referred to by its simple name (its
 * full name when two share one); one instance gathers the components of one document.
 */
final class JsonSchemas {

    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private final ObjectMapper mapper;
    private final ObjectNode components;
    private final Map<Class<?>, String> names = new HashMap<>();

    JsonSchemas(ObjectMapper mapper) {
        this.mapper = mapper;
        this.components = mapper.createObjectNode();
    }

    /** The records' schemas met so far, by name. */
    ObjectNode components() {
        return components;
    }

    ObjectNode of(Type type) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                ObjectNode array = mapper.createObjectNode().put("type", "array");
                array.set("items", of(args[0]));
                return array;
            }
            if (Map.class.isAssignableFrom(raw)) {
                ObjectNode object = mapper.createObjectNode().put("type", "object");
                if (args[1] != Object.class) {
                    object.set("additionalProperties", of(args[1]));
                }
                return object;
            }
            if (raw == Optional.class || CompletionStage.class.isAssignableFrom(raw)) {
                return of(args[0]);
            }
            return of(raw);
        }
        if (!(type instanceof Class<?> c)) {
            return mapper.createObjectNode();
        }
        if (c == String.class || c == char.class || c == Character.class) {
            return mapper.createObjectNode().put("type", "string");
        }
        if (c == int.class || c == Integer.class || c == short.class || c == Short.class || c == byte.class || c == Byte.class) {
            return mapper.createObjectNode().put("type", "integer").put("format", "int32");
        }
        if (c == long.class || c == Long.class || c == BigInteger.class) {
            return mapper.createObjectNode().put("type", "integer").put("format", "int64");
        }
        if (c == double.class || c == Double.class || c == float.class || c == Float.class || c == BigDecimal.class) {
            return mapper.createObjectNode().put("type", "number");
        }
        if (c == boolean.class || c == Boolean.class) {
            return mapper.createObjectNode().put("type", "boolean");
        }
        if (c == Instant.class || c == OffsetDateTime.class) {
            return mapper.createObjectNode().put("type", "string").put("format", "date-time");
        }
        if (c == LocalDate.class) {
            return mapper.createObjectNode().put("type", "string").put("format", "date");
        }
        if (c == Duration.class) {
            return mapper.createObjectNode().put("type", "string").put("format", "duration");
        }
        if (c == UUID.class) {
            return mapper.createObjectNode().put("type", "string").put("format", "uuid");
        }
        if (c.isEnum()) {
            ObjectNode e = mapper.createObjectNode().put("type", "string");
            ArrayNode values = e.putArray("enum");
            for (Object constant : c.getEnumConstants()) {
                values.add(wireName((Enum<?>) constant));
            }
            return e;
        }
        if (c.isArray()) {
            ObjectNode array = mapper.createObjectNode().put("type", "array");
            array.set("items", of(c.getComponentType()));
            return array;
        }
        if (c.isRecord()) {
            return mapper.createObjectNode().put("$ref", "#/components/schemas/" + recordSchema(c));
        }
        if (Map.class.isAssignableFrom(c) || c.getName().startsWith("com.fasterxml.jackson.databind.node")) {
            return mapper.createObjectNode().put("type", "object");
        }
        if (Collection.class.isAssignableFrom(c)) {
            return mapper.createObjectNode().put("type", "array");
        }
        return mapper.createObjectNode();
    }

    private String recordSchema(Class<?> record) {
        String known = names.get(record);
        if (known != null) {
            return known;
        }
        String name = record.getSimpleName();
        if (names.containsValue(name)) {
            name = record.getName().replace('.', '_').replace('$', '_');
        }
        names.put(record, name);
        ObjectNode schema = mapper.createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = mapper.createArrayNode();
        for (RecordComponent component : record.getRecordComponents()) {
            String property = SNAKE.translate(component.getName());
            properties.set(property, of(component.getGenericType()));
            required.add(property);
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        components.set(name, schema);
        return name;
    }

    private static String wireName(Enum<?> constant) {
        try {
            Method wire = constant.getClass().getMethod("wire");
            if (wire.getReturnType() == String.class) {
                return (String) wire.invoke(constant);
            }
        } catch (ReflectiveOperationException ignored) {
            // no wire name: fall back to the lower-case constant
        }
        return constant.name().toLowerCase(Locale.ROOT);
    }
}
