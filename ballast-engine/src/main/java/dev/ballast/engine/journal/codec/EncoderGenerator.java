package dev.ballast.engine.journal.codec;

import dev.ballast.model.Price;
import dev.ballast.model.Quantity;

import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;

/**
 * Writes, for one public record class, the bytecode of a {@link RecordShape.Encoder} that lays the record out as
 * {@link RecordShape}'s parts do, in straight-line code: each component read by a direct call to its accessor and
 * written by a direct call to {@link CanonicalOutput}, nested public records inline. The JIT can then inline the
 * whole record, where the parts' calls through interfaces, one implementation per component, cannot be (the
 * journaled end-to-end backtest went from 0.56–0.60 to 0.68 of the unjournaled throughput with it). Returns null for a record it cannot reach (not public, or nesting
 * a non-public record) or cannot define a class for, which the parts then write.
 */
final class EncoderGenerator {
    /** Nested records deeper than this are written through their own shape (a record may contain its own type). */
    private static final int MAX_INLINE_DEPTH = 6;
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final ClassDesc OUTPUT = desc(CanonicalOutput.class);
    private static final ClassDesc ENCODER = desc(RecordShape.Encoder.class);
    private static final ClassDesc WRITES = desc(EncoderGenerator.class);
    private static final MethodTypeDesc WRITE = MethodTypeDesc.of(ConstantDescs.CD_void, OUTPUT, ConstantDescs.CD_Object);

    private EncoderGenerator() {
    }

    static RecordShape.Encoder generate(Class<?> type) {
        if (!reachable(type, 0)) return null;
        byte[] bytes = ClassFile.of().build(ClassDesc.of(EncoderGenerator.class.getPackageName(),
                "GeneratedEncoder$" + type.getSimpleName()), cls -> cls
                .withFlags(ClassFile.ACC_FINAL | ClassFile.ACC_SYNTHETIC)
                .withInterfaceSymbols(ENCODER)
                .withMethodBody(ConstantDescs.INIT_NAME, ConstantDescs.MTD_void, ClassFile.ACC_PUBLIC, code -> code
                        .aload(0).invokespecial(ConstantDescs.CD_Object, ConstantDescs.INIT_NAME, ConstantDescs.MTD_void)
                        .return_())
                .withMethodBody("write", WRITE, ClassFile.ACC_PUBLIC, code -> {
                    int record = code.allocateLocal(TypeKind.REFERENCE);
                    code.aload(2).checkcast(desc(type)).astore(record);
                    components(code, type, record, 0);
                    code.return_();
                }));
        try {
            MethodHandles.Lookup hidden = LOOKUP.defineHiddenClass(bytes, true);
            return (RecordShape.Encoder) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class))
                    .invoke();
        } catch (Throwable e) {
            // The parts write the same bytes, only slower: a journal is never refused for want of a generated class.
            // RecordCodecTest checks that every event type gets one.
            return null;
        }
    }

    /** Whether generated code can call the accessors of {@code type} and of the records it nests inline. */
    private static boolean reachable(Class<?> type, int depth) {
        if (!Modifier.isPublic(type.getModifiers()) || !visible(type)) return false;
        for (Class<?> c = type.getEnclosingClass(); c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers())) return false;
        }
        if (depth >= MAX_INLINE_DEPTH) return true;
        for (RecordComponent c : type.getRecordComponents()) {
            if (PayloadLayout.of(c.getType()) == PayloadLayout.RECORD && !reachable(c.getType(), depth + 1)) return false;
        }
        return true;
    }

    /**
     * Whether the generated class, defined in this class's loader, resolves {@code type} to the same class: a record
     * from a loader this one cannot see (a plugin's) would fail only when first written, so the parts write it.
     */
    private static boolean visible(Class<?> type) {
        try {
            return Class.forName(type.getName(), false, EncoderGenerator.class.getClassLoader()) == type;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The components of the {@code type} record in local {@code record}, in declaration order. */
    private static void components(CodeBuilder code, Class<?> type, int record, int depth) {
        for (RecordComponent c : type.getRecordComponents()) {
            Class<?> t = c.getType();
            PayloadLayout layout = PayloadLayout.of(t);
            if (layout == PayloadLayout.RECORD) {
                nested(code, type, c, record, depth);
                continue;
            }
            code.aload(1).aload(record);
            get(code, type, c);
            switch (layout) {
                case SIGNED -> {
                    if (t != long.class) code.i2l();
                    code.invokevirtual(OUTPUT, "putSigned", MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_long));
                }
                case STRING -> code.invokevirtual(OUTPUT, "putNullableString",
                        MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_String));
                case ENUM -> put(code, "putEnum", desc(Enum.class));
                case FIXED_POINT -> put(code, t == Price.class ? "putPrice" : t == Quantity.class ? "putQuantity"
                        : "putMoney", desc(t));
                case DOUBLE -> put(code, "putDouble", ConstantDescs.CD_double);
                case FLOAT -> put(code, "putFloat", ConstantDescs.CD_float);
                case BOOLEAN -> put(code, "putBoolean", ConstantDescs.CD_boolean);
                case CHAR -> put(code, "putChar", ConstantDescs.CD_char);
                case TAGGED -> code.invokestatic(desc(RecordCodec.class), "value",
                        MethodTypeDesc.of(ConstantDescs.CD_void, OUTPUT, ConstantDescs.CD_Object));
                case RECORD -> throw new AssertionError("handled above");
            }
        }
    }

    /** A nested record: its presence byte, then its components inline (or through its shape, deep down). */
    private static void nested(CodeBuilder code, Class<?> owner, RecordComponent c, int record, int depth) {
        Class<?> t = c.getType();
        int value = code.allocateLocal(TypeKind.REFERENCE);
        code.aload(record);
        get(code, owner, c);
        code.astore(value);
        code.aload(1).aload(value);
        if (depth + 1 >= MAX_INLINE_DEPTH) {
            code.ldc(desc(t));
            code.invokestatic(WRITES, "putRecord", MethodTypeDesc.of(ConstantDescs.CD_void, OUTPUT,
                    ConstantDescs.CD_Object, ConstantDescs.CD_Class));
            return;
        }
        code.invokevirtual(OUTPUT, "putPresence", MethodTypeDesc.of(ConstantDescs.CD_boolean, ConstantDescs.CD_Object));
        code.ifThen(inner -> components(inner, t, value, depth + 1));
    }

    private static void get(CodeBuilder code, Class<?> owner, RecordComponent c) {
        code.invokevirtual(desc(owner), c.getAccessor().getName(), MethodTypeDesc.of(desc(c.getType())));
    }

    /** Calls the {@link CanonicalOutput} method that writes a value of one layout. */
    private static void put(CodeBuilder code, String name, ClassDesc argument) {
        code.invokevirtual(OUTPUT, name, MethodTypeDesc.of(ConstantDescs.CD_void, argument));
    }

    private static ClassDesc desc(Class<?> type) {
        return type.describeConstable().orElseThrow();
    }

    /** Called by generated code for a record nested deeper than it inlines. */
    static void putRecord(CanonicalOutput out, Object value, Class<?> type) {
        if (out.putPresence(value)) RecordShape.of(type).write(out, value);
    }
}
