package dev.ballast.runtime.plan;

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

    private JacksonErrors() {}

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
