package dev.ballast.cli.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ballast.engine.journal.codec.CanonicalNode;
import dev.ballast.engine.journal.codec.CanonicalNode.Entry;
import dev.ballast.engine.journal.codec.CanonicalNode.Field;
import dev.ballast.engine.journal.codec.CanonicalNode.ListNode;
import dev.ballast.engine.journal.codec.CanonicalNode.MapNode;
import dev.ballast.engine.journal.codec.CanonicalNode.NullNode;
import dev.ballast.engine.journal.codec.CanonicalNode.RecordNode;
import dev.ballast.engine.journal.codec.CanonicalNode.ScalarNode;
import dev.ballast.engine.journal.codec.CanonicalNode.StringNode;
import dev.ballast.engine.journal.store.JournalRecord;
import dev.ballast.model.EpochNanos;

import java.io.IOException;
import java.io.Writer;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * {@code --format json}: JSON Lines, one object per record: {@code seq}, {@code engineTime} and {@code wallTime} (ISO,
 * UTC, to the nanosecond), {@code type}, {@code hash} (hex) and {@code payload}, the payload's fields as an object.
 * In the payload, numbers are written with exactly the digits journaled ({@code 187.12345678}, never through a
 * double: read them as decimals), identifiers ({@code Symbol}, {@code StrategyId}, {@code ClientOrderId}) as their
 * value, enum constants, instants and non-finite doubles as strings, nested records as objects, sorted maps as objects
 * keyed by the key's text.
 */
final class JsonLinesSink implements RecordSink {
    /** JSON's number grammar: what may be written as a number without changing a digit. */
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private final JsonGenerator json;
    private final Writer out;

    JsonLinesSink(Writer out) throws IOException {
        this.out = out;
        this.json = new JsonFactory().createGenerator(out);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.setRootValueSeparator(null);
    }

    @Override
    public void write(JournalRecord record, CanonicalNode payload) throws IOException {
        json.writeStartObject();
        json.writeNumberField("seq", record.sequence());
        json.writeStringField("engineTime", EpochNanos.toInstant(record.engineTime()).toString());
        json.writeStringField("wallTime", EpochNanos.toInstant(record.wallTime()).toString());
        json.writeStringField("type", record.type());
        json.writeStringField("hash", HexFormat.of().formatHex(record.hash()));
        json.writeFieldName("payload");
        value(payload);
        json.writeEndObject();
        json.writeRaw('\n');
    }

    private void value(CanonicalNode node) throws IOException {
        switch (node) {
            case NullNode n -> json.writeNull();
            case StringNode s -> json.writeString(s.value());
            case ScalarNode s -> scalar(s.token());
            case RecordNode r -> {
                String id = PayloadText.identifier(r);
                if (id != null) {
                    json.writeString(id);
                    return;
                }
                json.writeStartObject();
                for (Field f : r.fields()) {
                    json.writeFieldName(f.name());
                    value(f.value());
                }
                json.writeEndObject();
            }
            case ListNode l -> {
                json.writeStartArray();
                for (CanonicalNode item : l.items()) value(item);
                json.writeEndArray();
            }
            case MapNode m -> {
                json.writeStartObject();
                for (Entry e : m.entries()) {
                    json.writeFieldName(PayloadText.key(e.key()));
                    value(e.value());
                }
                json.writeEndObject();
            }
        }
    }

    private void scalar(String token) throws IOException {
        if (token.equals("true") || token.equals("false")) {
            json.writeBoolean(token.equals("true"));
        } else if (JSON_NUMBER.matcher(token).matches()) {
            json.writeNumber(token);
        } else {
            json.writeString(token);
        }
    }

    @Override
    public void finish() throws IOException {
        json.flush();
        out.flush();
    }
}
