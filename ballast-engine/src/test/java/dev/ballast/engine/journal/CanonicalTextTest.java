package dev.ballast.engine.journal;

import dev.ballast.engine.journal.CanonicalNode.Entry;
import dev.ballast.engine.journal.CanonicalNode.Field;
import dev.ballast.engine.journal.CanonicalNode.ListNode;
import dev.ballast.engine.journal.CanonicalNode.MapNode;
import dev.ballast.engine.journal.CanonicalNode.RecordNode;
import dev.ballast.engine.journal.CanonicalNode.ScalarNode;
import dev.ballast.engine.journal.CanonicalNode.StringNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanonicalTextTest {
    @Test
    void readsRecordsListsMapsStringsScalarsAndNull() {
        String text = "R{a=null,b=\"null\",c=[1,-2.5,BUY,2024-01-02T15:30:00Z],d={\"k\"=S{value=\"x\"}},e=[],f={},g=E{}}";

        CanonicalNode node = CanonicalText.parse(text);

        assertThat(node).isEqualTo(new RecordNode("R", List.of(
                new Field("a", CanonicalNode.NULL),
                new Field("b", new StringNode("null")),
                new Field("c", new ListNode(List.of(new ScalarNode("1"), new ScalarNode("-2.5"), new ScalarNode("BUY"),
                        new ScalarNode("2024-01-02T15:30:00Z")))),
                new Field("d", new MapNode(List.of(new Entry(new StringNode("k"),
                        new RecordNode("S", List.of(new Field("value", new StringNode("x")))))))),
                new Field("e", new ListNode(List.of())),
                new Field("f", new MapNode(List.of())),
                new Field("g", new RecordNode("E", List.of())))));
        assertThat(CanonicalText.render(node)).isEqualTo(text);
        assertThat(((RecordNode) node).field("b")).isEqualTo(new StringNode("null"));
        assertThat(((RecordNode) node).field("z")).isNull();
    }

    @Test
    void unescapesEveryEscapeTheCodecWrites() {
        assertThat(CanonicalText.parse("\"q\\\" b\\\\ n\\n r\\r t\\t u\\u0001\\u001F ü\""))
                .isEqualTo(new StringNode("q\" b\\ n\n r\r t\t u\u0001\u001f ü"));
    }

    @Test
    void refusesWhatTheCodecNeverWrites() {
        assertThatThrownBy(() -> CanonicalText.parse("")).hasMessage("payload offset 0: expected a value, found the end in  >>");
        assertThatThrownBy(() -> CanonicalText.parse("[1,]")).hasMessageContaining("offset 3: expected a value, found ']'");
        assertThatThrownBy(() -> CanonicalText.parse("1.5{a=1}")).hasMessageContaining("offset 0: expected a record name before '{'");
        assertThatThrownBy(() -> CanonicalText.parse("\"a\nb\"")).hasMessageContaining("offset 2: expected an escape instead of the raw control character 0xa");
        assertThatThrownBy(() -> CanonicalText.parse("\"\\u12g4\"")).hasMessageContaining("expected a hex digit in \\u escape");
        assertThatThrownBy(() -> CanonicalText.parse("{1=2,3}")).hasMessageContaining("offset 6: expected '=', found '}'");
        assertThatThrownBy(() -> CanonicalText.parse("[".repeat(500))).hasMessageContaining("levels of nesting");
    }
}
