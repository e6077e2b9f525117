package dev.ballast.adapter.fix;

import dev.ballast.model.FixedPoint;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import quickfix.FieldMap;
import quickfix.FieldNotFound;

/**
 * Reads decimal fields straight from their text into fixed point (no {@code double} on the way), and says which
 * field was bad when one is. Stateless.
 */
final class FixFields {
    private FixFields() {
    }

    static Quantity quantity(FieldMap message, int tag) throws FieldNotFound {
        return Quantity.ofRaw(fixedPoint(message, tag));
    }

    static Price price(FieldMap message, int tag) throws FieldNotFound {
        return Price.ofRaw(fixedPoint(message, tag));
    }

    static Quantity quantityOrNull(FieldMap message, int tag) throws FieldNotFound {
        return message.isSetField(tag) ? quantity(message, tag) : null;
    }

    static Price priceOrNull(FieldMap message, int tag) throws FieldNotFound {
        return message.isSetField(tag) ? price(message, tag) : null;
    }

    static String textOr(FieldMap message, int tag, String fallback) throws FieldNotFound {
        return message.isSetField(tag) ? message.getString(tag) : fallback;
    }

    private static long fixedPoint(FieldMap message, int tag) throws FieldNotFound {
        String text = message.getString(tag);
        try {
            return FixedPoint.parse(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("field " + tag + " is not a decimal number: '" + text + "'");
        }
    }
}
