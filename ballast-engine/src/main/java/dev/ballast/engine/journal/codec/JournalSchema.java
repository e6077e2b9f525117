package dev.ballast.engine.journal.codec;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The layout of every record type a run's journal can hold: per type its fields in order, each with its
 * {@link PayloadLayout} and, for a nested record, that record's type. {@link RunJournal#start} journals it right after
 * {@code RunStarted}, in the chain like any record, so that the journal's binary payloads stay readable (into trees,
 * by the audit commands) by a Ballast whose record classes have changed since it was written. A record in a tagged
 * position is found by the name it carries. The schema's own three record types are frozen: a reader reads them by
 * its classes.
 *
 * @param types every record type, sorted by name
 */
public record JournalSchema(List<TypeLayout> types) {
    /** The journal type of this record. */
    public static final String TYPE = "JournalSchema";

    public JournalSchema {
        types = List.copyOf(types);
    }

    /** One record type: its simple name and its fields in declaration order. */
    public record TypeLayout(String name, List<FieldLayout> fields) {
        public TypeLayout {
            fields = List.copyOf(fields);
        }
    }

    /**
     * One field.
     *
     * @param layout the {@link PayloadLayout} name ({@code SIGNED}, {@code STRING}, {@code RECORD}, {@code TAGGED}...)
     * @param type   for a {@code RECORD} field, the nested record's type name; otherwise null
     */
    public record FieldLayout(String name, String layout, String type) {
    }

    /** The layout of {@code roots} and of every record type reachable from them, sorted by name. */
    static JournalSchema of(Collection<Class<?>> roots) {
        Map<String, Class<?>> found = new TreeMap<>();
        for (Class<?> root : roots) collect(root, found);
        List<TypeLayout> types = new ArrayList<>(found.size());
        for (Class<?> type : found.values()) {
            List<FieldLayout> fields = new ArrayList<>();
            for (RecordComponent c : type.getRecordComponents()) {
                PayloadLayout layout = PayloadLayout.of(c.getType());
                fields.add(new FieldLayout(c.getName(), layout.name(),
                        layout == PayloadLayout.RECORD ? c.getType().getSimpleName() : null));
            }
            types.add(new TypeLayout(type.getSimpleName(), fields));
        }
        return new JournalSchema(types);
    }

    private static void collect(Class<?> type, Map<String, Class<?>> found) {
        if (type.isSealed()) {
            for (Class<?> sub : type.getPermittedSubclasses()) collect(sub, found);
            return;
        }
        if (!type.isRecord()) return;
        Class<?> before = found.putIfAbsent(type.getSimpleName(), type);
        if (before == type) return;
        if (before != null) {
            throw new IllegalArgumentException("two journaled record types named " + type.getSimpleName() + ": "
                    + before.getName() + " and " + type.getName());
        }
        for (RecordComponent c : type.getRecordComponents()) collect(c.getGenericType(), found);
    }

    /** The record types a component's declared type can hold: itself, a sealed type's records, type arguments. */
    private static void collect(Type type, Map<String, Class<?>> found) {
        switch (type) {
            case Class<?> c when c.isArray() -> collect(c.getComponentType(), found);
            case Class<?> c -> collect(c, found);
            case ParameterizedType p -> {
                collect(p.getRawType(), found);
                for (Type argument : p.getActualTypeArguments()) collect(argument, found);
            }
            case GenericArrayType a -> collect(a.getGenericComponentType(), found);
            case WildcardType w -> {
                for (Type bound : w.getUpperBounds()) collect(bound, found);
            }
            default -> {
                // a type variable: whatever it stands for is named in the payload, and must be a journal type
            }
        }
    }

    /** The types by name. */
    Map<String, TypeLayout> byName() {
        Map<String, TypeLayout> byName = new TreeMap<>();
        for (TypeLayout t : types) byName.put(t.name(), t);
        return byName;
    }
}
