package dev.ballast.engine.journal.codec;

import dev.ballast.model.Money;
import dev.ballast.model.Price;
import java.util.HashMap;
import dev.ballast.engine.journal.JournalTestSupport;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Quantity;
import dev.ballast.model.event.HaltTrading;
import dev.ballast.model.event.OrderReplaced;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.ballast.engine.journal.JournalTestSupport.fill;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordCodecTest {
    @Test
    void rendersComponentsInDeclarationOrderExactly() {
        assertThat(JournalTestSupport.text(fill(1))).isEqualTo(
                "Fill{orderId=ClientOrderId{value=\"sma-1\"},tradeId=\"t1\",symbol=Symbol{value=\"AAPL\"},side=SELL,"
                        + "quantity=" + Quantity.ofUnits(101) + ",price=187.25,commission=1.5,"
                        + "timestamp=1700000000000000001}"
                        .replace("price=187.25", "price=" + Price.of("187.25"))
                        .replace("commission=1.5", "commission=" + Money.of("1.5")));
        assertThat(RecordCodec.typeOf(fill(1))).isEqualTo("Fill");
    }

    @Test
    void sameEventSameBytesDifferentEventDifferentBytes() {
        assertThat(RecordCodec.encode(fill(7))).isEqualTo(RecordCodec.encode(fill(7)));
        assertThat(RecordCodec.encode(fill(7))).isNotEqualTo(RecordCodec.encode(fill(8)));
        OrderReplaced a = new OrderReplaced(ClientOrderId.of("x-1"), Quantity.ofUnits(5), null, null, 9);
        OrderReplaced b = new OrderReplaced(ClientOrderId.of("x-1"), Quantity.ofUnits(5), null, null, 10);
        assertThat(RecordCodec.encode(a)).isNotEqualTo(RecordCodec.encode(b));
        assertThat(JournalTestSupport.text(a)).contains("limitPrice=null,stopPrice=null");
    }

    @Test
    void escapesStringsAndKeepsUtf8() {
        HaltTrading h = new HaltTrading(null, "ops", "quote \" back\\slash\nnew line – ünïcode", 1);
        assertThat(JournalTestSupport.text(h)).isEqualTo(
                "HaltTrading{strategyId=null,operator=\"ops\",reason=\"quote \\\" back\\\\slash\\nnew line – ünïcode\",timestamp=1}");
    }

    @Test
    void laysOutComponentsCompactly() {
        // strategyId: a null record (0); operator: UTF-8 length + 1 (2), "o"; reason: UTF-8 length + 1 (3), "é";
        // timestamp: zigzag varint of -1 (1), then of 300 (600 = 0xd8 0x04).
        assertThat(RecordCodec.encode(new HaltTrading(null, "o", "é", -1))).containsExactly(0, 2, 'o', 3, 0xc3, 0xa9, 1);
        assertThat(RecordCodec.encode(new HaltTrading(null, "o", null, 300))).containsExactly(0, 2, 'o', 0, 0xd8, 0x04);
        assertThat(RecordCodec.encode(new Holder(List.of(1L, "a"), null)))
                .containsExactly(PayloadLayout.LIST, 2, PayloadLayout.INTEGER, 2, PayloadLayout.STRING_TAG, 1, 'a',
                        PayloadLayout.NULL);
    }

    record Holder(List<Object> items, Object other) {
    }

    @Test
    void listsInOrderAndRefusesNonDeterministicTypes() {
        assertThat(JournalTestSupport.text(new Holder(List.of(1L, "a", true), 2.5)))
                .isEqualTo("Holder{items=[1,\"a\",true],other=2.5}");
        assertThatThrownBy(() -> RecordCodec.encode(new Holder(List.of(), new Object())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordCodec.encode(new Holder(List.of(), new HashMap<>())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generatedEncodersWriteWhatThePartsWrite() {
        for (Record sample : JournalSamples.all().values()) {
            RecordShape shape = RecordShape.of(sample.getClass());
            CanonicalOutput generated = new CanonicalOutput(8);
            CanonicalOutput parts = new CanonicalOutput(8);
            shape.write(generated, sample);
            shape.writeByParts(parts, sample);
            assertThat(generated.toByteArray()).as(sample.getClass().getSimpleName()).isEqualTo(parts.toByteArray());
            assertThat(shape.generated()).as("%s has a generated encoder", sample.getClass().getSimpleName()).isTrue();
        }
        assertThat(RecordShape.of(Holder.class).generated()).as("a record generated code cannot reach").isFalse();
    }
}
