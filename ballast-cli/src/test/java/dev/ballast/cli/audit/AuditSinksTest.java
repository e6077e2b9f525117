package dev.ballast.cli.audit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.journal.codec.CanonicalNode;
import dev.ballast.engine.journal.codec.CanonicalNode.Entry;
import dev.ballast.engine.journal.codec.CanonicalNode.Field;
import dev.ballast.engine.journal.codec.CanonicalNode.ListNode;
import dev.ballast.engine.journal.codec.CanonicalNode.MapNode;
import dev.ballast.engine.journal.codec.CanonicalNode.RecordNode;
import dev.ballast.engine.journal.codec.CanonicalNode.ScalarNode;
import dev.ballast.engine.journal.codec.CanonicalNode.StringNode;
import dev.ballast.engine.journal.codec.CanonicalText;
import dev.ballast.engine.journal.store.JournalRecord;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuditSinksTest {
    private static final String PAYLOAD = "Sample{id=ClientOrderId{value=\"a-1\"},note=\"two words, \\\"quoted\\\"\",plain=\"x\","
            + "missing=null,ok=true,ratio=NaN,big=92233720368.54775807,tiny=-0.00000001,at=2024-01-02T15:30:00Z,"
            + "marks={Symbol{value=\"B\"}=2.5,\"k\"=[1,2]},inner=Inner{createdAt=5,side=BUY},timestamp=7}";

    /** The tree of {@link #PAYLOAD}, as the decoder reads it from a journal record. */
    private static final RecordNode TREE = record("Sample",
            field("id", record("ClientOrderId", field("value", new StringNode("a-1")))),
            field("note", new StringNode("two words, \"quoted\"")),
            field("plain", new StringNode("x")),
            field("missing", CanonicalNode.NULL),
            field("ok", scalar("true")),
            field("ratio", scalar("NaN")),
            field("big", scalar("92233720368.54775807")),
            field("tiny", scalar("-0.00000001")),
            field("at", scalar("2024-01-02T15:30:00Z")),
            field("marks", new MapNode(List.of(
                    new Entry(record("Symbol", field("value", new StringNode("B"))), scalar("2.5")),
                    new Entry(new StringNode("k"), new ListNode(List.of(scalar("1"), scalar("2"))))))),
            field("inner", record("Inner", field("createdAt", scalar("5")), field("side", scalar("BUY")))),
            field("timestamp", scalar("7")));

    private static RecordNode record(String name, Field... fields) {
        return new RecordNode(name, List.of(fields));
    }

    private static Field field(String name, CanonicalNode value) {
        return new Field(name, value);
    }

    private static ScalarNode scalar(String token) {
        return new ScalarNode(token);
    }

    private static JournalRecord record() {
        return JournalRecord.chained(JournalRecord.GENESIS, 3, 7, 9, "Sample", new byte[]{1, 2, 3});
    }

    @Test
    void theTreeIsThePayload() {
        assertThat(CanonicalText.render(TREE)).isEqualTo(PAYLOAD);
    }

    @Test
    void summaryIsOneReadableLine() {
        assertThat(PayloadText.summary(TREE)).isEqualTo(
                "id=a-1 note=\"two words, \\\"quoted\\\"\" plain=x ok=true ratio=NaN big=92233720368.54775807 "
                        + "tiny=-0.00000001 at=2024-01-02T15:30:00Z marks={B=2.5, k=[1, 2]} inner={side=BUY}");
    }

    @Test
    void jsonKeepsNumbersExactAndEverythingElseTyped() throws Exception {
        StringWriter out = new StringWriter();
        RecordSink sink = new JsonLinesSink(out);
        CanonicalNode payload = TREE;
        sink.write(record(), payload);
        sink.write(record(), payload);
        sink.finish();

        assertThat(out.toString().lines()).hasSize(2);
        JsonNode line = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .readTree(out.toString().lines().findFirst().orElseThrow());
        assertThat(line.get("seq").asLong()).isEqualTo(3);
        assertThat(line.get("engineTime").asText()).isEqualTo("1970-01-01T00:00:00.000000007Z");
        JsonNode p = line.get("payload");
        assertThat(p.get("id").asText()).isEqualTo("a-1");
        assertThat(p.get("note").asText()).isEqualTo("two words, \"quoted\"");
        assertThat(p.get("missing").isNull()).isTrue();
        assertThat(p.get("ok").isBoolean()).isTrue();
        assertThat(p.get("ratio").asText()).isEqualTo("NaN");
        assertThat(p.get("big").decimalValue()).isEqualTo(new BigDecimal("92233720368.54775807"));
        assertThat(p.get("tiny").decimalValue()).isEqualTo(new BigDecimal("-0.00000001"));
        assertThat(p.get("at").asText()).isEqualTo("2024-01-02T15:30:00Z");
        assertThat(p.get("marks").get("B").decimalValue()).isEqualTo(new BigDecimal("2.5"));
        assertThat(p.get("marks").get("k").size()).isEqualTo(2);
        assertThat(p.get("inner").get("createdAt").asLong()).isEqualTo(5);
    }

    @Test
    void csvQuotesThePayload() throws Exception {
        StringWriter out = new StringWriter();
        RecordSink sink = new CsvSink(out);
        sink.write(record(), TREE);
        sink.finish();

        String row = out.toString().lines().skip(1).findFirst().orElseThrow();
        assertThat(row).startsWith("3,1970-01-01T00:00:00.000000007Z,1970-01-01T00:00:00.000000009Z,Sample,")
                .endsWith(",\"" + PAYLOAD.replace("\"", "\"\"") + "\"");
    }
}
