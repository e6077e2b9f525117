package dev.ballast.engine.journal;

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
}
