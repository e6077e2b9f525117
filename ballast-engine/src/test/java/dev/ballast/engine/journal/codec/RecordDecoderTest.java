package dev.ballast.engine.journal.codec;

import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Money;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.Quote;
import dev.ballast.engine.journal.RunJournal;
import dev.ballast.engine.journal.store.JournalException;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordDecoderTest {
    private final RecordDecoder decoder = RunJournal.decoder();

    @Test
    void everyEventTypeHasASampleThatRoundTripsByteForByte() {
        Map<Class<?>, Record> samples = JournalSamples.all();
        List<Class<?>> types = new ArrayList<>(JournalSamples.concreteTypes(Event.class));
        types.addAll(JournalSamples.concreteTypes(EngineEvent.class));
        types.addAll(RunJournal.RUN_RECORDS);
        assertThat(samples.keySet()).as("a new event type needs a sample in JournalSamples")
                .containsAll(types);
        assertThat(decoder.types()).hasSize(types.size());

        for (Class<?> type : types) {
            Record sample = samples.get(type);
            byte[] bytes = RecordCodec.encode(sample);
            Record decoded = decoder.decode(RecordCodec.typeOf(sample), bytes);
            assertThat(decoded).as(type.getSimpleName()).isEqualTo(sample);
            assertThat(RecordCodec.encode(decoded)).as(type.getSimpleName()).isEqualTo(bytes);
            assertThat(decoder.text(RecordCodec.typeOf(sample), bytes)).startsWith(type.getSimpleName() + "{");
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
                        new Quote(Symbol.of("B"), 6, Price.of("1"), Quantity.of("2"), Price.of("1.1"), Quantity.of("3"))),
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
    void malformedPayloadsNameTheOffsetFieldAndProblem() {
        byte[] good = RecordCodec.encode(JournalSamples.fill());
        assertThatThrownBy(() -> decoder.decode("Fill", Arrays.copyOf(good, good.length - 1)))
                .isInstanceOf(JournalException.class)
                .hasMessageContaining("cannot decode Fill: payload offset " + (good.length - 1) + " in timestamp: the payload ends early");
        assertThatThrownBy(() -> decoder.decode("Fill", Arrays.copyOf(good, good.length + 2)))
                .hasMessageContaining("payload offset " + good.length + ": 2 bytes left over after the Fill record");
        byte[] badPresence = good.clone();
        badPresence[0] = 7; // orderId: a record's presence byte
        assertThatThrownBy(() -> decoder.decode("Fill", badPresence))
                .hasMessageContaining("payload offset 0 in orderId: expected a presence byte (0 or 1), found 7");
        assertThatThrownBy(() -> decoder.decode("Fill", new byte[]{1, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}))
                .hasMessageContaining("in orderId.value: a string of");
        byte[] hugeLength = {1, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
                (byte) 0x80, (byte) 0x80, 1}; // orderId present, its value's length 2^63 (negative as a long)
        assertThatThrownBy(() -> decoder.decode("Fill", hugeLength))
                .isInstanceOf(JournalException.class).hasMessageContaining("in orderId.value: a string of 9223372036854775807 bytes");
        record Holder(Object value) {
        }
        assertThatThrownBy(() -> new RecordDecoder(Holder.class).decode("Holder", new byte[]{99}))
                .hasMessageContaining("payload offset 0 in value: unknown value tag 99");
        assertThatThrownBy(() -> new RecordDecoder(Holder.class).decode("Holder", new byte[]{PayloadLayout.LIST, 100, 1}))
                .hasMessageContaining("in value: a count of 100 with 1 bytes left");
    }

    /** Laid out as a Fill (an enum and a string are both a length-prefixed name), but with any text as its side. */
    record FillWithTextSide(ClientOrderId orderId, String tradeId, Symbol symbol, String side,
                            Quantity quantity, Price price, Money commission, long timestamp) {
    }

    /** Laid out as a Symbol, without its checks. */
    record RawSymbol(String value) {
    }

    /** Laid out as a TradeTick. */
    record TickWithRawSymbol(RawSymbol symbol, long timestamp, Price price, Quantity size) {
    }

    @Test
    void valuesThatDoNotFitNameTheFieldPath() {
        Fill f = JournalSamples.fill();
        byte[] sides = RecordCodec.encode(new FillWithTextSide(f.orderId(), f.tradeId(), f.symbol(), "BUYS", f.quantity(),
                f.price(), f.commission(), f.timestamp()));
        assertThatThrownBy(() -> decoder.decode("Fill", sides))
                .hasMessageContaining("cannot decode Fill at side: expected one of [BUY, SELL] (OrderSide), found 'BUYS'");
        byte[] blank = RecordCodec.encode(new TickWithRawSymbol(new RawSymbol(""), 1, Price.of("2"), Quantity.of("3")));
        assertThatThrownBy(() -> decoder.decode("TradeTick", blank))
                .hasMessageContaining("cannot decode TradeTick at symbol: Symbol refuses the values: symbol must not be blank");
        byte[] noSymbol = RecordCodec.encode(new TickWithRawSymbol(new RawSymbol(null), 1, Price.of("2"), Quantity.of("3")));
        assertThat(decoder.text("TradeTick", noSymbol)).isEqualTo("TradeTick{symbol=Symbol{value=null},timestamp=1,price=2,size=3}");
    }

    @Test
    void aSealedValueIsBoundByTheRecordNameInThePayload() {
        record Holder(MarketData data) {
        }
        RecordDecoder holders = new RecordDecoder(Holder.class);
        byte[] bytes = RecordCodec.encode(new Holder(new TradeTick(Symbol.of("A"), 1, Price.of("2"), Quantity.of("3"))));
        assertThat(holders.decode("Holder", bytes))
                .isEqualTo(new Holder(new TradeTick(Symbol.of("A"), 1, Price.of("2"), Quantity.of("3"))));
        byte[] renamed = new String(bytes, StandardCharsets.ISO_8859_1).replace("TradeTick", "TradeTack")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> holders.decode("Holder", renamed))
                .hasMessageContaining("in data: a TradeTack record, which is not a journal type that fits MarketData");
    }

    @Test
    void textRendersThePayloadAndDescribesOneThatCannotBeRead() {
        assertThat(decoder.text("Fill", RecordCodec.encode(JournalSamples.fill()))).isEqualTo(
                "Fill{orderId=ClientOrderId{value=\"" + JournalSamples.fill().orderId().value() + "\"},tradeId=\"t-1\","
                        + "symbol=Symbol{value=\"AAPL\"},side=SELL,quantity=0.00000001,price=-0.5,commission=1.25,"
                        + "timestamp=" + JournalSamples.T + "}");
        assertThat(decoder.text("Fill", new byte[]{1})).startsWith("<1 bytes that cannot be read: ");
    }
}
