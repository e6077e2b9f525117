package dev.ballast.engine.journal;

import dev.ballast.model.Money;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/**
 * How {@link RecordCodec} writes one record class: {@code Name{} prefix and, per component, its label
 * ({@code ",name="}) and a writer picked once by the component's declared type, reading the component through a
 * method handle (no reflection per record, no boxing of primitives). Built once per class and shared by all threads.
 */
final class RecordShape {
    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return new RecordShape(type);
        }
    };
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    private final String name;
    private final byte[] prefix;
    private final Part[] parts;
    private final boolean immutable;

    private RecordShape(Class<?> type) {
        if (!type.isRecord()) throw new IllegalArgumentException(type.getName() + " is not a record");
        name = type.getSimpleName();
        prefix = (name + "{").getBytes(StandardCharsets.UTF_8);
        RecordComponent[] components = type.getRecordComponents();
        parts = new Part[components.length];
        for (int i = 0; i < components.length; i++) {
            byte[] label = ((i > 0 ? "," : "") + components[i].getName() + "=").getBytes(StandardCharsets.UTF_8);
            parts[i] = part(label, components[i]);
        }
        immutable = immutable(type, new HashSet<>());
    }

    static RecordShape of(Class<?> type) {
        return SHAPES.get(type);
    }

    String name() {
        return name;
    }

    boolean immutable() {
        return immutable;
    }

    void write(CanonicalOutput out, Object record) {
        out.put(prefix);
        for (Part part : parts) {
            out.put(part.label);
            part.write(out, record);
        }
        out.put((byte) '}');
    }

    /** A type whose values cannot change and always have a canonical form; records by their components, recursively. */
    private static boolean immutable(Class<?> type, Set<Class<?>> seen) {
        if (type.isPrimitive() || type == String.class || type.isEnum() || type == Instant.class || type == LocalDate.class
                || type == Long.class || type == Integer.class || type == Short.class || type == Byte.class
                || type == Double.class || type == Float.class || type == Boolean.class || type == Character.class) {
            return true;
        }
        if (!type.isRecord()) return false;
        if (!seen.add(type)) return true; // already being checked higher up
        for (RecordComponent c : type.getRecordComponents()) {
            if (!immutable(c.getType(), seen)) return false;
        }
        return true;
    }

    private static Part part(byte[] label, RecordComponent component) {
        Class<?> type = component.getType();
        MethodHandle accessor = accessor(component);
        if (type == long.class || type == int.class || type == short.class || type == byte.class) {
            return new IntegralPart(label, longGetter(accessor));
        }
        ObjectGetter boxed = objectGetter(accessor);
        if (type == String.class) return new StringPart(label, boxed);
        if (type == Price.class) return new FixedPointPart(label, boxed, FixedPointPart.PRICE);
        if (type == Quantity.class) return new FixedPointPart(label, boxed, FixedPointPart.QUANTITY);
        if (type == Money.class) return new FixedPointPart(label, boxed, FixedPointPart.MONEY);
        if (type.isEnum()) return new EnumPart(label, boxed, type);
        if (type.isRecord()) return new RecordPart(label, boxed, type);
        return new ValuePart(label, boxed); // primitives boxed (double, float, boolean, char) and open types
    }

    /** Reads a component as a long (integral primitives widened). */
    @FunctionalInterface
    interface LongGetter {
        long get(Object record);
    }

    /** Reads a component as an object (primitives boxed). */
    @FunctionalInterface
    interface ObjectGetter {
        Object get(Object record);
    }

    // A class spun by LambdaMetafactory calls the accessor directly, which a method handle held in a field (not a
    // constant to the JIT) does not: measured about twice as fast per component. The metafactory needs the accessor
    // to be accessible from here (a public record); others (a private test record) go through the method handle.
    private static LongGetter longGetter(MethodHandle accessor) {
        LongGetter direct = (LongGetter) spin(LongGetter.class, MethodType.methodType(long.class, Object.class), accessor);
        if (direct != null) return direct;
        MethodHandle h = accessor.asType(MethodType.methodType(long.class, Object.class));
        return record -> {
            try {
                return (long) h.invokeExact(record);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        };
    }

    private static ObjectGetter objectGetter(MethodHandle accessor) {
        ObjectGetter direct = (ObjectGetter) spin(ObjectGetter.class, MethodType.methodType(Object.class, Object.class), accessor);
        if (direct != null) return direct;
        MethodHandle h = accessor.asType(MethodType.methodType(Object.class, Object.class));
        return record -> {
            try {
                return (Object) h.invokeExact(record);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        };
    }

    private static Object spin(Class<?> getter, MethodType erased, MethodHandle accessor) {
        if (!Modifier.isPublic(accessor.type().parameterType(0).getModifiers())) return null;
        try {
            return LambdaMetafactory.metafactory(LOOKUP, "get", MethodType.methodType(getter), erased, accessor,
                    accessor.type()).getTarget().invoke();
        } catch (Throwable e) {
            return null; // not accessible from here after all: the method handle serves
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }

    private static MethodHandle accessor(RecordComponent component) {
        try {
            Class<?> owner = component.getDeclaringRecord();
            return MethodHandles.privateLookupIn(owner, LOOKUP).unreflect(component.getAccessor());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + component.getDeclaringRecord().getName() + "."
                    + component.getName(), e);
        }
    }

    /** One component: its label and how to write its value. */
    private abstract static class Part {
        final byte[] label;

        Part(byte[] label) {
            this.label = label;
        }

        abstract void write(CanonicalOutput out, Object record);
    }

    /** A component read as an object: null is written as such, anything else by {@link #writeValue}. */
    private abstract static class ObjectPart extends Part {
        private final ObjectGetter get;

        ObjectPart(byte[] label, ObjectGetter get) {
            super(label);
            this.get = get;
        }

        @Override
        final void write(CanonicalOutput out, Object record) {
            Object v = get.get(record);
            if (v == null) out.putNull();
            else writeValue(out, v);
        }

        abstract void writeValue(CanonicalOutput out, Object v);
    }

    private static final class IntegralPart extends Part {
        private final LongGetter get;

        IntegralPart(byte[] label, LongGetter get) {
            super(label);
            this.get = get;
        }

        @Override
        void write(CanonicalOutput out, Object record) {
            out.putLong(get.get(record));
        }
    }

    private static final class StringPart extends ObjectPart {

        StringPart(byte[] label, ObjectGetter get) {
            super(label, get);
        }

        @Override
        void writeValue(CanonicalOutput out, Object v) {
            out.putQuoted((String) v);
        }
    }

    private static final class FixedPointPart extends ObjectPart {
        static final int PRICE = 0;
        static final int QUANTITY = 1;
        static final int MONEY = 2;
        private final int kind;

        FixedPointPart(byte[] label, ObjectGetter get, int kind) {
            super(label, get);
            this.kind = kind;
        }

        @Override
        void writeValue(CanonicalOutput out, Object v) {
            out.putFixedPoint(switch (kind) {
                case PRICE -> ((Price) v).raw();
                case QUANTITY -> ((Quantity) v).raw();
                default -> ((Money) v).raw();
            });
        }
    }

    private static final class EnumPart extends ObjectPart {
        private final byte[][] names;

        EnumPart(byte[] label, ObjectGetter get, Class<?> type) {
            super(label, get);
            Object[] constants = type.getEnumConstants();
            names = new byte[constants.length][];
            for (Object c : constants) names[((Enum<?>) c).ordinal()] = ((Enum<?>) c).name().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        void writeValue(CanonicalOutput out, Object v) {
            out.put(names[((Enum<?>) v).ordinal()]);
        }
    }

    /** A component whose declared type is a record (records are final: the value is of exactly that class). */
    private static final class RecordPart extends ObjectPart {
        private final Class<?> type;
        private RecordShape shape; // looked up on first use: a record may contain its own type

        RecordPart(byte[] label, ObjectGetter get, Class<?> type) {
            super(label, get);
            this.type = type;
        }

        @Override
        void writeValue(CanonicalOutput out, Object v) {
            RecordShape s = shape;
            if (s == null) shape = s = of(type); // a benign race: every thread finds the same shape
            s.write(out, v);
        }
    }

    private static final class ValuePart extends ObjectPart {
        ValuePart(byte[] label, ObjectGetter get) {
            super(label, get);
        }

        @Override
        void writeValue(CanonicalOutput out, Object v) {
            RecordCodec.value(out, v);
        }
    }
}
