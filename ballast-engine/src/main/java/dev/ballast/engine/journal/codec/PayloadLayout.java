package dev.ballast.engine.journal.codec;

import dev.ballast.model.Money;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;

/**
 * How a record component is laid out in a canonical payload, chosen by the component's declared type. The writer
 * ({@link RecordShape}) and the reader ({@link PayloadReader}) both ask {@link #of}, so they cannot disagree; the
 * layouts and tags are those of {@link RecordCodec}'s format.
 */
enum PayloadLayout {
    /** long, int, short, byte: zigzag varint. */
    SIGNED,
    /** double: its IEEE 754 bits ({@code doubleToLongBits}, so every NaN is the same), 8 bytes big-endian. */
    DOUBLE,
    /** float: {@code floatToIntBits}, 4 bytes big-endian. */
    FLOAT,
    /** boolean: one byte, 0 or 1. */
    BOOLEAN,
    /** char: varint of its UTF-16 value. */
    CHAR,
    /** String: varint (UTF-8 length + 1), 0 for null, then the bytes. */
    STRING,
    /** An enum: its name, laid out as a string. */
    ENUM,
    /** Price, Quantity, Money: one byte, 0 for null or 1, then the zigzag varint of the raw fixed-point value. */
    FIXED_POINT,
    /** A record class: one byte, 0 for null or 1, then its components. */
    RECORD,
    /** Anything else (boxes, times, decimals, lists, maps, interfaces, Object): a tagged value. */
    TAGGED;

    // Tags of a tagged value (the byte before it).
    static final byte NULL = 0;
    static final byte STRING_TAG = 1;
    static final byte INTEGER = 2;
    static final byte DOUBLE_TAG = 3;
    static final byte FLOAT_TAG = 4;
    static final byte FALSE = 5;
    static final byte TRUE = 6;
    static final byte ENUM_TAG = 7;
    static final byte FIXED_POINT_TAG = 8;
    static final byte DECIMAL = 9;
    static final byte RECORD_TAG = 10;
    static final byte LIST = 11;
    static final byte MAP = 12;
    static final byte INSTANT = 13;
    static final byte DATE = 14;

    static PayloadLayout of(Class<?> declared) {
        if (declared == long.class || declared == int.class || declared == short.class || declared == byte.class) {
            return SIGNED;
        }
        if (declared == double.class) return DOUBLE;
        if (declared == float.class) return FLOAT;
        if (declared == boolean.class) return BOOLEAN;
        if (declared == char.class) return CHAR;
        if (declared == String.class) return STRING;
        if (declared.isEnum()) return ENUM;
        if (declared == Price.class || declared == Quantity.class || declared == Money.class) return FIXED_POINT;
        if (declared.isRecord()) return RECORD;
        return TAGGED;
    }
}
