package dev.ballast.engine.journal.codec;

import dev.ballast.engine.journal.codec.CanonicalNode.Entry;
import dev.ballast.engine.journal.codec.CanonicalNode.Field;
import dev.ballast.engine.journal.codec.CanonicalNode.ListNode;
import dev.ballast.engine.journal.codec.CanonicalNode.MapNode;
import dev.ballast.engine.journal.codec.CanonicalNode.RecordNode;
import dev.ballast.engine.journal.codec.CanonicalNode.ScalarNode;
import dev.ballast.engine.journal.codec.CanonicalNode.StringNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CanonicalTextTest {
    @Test
    void rendersRecordsListsMapsStringsScalarsAndNull() {
        RecordNode node = new RecordNode("R", List.of(
                new Field("a", CanonicalNode.NULL),
                new Field("b", new StringNode("null")),
                new Field("c", new ListNode(List.of(new ScalarNode("1"), new ScalarNode("-2.5"), new ScalarNode("BUY"),
                        new ScalarNode("2024-01-02T15:30:00Z")))),
                new Field("d", new MapNode(List.of(new Entry(new StringNode("k"),
                        new RecordNode("S", List.of(new Field("value", new StringNode("x")))))))),
                new Field("e", new ListNode(List.of())),
                new Field("f", new MapNode(List.of())),
                new Field("g", new RecordNode("E", List.of()))));

        assertThat(CanonicalText.render(node)).isEqualTo(
                "R{a=null,b=\"null\",c=[1,-2.5,BUY,2024-01-02T15:30:00Z],d={\"k\"=S{value=\"x\"}},e=[],f={},g=E{}}");
        assertThat(node.field("b")).isEqualTo(new StringNode("null"));
        assertThat(node.field("z")).isNull();
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertThat(CanonicalText.render(new StringNode("q\" b\\ n\n r\r t\t u\u0001\u001f ü")))
                .isEqualTo("\"q\\\" b\\\\ n\\n r\\r t\\t u\\u0001\\u001f ü\"");
    }
}
