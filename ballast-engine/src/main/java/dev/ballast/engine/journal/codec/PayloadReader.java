package dev.ballast.engine.journal.codec;

import java.util.function.Supplier;
import dev.ballast.engine.journal.store.JournalException;
import dev.ballast.engine.journal.codec.CanonicalNode.Entry;
import dev.ballast.engine.journal.codec.CanonicalNode.Field;
import dev.ballast.engine.journal.codec.CanonicalNode.ListNode;
import dev.ballast.engine.journal.codec.CanonicalNode.MapNode;
import dev.ballast.engine.journal.codec.CanonicalNode.RecordNode;
import dev.ballast.engine.journal.codec.CanonicalNode.ScalarNode;
import dev.ballast.engine.journal.codec.CanonicalNode.StringNode;
import dev.ballast.model.FixedPoint;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a canonical payload ({@link RecordCodec}'s binary form) back into a {@link CanonicalNode} tree, driven by
 * the record class it was written from: the class gives each component's name and, through {@link PayloadLayout},
 * its layout, exactly as the writer chose it. The tree holds what the payload says in text form (numbers and decimals
 * as their exact digits, enums by name, times in ISO form), so printing and binding it need no further knowledge of
 * the bytes. A payload that ends early, has bytes left over, an unknown tag, a bad presence byte or a record the
 * reader cannot place is refused with a {@link JournalException} naming the byte offset and the field. A record in a
 * tagged position is found by its simple name: the declared type itself, one of a sealed type's records, or a type
 * of the journal ({@code types}). Read by a journal's {@link JournalSchema} instead, the names, layouts and nested
 * types all come from the schema, so a journal stays readable after its classes changed. Not thread-safe; one
 * instance reads one payload.
 */
public final class PayloadReader {
    /** Deeper nesting than any model record needs; keeps a hostile payload from overflowing the stack. */
    private static final int MAX_DEPTH = 200;

    /** A record class's components as the reader needs them, looked up once per class. */
    private record Component(String name, Class<?> raw, Type generic, PayloadLayout layout) {
    }

    private static final ClassValue<Component[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected Component[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Component[] out = new Component[components.length];
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                out[i] = new Component(c.getName(), c.getType(), c.getGenericType(), PayloadLayout.of(c.getType()));
            }
            return out;
        }
    };

    private final byte[] in;
    private final Function<String, Class<?>> types;
    /** When reading by a journal's schema rather than by classes: its types by name. */
    private final Map<String, JournalSchema.TypeLayout> schema;
    private int pos;

    private PayloadReader(byte[] in, Function<String, Class<?>> types, Map<String, JournalSchema.TypeLayout> schema) {
        this.in = in;
        this.types = types;
        this.schema = schema;
    }

    /** The tree of {@code payload}, written from a record of class {@code type}. */
    public static RecordNode read(Class<?> type, byte[] payload, Function<String, Class<?>> types) {
        PayloadReader reader = new PayloadReader(payload, types, null);
        return reader.whole(type.getSimpleName(), () -> reader.record(type, 0));
    }

    /**
     * The tree of {@code payload}, a record of journal type {@code type} laid out as {@code schema} (the journal's
     * own, {@link JournalSchema}) says: readable whatever the classes of this build look like.
     */
    static RecordNode read(Map<String, JournalSchema.TypeLayout> schema, String type, byte[] payload) {
        JournalSchema.TypeLayout layout = schema.get(type);
        if (layout == null) throw new JournalException("the journal's schema does not describe " + type);
        PayloadReader reader = new PayloadReader(payload, name -> null, schema);
        return reader.whole(type, () -> reader.record(layout, 0));
    }

    private RecordNode whole(String type, Supplier<RecordNode> read) {
        try {
            RecordNode node = read.get();
            if (pos != in.length) throw new PayloadProblem((in.length - pos) + " bytes left over after the " + type + " record");
            return node;
        } catch (PayloadProblem p) {
            throw new JournalException("payload offset " + pos + (!p.hasPath() ? "" : " in " + p.path()) + ": "
                    + p.getMessage());
        }
    }

    private RecordNode record(JournalSchema.TypeLayout type, int depth) {
        if (depth > MAX_DEPTH) throw new PayloadProblem("more than " + MAX_DEPTH + " levels of nesting");
        List<Field> fields = new ArrayList<>(type.fields().size());
        for (JournalSchema.FieldLayout f : type.fields()) {
            try {
                fields.add(new Field(f.name(), field(f, depth)));
            } catch (PayloadProblem p) {
                throw p.at(f.name());
            }
        }
        return new RecordNode(type.name(), fields);
    }

    private CanonicalNode field(JournalSchema.FieldLayout f, int depth) {
        PayloadLayout layout;
        try {
            layout = PayloadLayout.valueOf(f.layout());
        } catch (IllegalArgumentException e) {
            throw new PayloadProblem("the journal's schema gives an unknown layout " + f.layout());
        }
        return switch (layout) {
            case RECORD -> present("a presence byte") ? record(schemaType(f.type()), depth + 1) : CanonicalNode.NULL;
            case TAGGED -> tagged(Object.class, depth + 1);
            default -> scalar(layout);
        };
    }

    private JournalSchema.TypeLayout schemaType(String name) {
        JournalSchema.TypeLayout type = name == null ? null : schema.get(name);
        if (type == null) throw new PayloadProblem("a " + name + " record, which the journal's schema does not describe");
        return type;
    }

    private RecordNode record(Class<?> type, int depth) {
        if (depth > MAX_DEPTH) throw new PayloadProblem("more than " + MAX_DEPTH + " levels of nesting");
        Component[] components = COMPONENTS.get(type);
        List<Field> fields = new ArrayList<>(components.length);
        for (Component c : components) {
            try {
                fields.add(new Field(c.name, component(c, depth)));
            } catch (PayloadProblem p) {
                throw p.at(c.name);
            }
        }
        return new RecordNode(type.getSimpleName(), fields);
    }

    private CanonicalNode component(Component c, int depth) {
        return switch (c.layout) {
            case RECORD -> present("a presence byte") ? record(c.raw, depth + 1) : CanonicalNode.NULL;
            case TAGGED -> tagged(c.generic, depth + 1);
            default -> scalar(c.layout);
        };
    }

    /** A value of any layout but RECORD and TAGGED, which need the type they are read by. */
    private CanonicalNode scalar(PayloadLayout layout) {
        return switch (layout) {
            case SIGNED -> new ScalarNode(Long.toString(signed()));
            case DOUBLE -> new ScalarNode(Double.toString(Double.longBitsToDouble(long64())));
            case FLOAT -> new ScalarNode(Float.toString(Float.intBitsToFloat((int) fixed(4))));
            case BOOLEAN -> new ScalarNode(present("a boolean") ? "true" : "false");
            case CHAR -> {
                long v = varint();
                if (v < 0 || v > Character.MAX_VALUE) throw new PayloadProblem("char value " + v + " out of range");
                yield new StringNode(String.valueOf((char) v));
            }
            case STRING -> {
                String s = nullableString();
                yield s == null ? CanonicalNode.NULL : new StringNode(s);
            }
            case ENUM -> {
                String s = nullableString();
                yield s == null ? CanonicalNode.NULL : new ScalarNode(s);
            }
            case FIXED_POINT -> present("a presence byte") ? new ScalarNode(FixedPoint.format(signed())) : CanonicalNode.NULL;
            case RECORD, TAGGED -> throw new AssertionError(layout + " is read by its type");
        };
    }

    private CanonicalNode tagged(Type expected, int depth) {
        if (depth > MAX_DEPTH) throw new PayloadProblem("more than " + MAX_DEPTH + " levels of nesting");
        int tagAt = pos;
        byte tag = next();
        return switch (tag) {
            case PayloadLayout.NULL -> CanonicalNode.NULL;
            case PayloadLayout.STRING_TAG -> new StringNode(string());
            case PayloadLayout.INTEGER -> new ScalarNode(Long.toString(signed()));
            case PayloadLayout.DOUBLE_TAG -> new ScalarNode(Double.toString(Double.longBitsToDouble(long64())));
            case PayloadLayout.FLOAT_TAG -> new ScalarNode(Float.toString(Float.intBitsToFloat((int) fixed(4))));
            case PayloadLayout.FALSE -> new ScalarNode("false");
            case PayloadLayout.TRUE -> new ScalarNode("true");
            case PayloadLayout.ENUM_TAG, PayloadLayout.DECIMAL -> new ScalarNode(string());
            case PayloadLayout.FIXED_POINT_TAG -> new ScalarNode(FixedPoint.format(signed()));
            case PayloadLayout.RECORD_TAG -> {
                String name = string();
                yield schema != null ? record(schemaType(name), depth + 1) : record(recordClass(name, expected), depth + 1);
            }
            case PayloadLayout.LIST -> {
                int count = count();
                Type item = typeArgument(expected, 0);
                List<CanonicalNode> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    try {
                        items.add(tagged(item, depth + 1));
                    } catch (PayloadProblem p) {
                        throw p.at("[" + i + "]");
                    }
                }
                yield new ListNode(items);
            }
            case PayloadLayout.MAP -> {
                int count = count();
                Type keyType = typeArgument(expected, 0);
                Type valueType = typeArgument(expected, 1);
                List<Entry> entries = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    try {
                        entries.add(new Entry(tagged(keyType, depth + 1), tagged(valueType, depth + 1)));
                    } catch (PayloadProblem p) {
                        throw p.at("[" + i + "]");
                    }
                }
                yield new MapNode(entries);
            }
            case PayloadLayout.INSTANT -> {
                long seconds = signed();
                long nanos = varint();
                try {
                    yield new ScalarNode(Instant.ofEpochSecond(seconds, nanos).toString());
                } catch (DateTimeException | ArithmeticException e) {
                    throw new PayloadProblem("instant out of range: " + seconds + " s " + nanos + " ns");
                }
            }
            case PayloadLayout.DATE -> {
                long day = signed();
                try {
                    yield new ScalarNode(LocalDate.ofEpochDay(day).toString());
                } catch (DateTimeException e) {
                    throw new PayloadProblem("date out of range: epoch day " + day);
                }
            }
            default -> {
                pos = tagAt;
                throw new PayloadProblem("unknown value tag " + tag);
            }
        };
    }

    /** The record class called {@code name} where a value of {@code expected} type is read. */
    private Class<?> recordClass(String name, Type expected) {
        Class<?> raw = raw(expected);
        if (raw.isRecord() && raw.getSimpleName().equals(name)) return raw;
        if (raw.isSealed()) {
            Class<?> found = permitted(raw, name);
            if (found != null) return found;
        }
        Class<?> known = types.apply(name);
        if (known != null && known.isRecord() && raw.isAssignableFrom(known)) return known;
        throw new PayloadProblem("a " + name + " record, which is not a journal type that fits " + raw.getSimpleName());
    }

    private static Class<?> permitted(Class<?> sealed, String name) {
        for (Class<?> sub : sealed.getPermittedSubclasses()) {
            if (sub.isRecord() && sub.getSimpleName().equals(name)) return sub;
            if (sub.isSealed()) {
                Class<?> found = permitted(sub, name);
                if (found != null) return found;
            }
        }
        return null;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) return c.isArray() || c.isPrimitive() ? Object.class : c;
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) return c;
        return Object.class;
    }

    /** The {@code index}th type argument of a parameterized type (List<X>, SortedMap<K, V>), else Object. */
    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            return p.getActualTypeArguments()[index];
        }
        if (type instanceof Class<?> c && c.isArray()) return c.getComponentType();
        if (type instanceof GenericArrayType a) return a.getGenericComponentType();
        return Object.class;
    }

    // ---- bytes

    private byte next() {
        if (pos >= in.length) throw new PayloadProblem("the payload ends early");
        return in[pos++];
    }

    private boolean present(String what) {
        int at = pos;
        byte b = next();
        if (b == 0) return false;
        if (b == 1) return true;
        pos = at;
        throw new PayloadProblem("expected " + what + " (0 or 1), found " + b);
    }

    private long varint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = next();
            v |= (long) (b & 0x7f) << shift;
            if (b >= 0) return v;
        }
        throw new PayloadProblem("a varint longer than 10 bytes");
    }

    private long signed() {
        long v = varint();
        return (v >>> 1) ^ -(v & 1);
    }

    private long fixed(int bytes) {
        if (in.length - pos < bytes) throw new PayloadProblem("the payload ends early");
        long v = 0;
        for (int i = 0; i < bytes; i++) v = (v << 8) | (in[pos++] & 0xff);
        return v;
    }

    private long long64() {
        return fixed(8);
    }

    private int count() {
        long n = varint();
        if (n < 0 || n > in.length - pos) {
            throw new PayloadProblem("a count of " + Long.toUnsignedString(n) + " with " + (in.length - pos) + " bytes left");
        }
        return (int) n;
    }

    private String string() {
        return utf8(count());
    }

    private String nullableString() {
        long n = varint();
        if (n == 0) return null;
        if (n < 0 || n - 1 > in.length - pos) {
            throw new PayloadProblem("a string of " + Long.toUnsignedString(n - 1) + " bytes with " + (in.length - pos)
                    + " left");
        }
        return utf8((int) (n - 1));
    }

    private String utf8(int length) {
        String s = new String(in, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return s;
    }
}
