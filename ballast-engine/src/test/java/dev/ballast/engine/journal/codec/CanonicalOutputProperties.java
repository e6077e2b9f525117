package dev.ballast.engine.journal.codec;

import dev.ballast.model.Price;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CanonicalOutput's varints, zigzag numbers and UTF-8 strings read back through {@link PayloadReader} as what was
 * written: any long, any fixed-point value, any string (with lone surrogates as '?', as {@code String.getBytes(UTF_8)}
 * writes them), each in as few bytes as its layout promises.
 */
class CanonicalOutputProperties {
    record Whole(long value) {
    }

    record Amount(Price value) {
    }

    record Text(String value) {
    }

    @Property(tries = 2000)
    void longsRoundTripInAtMostTenBytes(@ForAll long v) {
        byte[] bytes = RecordCodec.encode(new Whole(v));
        assertThat(bytes.length).isLessThanOrEqualTo(10);
        if (v >= -64 && v < 64) assertThat(bytes).hasSize(1);
        assertThat(read(Whole.class, bytes)).isEqualTo(Long.toString(v));
    }

    @Property(tries = 2000)
    void fixedPointRoundTrips(@ForAll("raws") long raw) {
        byte[] bytes = RecordCodec.encode(new Amount(Price.ofRaw(raw)));
        assertThat(new RecordDecoder(Amount.class).decode("Amount", bytes)).isEqualTo(new Amount(Price.ofRaw(raw)));
    }

    @Provide
    Arbitrary<Long> raws() {
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(-1_000_000_000L, 1_000_000_000L),
                Arbitraries.longs().between(-100_000L, 100_000L).map(units -> units * 100_000_000L),
                Arbitraries.of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 100_000_000L, -50_000_000L));
    }

    @Property(tries = 2000)
    void stringsAreTheirUtf8WithTheirLength(@ForAll("texts") String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = RecordCodec.encode(new Text(s));
        assertThat(bytes).endsWith(utf8);
        assertThat(((Text) new RecordDecoder(Text.class).decode("Text", bytes)).value())
                .isEqualTo(new String(utf8, StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withChars("\"\\\n\r\t\u0000\u0001\u001f\u007f aZ\u00e9\u20ac\ud83d\ude00\ud800\udc00")
                        .ofMaxLength(40));
    }

    private static String read(Class<?> type, byte[] bytes) {
        return ((CanonicalNode.ScalarNode) PayloadReader.read(type, bytes, name -> null).fields().getFirst().value()).token();
    }
}
