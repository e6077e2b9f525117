package dev.ballast.adapter.alpaca;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;

import java.io.UncheckedIOException;

/**
 * Alpaca's JSON, read without floating point: Alpaca sends prices and quantities as strings ("187.2345"), which are
 * parsed straight into fixed point; a bare JSON number is kept as an exact {@code BigDecimal} and read from its
 * plain text. Stateless and thread-safe.
 */
final class AlpacaJson {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private AlpacaJson() {}

    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AlpacaProtocolException("Alpaca sent text that is not JSON: " + e.getOriginalMessage());
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** The field's text, or {@code null} when it is absent or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return null;
        return value.isNumber() ? value.decimalValue().toPlainString() : value.asText();
    }

    static String requiredText(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isEmpty()) {
            throw new AlpacaProtocolException("Alpaca sent no '" + field + "' in " + abbreviated(node));
        }
        return value;
    }

    static Price price(JsonNode node, String field) {
        String value = text(node, field);
        return value == null || value.isEmpty() ? null : parsePrice(field, value);
    }

    static Price requiredPrice(JsonNode node, String field) {
        return parsePrice(field, requiredText(node, field));
    }

    static Quantity quantity(JsonNode node, String field) {
        String value = text(node, field);
        return value == null || value.isEmpty() ? null : parseQuantity(field, value);
    }

    static Quantity requiredQuantity(JsonNode node, String field) {
        return parseQuantity(field, requiredText(node, field));
    }

    private static Price parsePrice(String field, String value) {
        try {
            return Price.of(value);
        } catch (NumberFormatException e) {
            throw notADecimal(field, value, e);
        }
    }

    private static Quantity parseQuantity(String field, String value) {
        try {
            return Quantity.of(value);
        } catch (NumberFormatException e) {
            throw notADecimal(field, value, e);
        }
    }

    private static AlpacaProtocolException notADecimal(String field, String value, NumberFormatException e) {
        return new AlpacaProtocolException("Alpaca sent '" + field + "' = '" + value + "': " + e.getMessage());
    }

    /** The node as text, cut short for an error message. */
    static String abbreviated(JsonNode node) {
        String text = node.toString();
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
