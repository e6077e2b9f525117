package dev.ballast.cli;

import dev.ballast.adapter.fix.FixTestVenue;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.field.OrderQty;
import quickfix.field.Side;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a live run's files and a test venue say was traded, for the end-to-end tests of {@code ballast live}. */
final class LiveBooks {
    private LiveBooks() {
    }

    /** Orders of the run's {@code orders.csv} by status. */
    static Map<String, Integer> orderStatuses(Path run) throws IOException {
        Map<String, Integer> byStatus = new TreeMap<>();
        List<String> orders = Files.readAllLines(run.resolve("orders.csv"));
        for (String row : orders.subList(1, orders.size())) byStatus.merge(row.split(",")[9], 1, Integer::sum);
        return byStatus;
    }

    /** The ids of the run's orders (its {@code orders.csv}) in any of these statuses. */
    static List<String> orderIds(Path run, String... statuses) throws IOException {
        List<String> wanted = List.of(statuses);
        List<String> orders = Files.readAllLines(run.resolve("orders.csv"));
        List<String> ids = new ArrayList<>();
        for (String row : orders.subList(1, orders.size())) {
            String[] cells = row.split(",");
            if (wanted.contains(cells[9])) ids.add(cells[0]);
        }
        return ids;
    }

    /** Net filled quantity per symbol of the run's {@code fills.csv}. */
    static Map<String, BigDecimal> netPositions(Path run) throws IOException {
        Map<String, BigDecimal> net = new TreeMap<>();
        List<String> fills = Files.readAllLines(run.resolve("fills.csv"));
        for (String line : fills.subList(1, fills.size())) {
            String[] cells = line.split(",");
            BigDecimal quantity = new BigDecimal(cells[6]);
            net.merge(cells[4], "BUY".equals(cells[5]) ? quantity : quantity.negate(), BigDecimal::add);
        }
        net.replaceAll((symbol, quantity) -> quantity.stripTrailingZeros());
        return net;
    }

    /** Net quantity per symbol of the orders the FIX venue received (its market orders fill whole, at once). */
    static Map<String, BigDecimal> venueNet(FixTestVenue venue) throws FieldNotFound {
        Map<String, BigDecimal> net = new TreeMap<>();
        for (Message order : venue.received("D")) {
            BigDecimal quantity = new BigDecimal(order.getString(OrderQty.FIELD));
            net.merge(order.getString(quickfix.field.Symbol.FIELD), order.getChar(Side.FIELD) == Side.BUY ? quantity
                    : quantity.negate(), BigDecimal::add);
        }
        net.replaceAll((symbol, quantity) -> quantity.stripTrailingZeros());
        return net;
    }

    /** The trade id of every fill in the run's {@code fills.csv}, in order. */
    static List<String> tradeIds(Path run) throws IOException {
        List<String> fills = Files.readAllLines(run.resolve("fills.csv"));
        List<String> ids = new ArrayList<>();
        for (String line : fills.subList(1, fills.size())) ids.add(line.split(",")[1]);
        return ids;
    }

    /** The prefix the run's client order ids carry at the venue. */
    static String venuePrefix(Path run) throws IOException {
        return Files.readString(run.resolve("venue").resolve("order-id-prefix")).strip();
    }
}
