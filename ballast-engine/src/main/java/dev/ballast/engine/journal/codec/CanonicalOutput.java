package dev.ballast.engine.journal.codec;

import dev.ballast.model.Money;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;

import java.util.Arrays;

/**
 * A growable byte buffer that {@link RecordCodec} writes a canonical payload into directly: variable-length whole
 * numbers, length-prefixed UTF-8 and fixed-width IEEE bits, and per {@link PayloadLayout} the value of a component
 * laid out so (the {@code put} methods named after the layouts, which the shapes' parts and the generated encoders
 * both call). Reused across records by its owner (the writer thread, or the engine thread for what it encodes
 * itself); not thread-safe.
 */
public final class CanonicalOutput {
    /** Each enum's constant names, laid out as strings, by ordinal. */
    private static final ClassValue<byte[][]> ENUM_NAMES = new ClassValue<>() {
        @Override
        protected byte[][] computeValue(Class<?> type) {
            Object[] constants = type.getEnumConstants();
            byte[][] names = new byte[constants.length][];
            for (Object c : constants) {
                CanonicalOutput name = new CanonicalOutput(16);
                name.putNullableString(((Enum<?>) c).name());
                names[((Enum<?>) c).ordinal()] = name.toByteArray();
            }
            return names;
        }
    };

    private byte[] bytes;
    private int length;

    public CanonicalOutput(int capacity) {
        bytes = new byte[capacity];
    }

    int length() {
        return length;
    }

    public void reset() {
        length = 0;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }

    void put(byte b) {
        ensure(1);
        bytes[length++] = b;
    }

    /** Bytes prepared in advance (enum names with their length, record names). */
    void put(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, length, b.length);
        length += b.length;
    }

    /** {@code v} as an unsigned LEB128 varint: 7 bits a byte, low bits first, the high bit set on all but the last. */
    void putVarint(long v) {
        ensure(10);
        while ((v & ~0x7fL) != 0) {
            bytes[length++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        bytes[length++] = (byte) v;
    }

    /** A signed whole number, zigzag mapped (0, -1, 1, -2, ... to 0, 1, 2, 3, ...) so that small negatives stay short. */
    void putSigned(long v) {
        putVarint((v << 1) ^ (v >> 63));
    }

    void putLong64(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) bytes[length++] = (byte) (v >>> shift);
    }

    void putInt32(int v) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) bytes[length++] = (byte) (v >>> shift);
    }

    /**
     * A nullable string: varint (UTF-8 length + 1), 0 for null, then the UTF-8 bytes as {@code String.getBytes(UTF_8)}
     * gives them (an unpaired surrogate becomes '?').
     */
    void putNullableString(String s) {
        if (s == null) {
            put((byte) 0);
            return;
        }
        putVarint(utf8Length(s) + 1L);
        putUtf8(s);
    }

    /** A string that is never null: varint UTF-8 length, then the bytes. */
    void putString(String s) {
        putVarint(utf8Length(s));
        putUtf8(s);
    }

    private static int utf8Length(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) continue;
            if (c < 0x800) {
                bytes += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 2; // two chars, four bytes
                i++;
            } else if (!Character.isSurrogate(c)) {
                bytes += 2;
            } // a lone surrogate is one '?'
        }
        return bytes;
    }

    private void putUtf8(String s) {
        int n = s.length();
        ensure(3 * n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes[length++] = (byte) c;
            } else if (c < 0x800) {
                bytes[length++] = (byte) (0xc0 | (c >> 6));
                bytes[length++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                bytes[length++] = (byte) (0xf0 | (cp >> 18));
                bytes[length++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                bytes[length++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                bytes[length++] = (byte) (0x80 | (cp & 0x3f));
            } else if (Character.isSurrogate(c)) {
                bytes[length++] = '?';
            } else {
                bytes[length++] = (byte) (0xe0 | (c >> 12));
                bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                bytes[length++] = (byte) (0x80 | (c & 0x3f));
            }
        }
    }

    // ---- a component's value by its layout (PayloadLayout)

    /** The presence byte of a nullable record or fixed-point value: 0 for null, else 1; returns whether present. */
    boolean putPresence(Object value) {
        put(value == null ? (byte) 0 : (byte) 1);
        return value != null;
    }

    /** An enum constant by name, laid out as a nullable string. */
    void putEnum(Enum<?> value) {
        if (value == null) put((byte) 0);
        else put(ENUM_NAMES.get(value.getDeclaringClass())[value.ordinal()]);
    }

    void putPrice(Price value) {
        if (putPresence(value)) putSigned(value.raw());
    }

    void putQuantity(Quantity value) {
        if (putPresence(value)) putSigned(value.raw());
    }

    void putMoney(Money value) {
        if (putPresence(value)) putSigned(value.raw());
    }

    void putDouble(double value) {
        putLong64(Double.doubleToLongBits(value));
    }

    void putFloat(float value) {
        putInt32(Float.floatToIntBits(value));
    }

    void putBoolean(boolean value) {
        put(value ? (byte) 1 : (byte) 0);
    }

    void putChar(char value) {
        putVarint(value);
    }
}
