package dev.ballast.engine.journal.codec;

import java.util.List;

/**
 * A journal payload read back as a generic tree ({@link RecordDecoder#tree}): field names and values as text (numbers
 * and decimals as their exact digits, enums by name), before any Java value is made of them. The audit tools filter
 * and print it as it is ({@link CanonicalText} renders it); {@link RecordDecoder} binds it to the model's records.
 * Immutable.
 */
public sealed interface CanonicalNode {
    /** {@code Name{a=...,b=...}}: a record, its fields in declaration order. */
    record RecordNode(String name, List<Field> fields) implements CanonicalNode {
        public RecordNode {
            fields = List.copyOf(fields);
        }

        /** The value of the field called {@code name}, or null when there is none. */
        public CanonicalNode field(String name) {
            for (Field f : fields) {
                if (f.name().equals(name)) return f.value();
            }
            return null;
        }
    }

    /** One {@code name=value} of a record. */
    record Field(String name, CanonicalNode value) {
    }

    /** {@code [a,b,...]}. */
    record ListNode(List<CanonicalNode> items) implements CanonicalNode {
        public ListNode {
            items = List.copyOf(items);
        }
    }

    /** {@code {k=v,...}}: a sorted map, its entries in key order. */
    record MapNode(List<Entry> entries) implements CanonicalNode {
        public MapNode {
            entries = List.copyOf(entries);
        }
    }

    /** One {@code key=value} of a map. */
    record Entry(CanonicalNode key, CanonicalNode value) {
    }

    /** A string. */
    record StringNode(String value) implements CanonicalNode {
    }

    /**
     * An unquoted token whose meaning depends on the type it is read as: a whole number, a decimal (Price,
     * Quantity, Money, BigDecimal), a double, {@code true}/{@code false}, an enum constant, an Instant or LocalDate.
     */
    record ScalarNode(String token) implements CanonicalNode {
    }

    /** {@code null}. */
    record NullNode() implements CanonicalNode {
    }

    NullNode NULL = new NullNode();
}
