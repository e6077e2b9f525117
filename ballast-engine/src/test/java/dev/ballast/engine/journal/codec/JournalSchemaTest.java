package dev.ballast.engine.journal.codec;

import dev.ballast.model.Quantity;
import dev.ballast.engine.journal.RunJournal;
import dev.ballast.engine.journal.store.JournalException;
import dev.ballast.engine.journal.codec.CanonicalNode.RecordNode;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Price;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.MarketData;
import dev.ballast.model.event.TradeTick;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A journal carries the layout of its records ({@link JournalSchema}), so that its binary payloads read the same by
 * the schema as by the classes, and still read after the classes have changed.
 */
class JournalSchemaTest {
    private final RecordDecoder decoder = RunJournal.decoder();

    @Test
    void everyJournalTypeReadsTheSameByTheSchemaAsByItsClass() {
        JournalSchema schema = RunJournal.schema();
        for (Record sample : JournalSamples.all().values()) {
            String type = RecordCodec.typeOf(sample);
            byte[] payload = RecordCodec.encode(sample);
            assertThat(decoder.readingBy(schema).tree(type, payload)).as(type).isEqualTo(decoder.tree(type, payload));
        }
    }

    @Test
    void theSchemaDescribesNestedAndListedRecordsToo() {
        var byName = RunJournal.schema().byName();
        assertThat(byName).containsKeys("Fill", "OrderUpdated", "Order", "OrderRequest", "ClientOrderId", "Symbol",
                "StrategyInfo", "Mark", "Holding", "TradeTick", JournalSchema.TYPE, "TypeLayout", "FieldLayout");
        assertThat(byName.get("Fill").fields()).first()
                .isEqualTo(new JournalSchema.FieldLayout("orderId", "RECORD", "ClientOrderId"));
        assertThat(byName.get("RunStarted").fields()).filteredOn(f -> f.name().equals("strategies")).singleElement()
                .isEqualTo(new JournalSchema.FieldLayout("strategies", "TAGGED", null));
    }

    /** The Fill an older Ballast wrote: other fields, in another order. */
    static final class Older {
        record Fill(ClientOrderId orderRef, long units, Price price, List<MarketData> seen) {
        }
    }

    @Test
    void aJournalStaysReadableAfterItsClassesChanged() {
        JournalSchema older = JournalSchema.of(List.of(Older.Fill.class));
        byte[] payload = RecordCodec.encode(new Older.Fill(ClientOrderId.of("sma-9"), 300, Price.of("187.5"),
                List.of(new TradeTick(Symbol.of("AAPL"), 5, Price.of("187.4"), Quantity.of("2")))));

        RecordNode tree = decoder.readingBy(older).tree("Fill", payload);

        assertThat(CanonicalText.render(tree)).isEqualTo("Fill{orderRef=ClientOrderId{value=\"sma-9\"},units=300,"
                + "price=187.5,seen=[TradeTick{symbol=Symbol{value=\"AAPL\"},timestamp=5,price=187.4,size=2}]}");
        assertThatThrownBy(() -> decoder.tree("Fill", payload)).isInstanceOf(JournalException.class);
    }

    @Test
    void aTypeTheSchemaDoesNotDescribeIsNamed() {
        JournalSchema older = JournalSchema.of(List.of(Older.Fill.class));
        assertThatThrownBy(() -> decoder.readingBy(older).tree("OrderUpdated", new byte[]{0}))
                .isInstanceOf(JournalException.class)
                .hasMessage("cannot decode OrderUpdated: the journal's schema does not describe OrderUpdated");
    }
}
