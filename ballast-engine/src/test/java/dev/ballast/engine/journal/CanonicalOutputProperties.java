package dev.ballast.engine.journal;

import dev.ballast.model.FixedPoint;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CanonicalOutput writes bytes directly; these check them against the renderings the format is defined by
 * ({@code Long.toString}, {@code FixedPoint.format}, string escaping then {@code String.getBytes(UTF_8)}).
 */
class CanonicalOutputProperties {
    @Property(tries = 2000)
    void longsAsLongToString(@ForAll long v) {
        CanonicalOutput out = new CanonicalOutput(1);
        out.putLong(v);
        assertThat(out.toByteArray()).isEqualTo(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
    }

    @Property(tries = 2000)
    void fixedPointAsFixedPointFormat(@ForAll("raws") long raw) {
        CanonicalOutput out = new CanonicalOutput(1);
        out.putFixedPoint(raw);
        assertThat(new String(out.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo(FixedPoint.format(raw));
    }

    @Provide
    Arbitrary<Long> raws() {
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(-1_000_000_000L, 1_000_000_000L),
                Arbitraries.longs().between(-100_000L, 100_000L).map(units -> units * 100_000_000L),
                Arbitraries.of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 100_000_000L, -50_000_000L));
    }

    @Property(tries = 2000)
    void quotedStringsAsEscapedThenUtf8(@ForAll("texts") String s) {
        CanonicalOutput out = new CanonicalOutput(1);
        out.putQuoted(s);
        assertThat(out.toByteArray()).isEqualTo(quoted(s).getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withChars("\"\\\n\r\t\u0000\u0001\u001f\u007f aZ\u00e9\u20ac\ud83d\ude00\ud800\udc00")
                        .ofMaxLength(40));
    }

    /** The format's definition of a quoted string, as text. */
    private static String quoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }
}
