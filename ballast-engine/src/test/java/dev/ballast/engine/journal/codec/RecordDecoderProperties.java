package dev.ballast.engine.journal.codec;

import java.util.Arrays;
import dev.ballast.engine.journal.store.JournalException;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Money;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Fill;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.util.List;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Decoding inverts encoding for any string (quotes, backslashes, control characters, non-ASCII) and any decimal. */
class RecordDecoderProperties {
    private final RecordDecoder decoder = new RecordDecoder();

    @Provide
    Arbitrary<String> awkwardStrings() {
        // Whole code points, not lone surrogates: UTF-8 cannot carry those (they are journaled as '?').
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("\"\\\n\r\t\u0000\u001f\u007f,={}[]ü aZ").ofMaxLength(30),
                Arbitraries.of("😀", "\\u0041", "null", "Fill{", "\"\"").list().ofMaxSize(5).map(l -> String.join("", l)),
                Arbitraries.strings().all().ofMaxLength(30).filter(RecordDecoderProperties::wellFormed));
    }

    private static boolean wellFormed(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(s);
    }

    @Property
    void stringsAndDecimalsRoundTrip(@ForAll("awkwardStrings") String tradeId, @ForAll long quantityRaw,
                                     @ForAll long priceRaw, @ForAll long commissionRaw, @ForAll long timestamp) {
        Fill fill = new Fill(ClientOrderId.of("x-1"), tradeId, Symbol.of("S"), OrderSide.BUY, Quantity.ofRaw(quantityRaw),
                Price.ofRaw(priceRaw), Money.ofRaw(commissionRaw), timestamp);
        byte[] bytes = RecordCodec.encode(fill);

        Record decoded = decoder.decode("Fill", bytes);

        assertThat(decoded).isEqualTo(fill);
        assertThat(RecordCodec.encode(decoded)).isEqualTo(bytes);
    }

    record Ratio(BigDecimal value) {
    }

    @Property
    void bigDecimalsKeepTheirExactText(@ForAll BigDecimal value) {
        byte[] bytes = RecordCodec.encode(new Ratio(value));
        Record decoded = new RecordDecoder(Ratio.class).decode("Ratio", bytes);
        assertThat(((Ratio) decoded).value()).isEqualByComparingTo(value);
        assertThat(RecordCodec.encode(decoded)).isEqualTo(bytes);
    }

    @Provide
    Arbitrary<Record> samples() {
        return Arbitraries.of(List.copyOf(JournalSamples.all().values()));
    }

    /**
     * A damaged or hostile payload (bytes flipped, cut, inserted) is either still a valid payload or refused with a
     * JournalException: never another exception, a hang or a huge allocation.
     */
    @Property(tries = 3000)
    void anyDamageIsAJournalExceptionOrAValidRecord(@ForAll("samples") Record sample, @ForAll("damages") List<Integer> damage) {
        byte[] bytes = RecordCodec.encode(sample);
        for (int d : damage) bytes = damaged(bytes, d);
        String type = RecordCodec.typeOf(sample);
        try {
            Record decoded = decoder.decode(type, bytes);
            assertThat(decoded.getClass()).isEqualTo(sample.getClass());
        } catch (JournalException expected) {
            assertThat(expected.getMessage()).startsWith("cannot decode " + type);
        }
    }

    @Provide
    Arbitrary<List<Integer>> damages() {
        return Arbitraries.integers().list().ofMinSize(1).ofMaxSize(4);
    }

    /** One damage chosen by {@code d}: flip a byte, cut the tail, or insert a byte (0xff: a long varint). */
    private static byte[] damaged(byte[] bytes, int d) {
        if (bytes.length == 0) return new byte[]{(byte) d};
        int at = Math.floorMod(d, bytes.length);
        return switch (Math.floorMod(d >> 16, 3)) {
            case 0 -> {
                byte[] out = bytes.clone();
                out[at] ^= (byte) (1 + Math.floorMod(d >> 8, 255));
                yield out;
            }
            case 1 -> Arrays.copyOf(bytes, at);
            default -> {
                byte[] out = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, out, 0, at);
                out[at] = (byte) 0xff;
                System.arraycopy(bytes, at, out, at + 1, bytes.length - at);
                yield out;
            }
        };
    }
}
