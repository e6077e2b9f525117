package dev.ballast.runtime.plan;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jackson's mapping errors said in the user's terms, for every file Ballast reads (run configurations,
 * strategy documents): the key path of the offending value ({@code strategies[0].params.fast}) and what
 * was expected ("expected a number, got String "lots""). Stateless.
 */
public final class JacksonErrors {
    private static final Pattern WRONG_TYPE = Pattern.compile(
            "Cannot (?:deserialize|construct instance of|coerce) .*?`([\\w.$<>, ]+)`.*?from (\\w+(?: value)?)(?: \\(?([^:)]*)\\)?)?.*",
            Pattern.DOTALL);
    private static final Pattern FRACTION_FOR_WHOLE = Pattern.compile(
            "Cannot coerce Floating-point value \\(([^)]*)\\) to `(?:java\\.lang\\.)?(?:Integer|Long|int|long)`.*", Pattern.DOTALL);

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate (?:field|Object property) '(.*)'", Pattern.DOTALL);

    private JacksonErrors() {}

    /**
     * The key of a duplicate-key error ({@code STRICT_DUPLICATE_DETECTION}) as the path of the second
     * occurrence ({@code run.initialCash}), or null when {@code e} is about something else.
     */
    public static String duplicateKey(JsonProcessingException e) {
        // a duplicate met while binding a nested value arrives wrapped in a JsonMappingException with its path
        JsonProcessingException cause = e;
        while (cause.getCause() instanceof JsonProcessingException inner && cause != inner) cause = inner;
        Matcher matcher = DUPLICATE.matcher(String.valueOf(cause.getOriginalMessage()));
        if (!matcher.matches()) return null;
        String key = matcher.group(1);
        String section = "";
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            section = path(mapping, "");
        } else if (cause.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null) {
            section = sectionPath(parser.getParsingContext().getParent());
        }
        return section.isEmpty() ? key : section + "." + key;
    }

    /** "KEY: duplicate key; ..." for the error of a duplicate key, given its path. */
    public static String duplicateKeyMessage(String keyPath) {
        return keyPath + ": duplicate key; each key may be given once (a second one would silently replace the first)";
    }

    private static String sectionPath(JsonStreamContext context) {
        if (context == null || context.inRoot()) return "";
        String parent = sectionPath(context.getParent());
        if (context.inArray()) return parent + "[" + Math.max(0, context.getCurrentIndex()) + "]";
        String name = context.getCurrentName();
        if (name == null) return parent;
        return parent.isEmpty() ? name : parent + "." + name;
    }

    /** The path of the value the error is about, {@code whenEmpty} at the top level. */
    public static String path(JsonMappingException e, String whenEmpty) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) path.append('.');
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? whenEmpty : path.toString();
    }

    /** The path of the section holding the value the error is about, {@code whenTop} at the top level. */
    public static String parentPath(JsonMappingException e, String whenTop) {
        String full = path(e, "");
        int cut = full.lastIndexOf('.');
        return cut < 0 ? whenTop : full.substring(0, cut);
    }

    /** A type error in the user's terms: "expected a number, got String "lots"". */
    public static String plain(String message) {
        if (message == null) return "";
        Matcher fraction = FRACTION_FOR_WHOLE.matcher(message);
        if (fraction.matches()) return "expected a whole number, got " + fraction.group(1);
        Matcher matcher = WRONG_TYPE.matcher(message);
        if (!matcher.matches()) return firstLine(message.replaceAll(" \\(class [^)]*\\)", ""));
        String type = matcher.group(1).replaceAll("<.*", "");
        String expected = switch (type.substring(type.lastIndexOf('.') + 1)) {
            case "BigDecimal", "Long", "Integer", "long", "int", "Double", "double" -> "a number";
            case "Boolean", "boolean" -> "true or false";
            case "List", "ArrayList" -> "a list ([a, b])";
            case "String" -> "a single value (text)";
            case "Map", "LinkedHashMap" -> "a mapping (key: value)";
            default -> "a " + type.substring(type.lastIndexOf('$') + 1) + " section (key: value lines)";
        };
        String got = matcher.group(3) == null || matcher.group(3).isBlank() || matcher.group(3).contains("token")
                ? matcher.group(2).replace(" value", "").toLowerCase(Locale.ROOT) : matcher.group(3).trim();
        return "expected " + expected + ", got " + got;
    }

    private static String firstLine(String message) {
        int cut = message.indexOf('\n');
        return (cut < 0 ? message : message.substring(0, cut)).trim();
    }
}
