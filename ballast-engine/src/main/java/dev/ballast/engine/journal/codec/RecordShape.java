package dev.ballast.engine.journal.codec;

import dev.ballast.model.Money;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/**
 * How {@link RecordCodec} writes one record class: per component, in declaration order, a writer picked once by the
 * component's declared type ({@link PayloadLayout}), reading the component through a spun getter or method handle
 * (no reflection per record, no boxing of integral primitives). Built once per class and shared by all threads.
 */
public final class RecordShape {
    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return new RecordShape(type);
        }
    };
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    private final String name;
    private final byte[] taggedName;
    private final Part[] parts;
    private final Encoder encoder;
    private final Encoder partsEncoder;
    private final boolean immutable;

    /** Writes a record's components; generated per class ({@link EncoderGenerator}) or made of the parts. */
    interface Encoder {
        void write(CanonicalOutput out, Object record);
    }

    private RecordShape(Class<?> type) {
        if (!type.isRecord()) throw new IllegalArgumentException(type.getName() + " is not a record");
        name = type.getSimpleName();
        CanonicalOutput tagged = new CanonicalOutput(name.length() + 8);
        tagged.put(PayloadLayout.RECORD_TAG);
        tagged.putString(name);
        taggedName = tagged.toByteArray();
        RecordComponent[] components = type.getRecordComponents();
        parts = new Part[components.length];
        for (int i = 0; i < components.length; i++) parts[i] = part(components[i]);
        Encoder generated = EncoderGenerator.generate(type);
        partsEncoder = this::writeByParts;
        encoder = generated != null ? generated : partsEncoder;
        immutable = immutable(type, new HashSet<>());
    }

    /** Whether this class's records are written by generated code (else by the parts). */
    boolean generated() {
        return encoder != partsEncoder;
    }

    public static RecordShape of(Class<?> type) {
        return SHAPES.get(type);
    }

    public String name() {
        return name;
    }

    public boolean immutable() {
        return immutable;
    }

    /** The record's components, nothing before them: the payload of a record whose class is known. */
    public void write(CanonicalOutput out, Object record) {
        encoder.write(out, record);
    }

    /** The same bytes as {@link #write}, always through the parts (the generated encoders are checked against it). */
    void writeByParts(CanonicalOutput out, Object record) {
        for (Part part : parts) part.write(out, record);
    }

    /** The record as a tagged value: tag, simple name, components (a record where the declared type is open). */
    void writeTagged(CanonicalOutput out, Object record) {
        out.put(taggedName);
        write(out, record);
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

    private static Part part(RecordComponent component) {
        Class<?> type = component.getType();
        MethodHandle accessor = accessor(component);
        PayloadLayout layout = PayloadLayout.of(type);
        if (layout == PayloadLayout.SIGNED) return new SignedPart(longGetter(accessor));
        ObjectGetter boxed = objectGetter(accessor);
        return new ObjectPart(boxed, switch (layout) {
            case DOUBLE -> (out, v) -> out.putDouble((Double) v);
            case FLOAT -> (out, v) -> out.putFloat((Float) v);
            case BOOLEAN -> (out, v) -> out.putBoolean((Boolean) v);
            case CHAR -> (out, v) -> out.putChar((Character) v);
            case STRING -> (out, v) -> out.putNullableString((String) v);
            case ENUM -> (out, v) -> out.putEnum((Enum<?>) v);
            case FIXED_POINT -> type == Price.class ? (out, v) -> out.putPrice((Price) v)
                    : type == Quantity.class ? (out, v) -> out.putQuantity((Quantity) v)
                    : (out, v) -> out.putMoney((Money) v);
            case RECORD -> new NestedRecord(type);
            case TAGGED -> RecordCodec::value;
            case SIGNED -> throw new AssertionError("handled above");
        });
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

    /** One component: how to write its value. */
    private abstract static class Part {
        public abstract void write(CanonicalOutput out, Object record);
    }

    private static final class SignedPart extends Part {
        private final LongGetter get;

        SignedPart(LongGetter get) {
            this.get = get;
        }

        @Override
        public void write(CanonicalOutput out, Object record) {
            out.putSigned(get.get(record));
        }
    }

    /** Writes one value of a component, as its layout says ({@link CanonicalOutput}'s layout methods). */
    @FunctionalInterface
    private interface ValueWriter {
        void write(CanonicalOutput out, Object v);
    }

    /** A component read as an object (primitives other than integral ones boxed by their getter). */
    private static final class ObjectPart extends Part {
        private final ObjectGetter get;
        private final ValueWriter writer;

        ObjectPart(ObjectGetter get, ValueWriter writer) {
            this.get = get;
            this.writer = writer;
        }

        @Override
        public void write(CanonicalOutput out, Object record) {
            writer.write(out, get.get(record));
        }
    }

    /** A component whose declared type is a record (records are final: the value is of exactly that class). */
    private static final class NestedRecord implements ValueWriter {
        private final Class<?> type;
        private RecordShape shape; // looked up on first use: a record may contain its own type

        NestedRecord(Class<?> type) {
            this.type = type;
        }

        @Override
        public void write(CanonicalOutput out, Object v) {
            if (!out.putPresence(v)) return;
            RecordShape s = shape;
            if (s == null) shape = s = of(type); // a benign race: every thread finds the same shape
            s.write(out, v);
        }
    }
}
