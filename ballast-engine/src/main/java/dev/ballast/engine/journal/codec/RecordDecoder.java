package dev.ballast.engine.journal.codec;

import java.util.function.Supplier;
import dev.ballast.engine.journal.store.JournalException;
import dev.ballast.engine.journal.codec.CanonicalNode.ListNode;
import dev.ballast.engine.journal.codec.CanonicalNode.MapNode;
import dev.ballast.engine.journal.codec.CanonicalNode.NullNode;
import dev.ballast.engine.journal.codec.CanonicalNode.RecordNode;
import dev.ballast.engine.journal.codec.CanonicalNode.ScalarNode;
import dev.ballast.engine.journal.codec.CanonicalNode.StringNode;
import dev.ballast.model.Money;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.event.EngineEvent;
import dev.ballast.model.event.Event;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns a journal record's payload back into the model record it was written from: the inverse of
 * {@link RecordCodec}, so that {@code encode(decode(type, encode(e)))} is byte for byte {@code encode(e)}. The payload
 * is read into a tree first ({@link #tree}, by {@link PayloadReader}), which the audit tools print as it is.
 *
 * <p>The record's journal type picks the class: a simple name among the records below the sealed roots
 * {@link Event} and {@link EngineEvent}, or among the record classes given to the constructor (such as
 * {@link RunJournal.RunStarted}). Below the top, each value is bound by the declared (generic) type of the record
 * component it fills: records through their canonical constructor, sealed interfaces by the record name written in
 * the payload, Price/Quantity/Money and BigDecimal from their exact decimal text, enums by name, {@code List} and
 * {@code SortedMap} element by element, Instant and LocalDate from ISO text, primitives, boxes and strings. A payload
 * that does not fit gives a {@link JournalException} naming the type, the field path and the problem.
 *
 * <p>Binders are built once per class and shared; an instance is immutable and thread-safe.
 */
public final class RecordDecoder {
    /** Binds one node to a Java value; throws {@link PayloadProblem} when it does not fit. */
    @FunctionalInterface
    private interface Binder {
        Object bind(CanonicalNode node);
    }

    private static final ClassValue<Binder> BINDERS = new ClassValue<>() {
        @Override
        protected Binder computeValue(Class<?> type) {
            return forClass(type);
        }
    };

    private final Map<String, Class<?>> types;
    /** The journal's schema by type name, when {@link #tree} reads by it ({@link #readingBy}); null: by the classes. */
    private final Map<String, JournalSchema.TypeLayout> schema;

    /** A decoder for the model's events and engine events and for the {@code extra} record classes. */
    @SafeVarargs
    public RecordDecoder(Class<? extends Record>... extra) {
        types = new TreeMap<>();
        collect(Event.class, types);
        collect(EngineEvent.class, types);
        for (Class<? extends Record> c : extra) add(c, types);
        schema = null;
    }

    private RecordDecoder(Map<String, Class<?>> types, Map<String, JournalSchema.TypeLayout> schema) {
        this.types = types;
        this.schema = schema;
    }

    /**
     * This decoder, its {@link #tree}s read by a journal's own {@code schema} (see {@link JournalSchema}), so that a
     * journal stays readable after the classes changed; {@code schema} null reads by the classes. Decoding into
     * records still goes by the classes.
     */
    public RecordDecoder readingBy(JournalSchema schema) {
        return new RecordDecoder(types, schema == null ? null : schema.byName());
    }

    /** The journal types this decoder knows, sorted. */
    public Set<String> types() {
        return Collections.unmodifiableSet(types.keySet());
    }

    /** Whether {@code type} is a journal type this decoder knows. */
    public boolean knows(String type) {
        return types.containsKey(type);
    }

    /** The record a journal record of {@code type} with {@code payload} was written from. */
    public Record decode(String type, byte[] payload) {
        return decode(type, classTree(type, payload));
    }

    /**
     * The tree of a journal record's payload ({@link PayloadReader}): read by the class its type names, or by the
     * journal's schema this decoder was given ({@link #readingBy}).
     */
    public RecordNode tree(String type, byte[] payload) {
        if (schema == null) return classTree(type, payload);
        return named(type, () -> PayloadReader.read(schema, type, payload));
    }

    private RecordNode classTree(String type, byte[] payload) {
        Class<?> c = types.get(type);
        if (c == null) throw new JournalException("cannot decode " + type + ": unknown journal type; known: " + types.keySet());
        return named(type, () -> PayloadReader.read(c, payload, types::get));
    }

    /** The reader's problem, said of the journal type. */
    private static RecordNode named(String type, Supplier<RecordNode> read) {
        try {
            return read.get();
        } catch (JournalException e) {
            throw new JournalException("cannot decode " + type + ": " + e.getMessage(), e);
        }
    }

    /** The layout of every type this decoder knows and of the records they hold, as a journal records it. */
    public JournalSchema schema() {
        return JournalSchema.of(types.values());
    }

    /**
     * The readable text of a journal record's payload ({@link CanonicalText}); for messages, so it never throws: a
     * payload that cannot be read is described instead.
     */
    public String text(String type, byte[] payload) {
        try {
            return CanonicalText.render(tree(type, payload));
        } catch (JournalException e) {
            return "<" + payload.length + " bytes that cannot be read: " + e.getMessage() + ">";
        }
    }

    /** The record of {@code type} the parsed payload {@code node} describes. */
    public Record decode(String type, CanonicalNode node) {
        Class<?> c = types.get(type);
        if (c == null) throw new JournalException("cannot decode " + type + ": unknown journal type; known: " + types.keySet());
        if (node instanceof NullNode) throw new JournalException("cannot decode " + type + ": the payload is null");
        try {
            return (Record) BINDERS.get(c).bind(node);
        } catch (PayloadProblem p) {
            throw new JournalException("cannot decode " + type + (!p.hasPath() ? "" : " at " + p.path()) + ": "
                    + p.getMessage());
        }
    }

    // ---- the known types

    private static void collect(Class<?> root, Map<String, Class<?>> into) {
        if (root.isSealed()) {
            for (Class<?> sub : root.getPermittedSubclasses()) collect(sub, into);
        } else if (root.isRecord()) {
            add(root, into);
        }
    }

    private static void add(Class<?> type, Map<String, Class<?>> into) {
        if (!type.isRecord()) throw new IllegalArgumentException(type.getName() + " is not a record");
        Class<?> before = into.putIfAbsent(type.getSimpleName(), type);
        if (before != null && before != type) {
            throw new IllegalArgumentException("two journal types named " + type.getSimpleName() + ": "
                    + before.getName() + " and " + type.getName());
        }
    }

    // ---- binders

    private static Binder forType(Type type) {
        if (type instanceof Class<?> c) return c.isPrimitive() ? forClass(c) : node -> BINDERS.get(c).bind(node);
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            Type[] args = p.getActualTypeArguments();
            if (raw == List.class || raw == Collection.class) return list(forType(args[0]));
            if (raw == SortedMap.class || raw == NavigableMap.class || raw == TreeMap.class) {
                return map(forType(args[0]), forType(args[1]));
            }
        }
        return unsupported(type);
    }

    private static Binder forClass(Class<?> c) {
        if (c == String.class) return node -> node instanceof NullNode ? null : text(node);
        if (c == Price.class) return decimal("a price", Price::of);
        if (c == Quantity.class) return decimal("a quantity", Quantity::of);
        if (c == Money.class) return decimal("an amount of money", Money::of);
        if (c == BigDecimal.class) return decimal("a decimal", BigDecimal::new);
        if (c == Instant.class) return scalar("an ISO instant", Instant::parse, false);
        if (c == LocalDate.class) return scalar("an ISO date", LocalDate::parse, false);
        if (c == long.class || c == Long.class) return scalar("a whole number", Long::valueOf, c.isPrimitive());
        if (c == int.class || c == Integer.class) return scalar("an int", Integer::valueOf, c.isPrimitive());
        if (c == short.class || c == Short.class) return scalar("a short", Short::valueOf, c.isPrimitive());
        if (c == byte.class || c == Byte.class) return scalar("a byte", Byte::valueOf, c.isPrimitive());
        if (c == double.class || c == Double.class) return scalar("a double", Double::valueOf, c.isPrimitive());
        if (c == float.class || c == Float.class) return scalar("a float", Float::valueOf, c.isPrimitive());
        if (c == boolean.class || c == Boolean.class) return scalar("true or false", RecordDecoder::bool, c.isPrimitive());
        if (c == char.class || c == Character.class) return character(c.isPrimitive());
        if (c.isEnum()) return enumeration(c);
        if (c.isRecord()) return record(c);
        if (c.isSealed() && c.isInterface()) return sealed(c);
        return unsupported(c);
    }

    private static String text(CanonicalNode node) {
        if (node instanceof StringNode s) return s.value();
        throw new PayloadProblem("expected a string, found " + describe(node));
    }

    private static Binder scalar(String what, Function<String, Object> parse, boolean primitive) {
        return node -> {
            if (node instanceof NullNode) {
                if (primitive) throw new PayloadProblem("expected " + what + ", found null");
                return null;
            }
            if (!(node instanceof ScalarNode s)) throw new PayloadProblem("expected " + what + ", found " + describe(node));
            try {
                return parse.apply(s.token());
            } catch (RuntimeException e) {
                throw new PayloadProblem("expected " + what + ", found '" + s.token() + "'");
            }
        };
    }

    private static Binder decimal(String what, Function<String, Object> parse) {
        return node -> {
            if (node instanceof NullNode) return null;
            if (!(node instanceof ScalarNode s)) throw new PayloadProblem("expected " + what + ", found " + describe(node));
            try {
                return parse.apply(s.token());
            } catch (NumberFormatException e) {
                throw new PayloadProblem("expected " + what + " (a plain decimal), found '" + s.token() + "'"
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            }
        };
    }

    private static Boolean bool(String token) {
        return switch (token) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(token);
        };
    }

    private static Binder character(boolean primitive) {
        return node -> {
            if (node instanceof NullNode && !primitive) return null;
            if (node instanceof StringNode s && s.value().length() == 1) return s.value().charAt(0);
            throw new PayloadProblem("expected a one-character string, found " + describe(node));
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Binder enumeration(Class<?> type) {
        return node -> {
            if (node instanceof NullNode) return null;
            if (node instanceof ScalarNode s) {
                try {
                    return Enum.valueOf((Class) type, s.token());
                } catch (IllegalArgumentException e) {
                    // fall through to the message listing the constants
                }
            }
            throw new PayloadProblem("expected one of " + Arrays.toString(type.getEnumConstants()) + " (" + type.getSimpleName()
                    + "), found " + describe(node));
        };
    }

    private static Binder record(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        String[] names = new String[components.length];
        Binder[] binders = new Binder[components.length];
        Class<?>[] raw = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            names[i] = components[i].getName();
            binders[i] = forType(components[i].getGenericType());
            raw[i] = components[i].getType();
        }
        Constructor<?> constructor;
        try {
            constructor = type.getDeclaredConstructor(raw);
            constructor.setAccessible(true);
        } catch (NoSuchMethodException | RuntimeException e) {
            return unsupported(type);
        }
        String name = type.getSimpleName();
        return node -> {
            if (node instanceof NullNode) return null;
            if (!(node instanceof RecordNode r) || !r.name().equals(name)) {
                throw new PayloadProblem("expected a " + name + " record, found " + describe(node));
            }
            checkFields(name, names, r);
            Object[] args = new Object[names.length];
            for (int i = 0; i < names.length; i++) {
                try {
                    args[i] = binders[i].bind(r.fields().get(i).value());
                } catch (PayloadProblem p) {
                    throw p.at(names[i]);
                }
            }
            try {
                return constructor.newInstance(args);
            } catch (InvocationTargetException e) {
                throw new PayloadProblem(name + " refuses the values: " + e.getCause().getMessage());
            } catch (ReflectiveOperationException e) {
                throw new PayloadProblem("cannot construct " + name + ": " + e.getMessage());
            }
        };
    }

    private static void checkFields(String record, String[] names, RecordNode node) {
        List<String> found = new ArrayList<>(node.fields().size());
        for (CanonicalNode.Field f : node.fields()) found.add(f.name());
        if (found.equals(Arrays.asList(names))) return;
        for (String n : names) {
            if (!found.contains(n)) throw new PayloadProblem(record + " misses field '" + n + "' (has " + found + ")");
        }
        for (String f : found) {
            if (!Arrays.asList(names).contains(f)) {
                throw new PayloadProblem(record + " has no field '" + f + "' (its fields: " + Arrays.toString(names) + ")");
            }
        }
        throw new PayloadProblem(record + "'s fields are out of order or repeated: " + found + ", expected "
                + Arrays.toString(names));
    }

    private static Binder sealed(Class<?> type) {
        Map<String, Class<?>> subtypes = new TreeMap<>();
        collect(type, subtypes);
        return node -> {
            if (node instanceof NullNode) return null;
            if (node instanceof RecordNode r && subtypes.containsKey(r.name())) {
                return BINDERS.get(subtypes.get(r.name())).bind(node);
            }
            throw new PayloadProblem("expected a " + type.getSimpleName() + " (one of " + subtypes.keySet() + "), found "
                    + describe(node));
        };
    }

    private static Binder list(Binder item) {
        return node -> {
            if (node instanceof NullNode) return null;
            if (!(node instanceof ListNode l)) throw new PayloadProblem("expected a list, found " + describe(node));
            List<Object> out = new ArrayList<>(l.items().size());
            for (int i = 0; i < l.items().size(); i++) {
                try {
                    out.add(item.bind(l.items().get(i)));
                } catch (PayloadProblem p) {
                    throw p.at("[" + i + "]");
                }
            }
            return Collections.unmodifiableList(out);
        };
    }

    private static Binder map(Binder key, Binder value) {
        return node -> {
            if (node instanceof NullNode) return null;
            if (!(node instanceof MapNode m)) throw new PayloadProblem("expected a sorted map, found " + describe(node));
            TreeMap<Object, Object> out = new TreeMap<>();
            for (CanonicalNode.Entry e : m.entries()) {
                String at = "[" + CanonicalText.render(e.key()) + "]";
                Object k;
                try {
                    k = key.bind(e.key());
                } catch (PayloadProblem p) {
                    throw p.at(at);
                }
                try {
                    out.put(k, value.bind(e.value()));
                } catch (PayloadProblem p) {
                    throw p.at(at);
                } catch (ClassCastException | NullPointerException x) {
                    throw new PayloadProblem("map key " + CanonicalText.render(e.key()) + " cannot be sorted").at(at);
                }
            }
            return Collections.unmodifiableSortedMap(out);
        };
    }

    private static Binder unsupported(Type type) {
        return node -> {
            throw new PayloadProblem("no decoding for values of type " + type.getTypeName());
        };
    }

    private static String describe(CanonicalNode node) {
        return switch (node) {
            case NullNode n -> "null";
            case ScalarNode s -> "'" + s.token() + "'";
            case StringNode s -> "a string";
            case ListNode l -> "a list";
            case MapNode m -> "a map";
            case RecordNode r -> "a " + r.name() + " record";
        };
    }
}
