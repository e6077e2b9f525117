package dev.ballast.adapter.fix;

import dev.ballast.model.ClientOrderId;
import dev.ballast.model.OrderSide;
import dev.ballast.model.OrderType;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import dev.ballast.model.TimeInForce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The orders this adapter ever sent, one tab-separated line each, in the store folder, written before the order goes
 * out. After a restart they are the orders the adapter knows of: what it asks the venue about one by one when the
 * venue refuses a mass status request, and the terms a cancel or replace repeats.
 *
 * <p>Threading: appended by the sender thread only; read once at start.
 */
final class SubmittedOrdersFile {
    static final String NAME = "ballast-submitted-orders.tsv";
    private static final String NONE = "-";

    private final Path file;

    SubmittedOrdersFile(Path storeDir) {
        this.file = storeDir.resolve(NAME);
    }

    List<WorkingTerms> load() {
        if (!Files.exists(file)) return List.of();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<WorkingTerms> orders = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) continue;
            orders.add(parse(lines.get(i), i + 1));
        }
        return orders;
    }

    void append(WorkingTerms order) {
        String line = String.join("\t", order.orderId().value(), order.symbol().value(), order.side().name(),
                order.type().name(), order.timeInForce().name(), order.quantity().toString(),
                text(order.limitPrice()), text(order.stopPrice())) + "\n";
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    private WorkingTerms parse(String line, int number) {
        String[] f = line.split("\t", -1);
        try {
            if (f.length != 8) throw new IllegalArgumentException("expected 8 tab-separated fields, found " + f.length);
            ClientOrderId id = ClientOrderId.of(f[0]);
            return new WorkingTerms(id, Symbol.of(f[1]), OrderSide.valueOf(f[2]), OrderType.valueOf(f[3]),
                    TimeInForce.valueOf(f[4]), Quantity.of(f[5]), price(f[6]), price(f[7]), id.value());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " line " + number + ": " + e.getMessage(), e);
        }
    }

    private static String text(Price price) {
        return price == null ? NONE : price.toString();
    }

    private static Price price(String text) {
        return NONE.equals(text) ? null : Price.of(text);
    }
}
