package dev.ballast.engine.journal;

import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.EngineEvent;
import dev.ballast.model.event.Event;
import dev.ballast.model.event.MarketData;
import dev.ballast.model.event.TradeTick;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordDecoderTest {
    private final RecordDecoder decoder = new RecordDecoder(RunJournal.RunStarted.class);

    @Test
    void everyEventTypeHasASampleThatRoundTripsByteForByte() {
        Map<Class<?>, Record> samples = JournalSamples.all();
        List<Class<?>> types = new ArrayList<>(JournalSamples.concreteTypes(Event.class));
        types.addAll(JournalSamples.concreteTypes(EngineEvent.class));
        types.add(RunJournal.RunStarted.class);
        assertThat(samples.keySet()).as("a new event type needs a sample in JournalSamples")
                .containsAll(types);
        assertThat(decoder.types()).hasSize(types.size());

        for (Class<?> type : types) {
            Record sample = samples.get(type);
            byte[] bytes = RecordCodec.encode(sample);
            Record decoded = decoder.decode(RecordCodec.typeOf(sample), bytes);
            assertThat(decoded).as(type.getSimpleName()).isEqualTo(sample);
            assertThat(RecordCodec.encode(decoded)).as(type.getSimpleName()).isEqualTo(bytes);
            assertThat(CanonicalText.render(CanonicalText.parse(bytes))).isEqualTo(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    /** Every kind of value the codec writes, including generic, nested sealed and nullable ones. */
    record Everything(SortedMap<Symbol, Price> marks, List<MarketData> ticks, List<List<Quantity>> nested,
                      Instant at, LocalDate day, BigDecimal ratio, char flag, Integer maybe, short small, byte tiny,
                      float ratioF, double ratioD, boolean yes, Long none, List<String> withNull) {
    }

    @Test
    void bindsGenericSealedAndScalarValuesByTheirDeclaredType() {
        SortedMap<Symbol, Price> marks = new TreeMap<>(Map.of(Symbol.of("B"), Price.of("2"), Symbol.of("A"), Price.of("1.5")));
        List<String> withNull = new ArrayList<>();
        withNull.add("x");
        withNull.add(null);
        Everything e = new Everything(marks,
                List.of(new TradeTick(Symbol.of("A"), 5, Price.of("3"), Quantity.of("1")),
                        new dev.ballast.model.event.Quote(Symbol.of("B"), 6, Price.of("1"), Quantity.of("2"), Price.of("1.1"), Quantity.of("3"))),
                List.of(List.of(), List.of(Quantity.of("1"), Quantity.of("-2.5"))),
                Instant.parse("2024-01-02T15:30:00.000000001Z"), LocalDate.of(2024, 1, 2), new BigDecimal("-12.3400"),
                ',', null, (short) -7, (byte) 8, 1.5e-3f, Double.NEGATIVE_INFINITY, true, null, withNull);
        byte[] bytes = RecordCodec.encode(e);

        Record decoded = new RecordDecoder(Everything.class).decode("Everything", bytes);

        assertThat(decoded).isEqualTo(e);
        assertThat(RecordCodec.encode(decoded)).isEqualTo(bytes);
    }

    @Test
    void unknownTypeListsTheKnownOnes() {
        assertThatThrownBy(() -> decoder.decode("Fil", RecordCodec.encode(JournalSamples.fill())))
                .isInstanceOf(JournalException.class)
                .hasMessageContaining("cannot decode Fil: unknown journal type")
                .hasMessageContaining("Fill").hasMessageContaining("RunStarted");
    }

    @Test
    void malformedTextNamesTheOffsetAndWhatWasExpected() {
        String good = RecordCodec.encodeText(JournalSamples.fill());
        assertThatThrownBy(() -> decode("Fill", good.substring(0, good.length() - 1)))
                .hasMessageContaining("cannot decode Fill: payload offset " + (good.length() - 1))
                .hasMessageContaining("expected ',' or '}' closing Fill, found the end");
        assertThatThrownBy(() -> decode("Fill", good + "x"))
                .hasMessageContaining("payload offset " + good.length() + ": expected end of payload, found 'x'");
        assertThatThrownBy(() -> decode("Fill", good.replace("tradeId=\"t-1\"", "tradeId=\"t\\q\"")))
                .hasMessageContaining("expected one of \\\" \\\\ \\n \\r \\t \\uXXXX, found 'q'");
        assertThatThrownBy(() -> decode("Fill", good.replace("tradeId=\"t-1\"", "tradeId=\"t-1")))
                .hasMessageContaining("closing Fill");
        assertThatThrownBy(() -> decode("Fill", good.replace(",side=", ", side=")))
                .hasMessageContaining("expected a field name of Fill, found ' '");
        assertThatThrownBy(() -> decode("Fill", "\"unterminated"))
                .hasMessageContaining("expected '\"' closing the string, found the end");
    }

    @Test
    void valuesThatDoNotFitNameTheFieldPath() {
        String updated = RecordCodec.encodeText(JournalSamples.all().get(dev.ballast.model.event.OrderUpdated.class));
        assertThatThrownBy(() -> decode("OrderUpdated", updated.replace("limitPrice=187.12345678", "limitPrice=187.123456789")))
                .hasMessageContaining("cannot decode OrderUpdated at order.request.limitPrice: expected a price (a plain decimal), found '187.123456789'")
                .hasMessageContaining("more than 8 decimal places");
        assertThatThrownBy(() -> decode("OrderUpdated", updated.replace("side=BUY", "side=BUYS")))
                .hasMessageContaining("at order.request.side: expected one of [BUY, SELL] (OrderSide), found 'BUYS'");
        assertThatThrownBy(() -> decode("OrderUpdated", updated.replace(",timestamp=" + JournalSamples.T + "}", ",timestamp=null}")))
                .hasMessageContaining("at timestamp: expected a whole number, found null");
        assertThatThrownBy(() -> decode("OrderUpdated", updated.replace("Symbol{value=\"AAPL\"}", "Symbol{value=\"\"}")))
                .hasMessageContaining("at order.request.symbol: Symbol refuses the values: symbol must not be blank");
        assertThatThrownBy(() -> decode("OrderUpdated", updated.replace("previous=", "prior=")))
                .hasMessageContaining("OrderUpdated misses field 'previous'");
        assertThatThrownBy(() -> decode("OrderUpdated", updated.replace("OrderUpdated{", "OrderDenied{")))
                .hasMessageContaining("expected a OrderUpdated record, found a OrderDenied record");
        String started = RecordCodec.encodeText(JournalSamples.all().get(RunJournal.RunStarted.class));
        assertThatThrownBy(() -> decode("RunStarted", started.replace("className=\"DocumentStrategy\"", "className=7")))
                .hasMessageContaining("at strategies[1].className: expected a string, found '7'");
    }

    @Test
    void aSealedValueIsBoundByTheRecordNameInThePayload() {
        record Holder(MarketData data) {
        }
        RecordDecoder holders = new RecordDecoder(Holder.class);
        String text = RecordCodec.encodeText(new Holder(new TradeTick(Symbol.of("A"), 1, Price.of("2"), Quantity.of("3"))));
        assertThat(holders.decode("Holder", text.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new Holder(new TradeTick(Symbol.of("A"), 1, Price.of("2"), Quantity.of("3"))));
        assertThatThrownBy(() -> holders.decode("Holder", text.replace("TradeTick{", "Trade{").getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("at data: expected a MarketData (one of [Bar, Quote, TradeTick]), found a Trade record");
    }

    private Record decode(String type, String text) {
        return decoder.decode(type, text.getBytes(StandardCharsets.UTF_8));
    }
}
