package dev.ballast.engine.monitor.analytics;

import dev.ballast.engine.monitor.OrderExecution;
import dev.ballast.model.FixedPoint;
import dev.ballast.model.Money;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.Price;
import dev.ballast.model.Symbol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Execution quality of orders, per order and aggregated (account, strategy, symbol, broker); definitions in
 * docs/analytics.md. Immutable.
 *
 * <p>Implementation shortfall of an order with an arrival price A, side sign s (+1 buy, -1 sell), filled
 * quantity F at average price P, unfilled quantity U = ordered - filled and the symbol's last price L at
 * the end of the run: s x (P - A) x F x multiplier (execution cost) + s x (L - A) x U x multiplier
 * (opportunity cost; only for orders that reached the broker, so not for denied ones). In basis points:
 * shortfall / (A x ordered quantity x multiplier) x 10,000. Positive = cost.
 */
public final class ExecutionQuality {
    private ExecutionQuality() {}

    /** The per-order figures beside the monitor's record. */
    public record OrderQuality(OrderExecution execution, Money executionCost, Money opportunityCost,
                               Money implementationShortfall, Double implementationShortfallBps, Money filledNotional,
                               Money arrivalNotional) {
    }

    /**
     * Aggregated figures of a group of orders. Percentiles are nearest-rank over the orders that have the
     * figure, in milliseconds of engine time; null when no order has it.
     *
     * @param orders          every order of the group
     * @param sentOrders      orders that reached the broker (not denied by risk)
     * @param fillRatio       filled quantity / ordered quantity over the sent orders
     * @param slippageBps     signed slippage, average weighted by filled notional
     * @param rejectRate      rejected / sent orders
     * @param cancelRate      canceled or expired / sent orders
     */
    public record Aggregate(long orders, long sentOrders, long filledOrders, Double fillRatio, Double slippageBps,
                            Money implementationShortfall, Double implementationShortfallBps, Money filledNotional,
                            Double timeToAcknowledgeP50Ms, Double timeToAcknowledgeP90Ms, Double timeToAcknowledgeP99Ms,
                            Double timeToFillP50Ms, Double timeToFillP90Ms, Double timeToFillP99Ms, Double rejectRate,
                            Double cancelRate, Money fees) {
    }

    public static List<OrderQuality> perOrder(List<OrderExecution> executions, ToLongFunction<Symbol> multiplier,
                                              Function<Symbol, Price> lastPrice) {
        List<OrderQuality> result = new ArrayList<>(executions.size());
        for (OrderExecution e : executions) {
            long mult = Math.max(1, multiplier.applyAsLong(e.symbol()));
            int sign = e.side().sign();
            long filled = e.filledQuantity().raw();
            Money filledNotional = e.averageFillPrice() == null ? Money.ZERO
                    : Money.ofRaw(Math.abs(FixedPoint.notional(filled, e.averageFillPrice().raw(), mult)));
            Price arrival = e.arrivalPrice();
            if (arrival == null || !arrival.isPositive()) {
                result.add(new OrderQuality(e, null, null, null, null, filledNotional, null));
                continue;
            }
            try {
                result.add(shortfall(e, filled, sign, mult, arrival, lastPrice.apply(e.symbol()), filledNotional));
            } catch (ArithmeticException overflow) {
                // An order denied FIGURES_OVERFLOW: its arrival notional does not fit the fixed point either.
                result.add(new OrderQuality(e, null, null, null, null, filledNotional, null));
            }
        }
        return result;
    }

    /** One order's implementation shortfall against its arrival price; throws ArithmeticException on overflow. */
    private static OrderQuality shortfall(OrderExecution e, long filled, int sign, long mult, Price arrival, Price last,
                                          Money filledNotional) {
        long execution = 0;
        if (e.averageFillPrice() != null && filled != 0) {
            execution = sign * (FixedPoint.notional(filled, e.averageFillPrice().raw(), mult)
                    - FixedPoint.notional(filled, arrival.raw(), mult));
        }
        long opportunity = 0;
        long unfilled = e.quantity().raw() - filled;
        if (e.status() != OrderStatus.DENIED && unfilled > 0 && last != null) {
            opportunity = sign * (FixedPoint.notional(unfilled, last.raw(), mult)
                    - FixedPoint.notional(unfilled, arrival.raw(), mult));
        }
        long arrivalNotional = Math.abs(FixedPoint.notional(e.quantity().raw(), arrival.raw(), mult));
        long shortfall = execution + opportunity;
        Double bps = arrivalNotional == 0 ? null : shortfall / (double) arrivalNotional * 10_000.0;
        return new OrderQuality(e, Money.ofRaw(execution), Money.ofRaw(opportunity), Money.ofRaw(shortfall), bps,
                filledNotional, Money.ofRaw(arrivalNotional));
    }

    /** Aggregates a group of orders. */
    public static Aggregate aggregate(List<OrderQuality> orders) {
        long sent = 0;
        long filledOrders = 0;
        double ordered = 0;
        double filled = 0;
        double weightedSlippage = 0;
        double slippageWeight = 0;
        long shortfall = 0;
        long arrivalNotional = 0;
        boolean anyShortfall = false;
        long filledNotional = 0;
        long rejected = 0;
        long canceled = 0;
        long fees = 0;
        List<Long> acks = new ArrayList<>();
        List<Long> fills = new ArrayList<>();
        for (OrderQuality q : orders) {
            OrderExecution e = q.execution();
            fees += e.commission().raw();
            filledNotional += q.filledNotional().raw();
            if (e.status() == OrderStatus.DENIED || e.status() == OrderStatus.INITIALIZED) continue;
            sent++;
            if (e.status() == OrderStatus.FILLED) filledOrders++;
            if (e.status() == OrderStatus.REJECTED) rejected++;
            if (e.status() == OrderStatus.CANCELED || e.status() == OrderStatus.EXPIRED) canceled++;
            ordered += e.quantity().toDouble();
            filled += e.filledQuantity().toDouble();
            if (!Double.isNaN(e.slippageBps()) && q.filledNotional().raw() > 0) {
                double weight = q.filledNotional().toDouble();
                weightedSlippage += e.slippageBps() * weight;
                slippageWeight += weight;
            }
            if (q.implementationShortfall() != null) {
                anyShortfall = true;
                shortfall += q.implementationShortfall().raw();
                arrivalNotional += q.arrivalNotional().raw();
            }
            if (e.timeToAcknowledge() >= 0) acks.add(e.timeToAcknowledge());
            if (e.timeToFill() >= 0) fills.add(e.timeToFill());
        }
        long[] ack = acks.stream().mapToLong(Long::longValue).toArray();
        long[] fill = fills.stream().mapToLong(Long::longValue).toArray();
        return new Aggregate(orders.size(), sent, filledOrders, ordered > 0 ? filled / ordered : null,
                slippageWeight > 0 ? weightedSlippage / slippageWeight : null,
                anyShortfall ? Money.ofRaw(shortfall) : null,
                anyShortfall && arrivalNotional > 0 ? shortfall / (double) arrivalNotional * 10_000.0 : null,
                Money.ofRaw(filledNotional), percentileMs(ack, 50), percentileMs(ack, 90), percentileMs(ack, 99),
                percentileMs(fill, 50), percentileMs(fill, 90), percentileMs(fill, 99),
                sent > 0 ? (double) rejected / sent : null, sent > 0 ? (double) canceled / sent : null, Money.ofRaw(fees));
    }

    /** Aggregates by a key, in order of first appearance. */
    public static <K> Map<K, Aggregate> aggregateBy(List<OrderQuality> orders, Function<OrderQuality, K> key) {
        Map<K, List<OrderQuality>> groups = new LinkedHashMap<>();
        for (OrderQuality q : orders) groups.computeIfAbsent(key.apply(q), k -> new ArrayList<>()).add(q);
        Map<K, Aggregate> result = new LinkedHashMap<>();
        groups.forEach((k, group) -> result.put(k, aggregate(group)));
        return result;
    }

    /** Nearest-rank percentile: the value at rank ceil(p / 100 x n) of the sorted values, in ms; null when empty. */
    public static Double percentileMs(long[] nanos, double p) {
        if (nanos.length == 0) return null;
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(1, Math.min(sorted.length, rank)) - 1] / 1e6;
    }
}
