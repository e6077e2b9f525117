package dev.ballast.engine.journal;

import java.util.Arrays;

/**
 * A growable byte buffer that {@link RecordCodec} writes canonical UTF-8 text into directly, without a
 * {@code String} or {@code StringBuilder} in between. Reused across records by its owner (the writer thread);
 * not thread-safe.
 */
final class CanonicalOutput {
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    private static final long FIXED_POINT_SCALE = 100_000_000L;

    private byte[] bytes;
    private int length;

    CanonicalOutput(int capacity) {
        bytes = new byte[capacity];
    }

    int length() {
        return length;
    }

    void reset() {
        length = 0;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }

    void put(byte b) {
        ensure(1);
        bytes[length++] = b;
    }

    /** Bytes prepared in advance (labels, names). */
    void put(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, length, b.length);
        length += b.length;
    }

    void putNull() {
        put(NULL);
    }

    void putBoolean(boolean b) {
        put(b ? TRUE : FALSE);
    }

    /** Text known to be ASCII ({@code Double.toString}, {@code Instant.toString}). */
    void putAscii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) bytes[length++] = (byte) s.charAt(i);
    }

    /** As {@code Long.toString(v)}. */
    void putLong(long v) {
        if (v == Long.MIN_VALUE) {
            putAscii("-9223372036854775808");
            return;
        }
        ensure(20);
        if (v < 0) {
            bytes[length++] = '-';
            v = -v;
        }
        putDigits(v, digits(v));
    }

    private static int digits(long v) {
        int n = 1;
        for (long limit = 10; n < 19 && v >= limit; limit *= 10) n++;
        return n;
    }

    /** Writes non-negative {@code v} as exactly {@code count} digits (leading zeros kept), two digits a division. */
    private void putDigits(long v, int count) {
        int end = length + count;
        int i = end;
        while (i - length >= 2) {
            int pair = (int) (v % 100);
            v /= 100;
            bytes[--i] = (byte) ('0' + pair % 10);
            bytes[--i] = (byte) ('0' + pair / 10);
        }
        if (i > length) bytes[--i] = (byte) ('0' + (int) (v % 10));
        length = end;
    }

    /**
     * As {@code FixedPoint.format(raw)} (Price, Quantity, Money): plain decimal of raw / 10^8 with no exponent and
     * no trailing zeros, "0" for zero, a '-' for negatives ("101.25", "3", "-0.5", "0.00000001").
     */
    void putFixedPoint(long raw) {
        ensure(22);
        // Division truncates toward zero, so both parts are non-positive for a negative raw: negate them
        // separately (Long.MIN_VALUE itself cannot be negated).
        long units = raw / FIXED_POINT_SCALE;
        long fraction = raw % FIXED_POINT_SCALE;
        if (raw < 0) {
            bytes[length++] = '-';
            units = -units;
            fraction = -fraction;
        }
        putDigits(units, digits(units));
        if (fraction == 0) return;
        int places = 8;
        while (fraction % 10 == 0) {
            fraction /= 10;
            places--;
        }
        bytes[length++] = '.';
        putDigits(fraction, places);
    }

    /**
     * {@code s} quoted: '"' and '\' escaped with a backslash, \n \r \t as such, other control characters as
     * {@code \\uXXXX} (lower-case hex), everything else UTF-8 encoded as {@code String.getBytes(UTF_8)} does (an
     * unpaired surrogate becomes '?').
     */
    void putQuoted(String s) {
        int n = s.length();
        // The most any char takes: 6 bytes escaped; 3 encoded (4 for a surrogate pair, which is two chars).
        ensure(6 * n + 2);
        bytes[length++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                bytes[length++] = (byte) c;
            } else if (c < 0x80) {
                escape(c);
            } else {
                i = putNonAscii(s, i, c);
            }
        }
        bytes[length++] = '"';
    }

    private void escape(char c) {
        bytes[length++] = '\\';
        switch (c) {
            case '"' -> bytes[length++] = '"';
            case '\\' -> bytes[length++] = '\\';
            case '\n' -> bytes[length++] = 'n';
            case '\r' -> bytes[length++] = 'r';
            case '\t' -> bytes[length++] = 't';
            default -> {
                bytes[length++] = 'u';
                bytes[length++] = '0';
                bytes[length++] = '0';
                bytes[length++] = HEX[c >> 4];
                bytes[length++] = HEX[c & 0xf];
            }
        }
    }

    /** Text whose characters need no escaping (enum names), UTF-8 encoded. */
    void putUtf8(String s) {
        ensure(3 * s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) bytes[length++] = (byte) c;
            else i = putNonAscii(s, i, c);
        }
    }

    /**
     * Encodes the character at {@code i} (>= 0x80) and returns the index of the last char consumed; the caller has
     * made room for 3 bytes a char.
     */
    private int putNonAscii(String s, int i, char c) {
        if (c < 0x800) {
            bytes[length++] = (byte) (0xc0 | (c >> 6));
            bytes[length++] = (byte) (0x80 | (c & 0x3f));
        } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            int cp = Character.toCodePoint(c, s.charAt(i + 1));
            bytes[length++] = (byte) (0xf0 | (cp >> 18));
            bytes[length++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
            bytes[length++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
            bytes[length++] = (byte) (0x80 | (cp & 0x3f));
            return i + 1;
        } else if (Character.isSurrogate(c)) {
            bytes[length++] = '?';
        } else {
            bytes[length++] = (byte) (0xe0 | (c >> 12));
            bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3f));
            bytes[length++] = (byte) (0x80 | (c & 0x3f));
        }
        return i;
    }
}
