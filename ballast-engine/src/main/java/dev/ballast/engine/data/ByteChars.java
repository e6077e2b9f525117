package dev.ballast.engine.data;

import java.nio.charset.StandardCharsets;

/**
 * A {@link CharSequence} view of a byte buffer, one char per byte, so fields can be handed to
 * {@code FixedPoint.parse(CharSequence, int, int)} by absolute offsets without copying or decoding.
 * Non-ASCII bytes map to chars above 127, which no number parser accepts. Not thread-safe.
 */
final class ByteChars implements CharSequence {
    private byte[] bytes;

    void reset(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public int length() {
        return bytes.length;
    }

    @Override
    public char charAt(int index) {
        return (char) (bytes[index] & 0xFF);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
