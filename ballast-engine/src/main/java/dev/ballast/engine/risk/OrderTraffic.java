package dev.ballast.engine.risk;

import java.util.Objects;
import dev.ballast.model.Order;
import dev.ballast.model.OrderSide;
import dev.ballast.model.OrderType;
import dev.ballast.model.Price;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;

import java.util.HashMap;
import java.util.Map;

/**
 * The recent approved orders, for duplicate detection and rate throttling per strategy and for the
 * account. Owned by the engine thread; not thread-safe.
 *
 * <p><b>Windows.</b> An approval at engine time {@code t} is inside a window of length {@code w} at
 * {@code now} when {@code now - t < w}: the window is the half-open interval {@code (now - w, now]}.
 * An approval exactly {@code w} ago has left the window. So a rate limit of N per second allows at most
 * N approvals in any half-open second, and an identical order exactly one duplicate window after the
 * first is no longer a duplicate.
 *
 * <p><b>Duplicates.</b> Two orders are identical when strategy, symbol, side, type, quantity, limit price
 * and stop price all match. The last approval time of each key is kept in a map, and every approval is
 * queued as (time, key) in a ring in time order; as time advances the ring is popped from the front and
 * a key whose last approval has left the retention horizon is removed from the map. Lookups go through a
 * reusable probe key, so a check allocates nothing; an approval allocates a key only the first time that
 * key is seen within the horizon.
 *
 * <p><b>Rates.</b> The approval times of the account and of each strategy are kept in rings of longs in
 * time order, popped from the front as time advances: O(1) amortized, no allocation once a ring has grown
 * to the peak rate.
 *
 * <p><b>Retention.</b> Entries are kept for the longest window asked for so far (duplicate and rate
 * windows separately). The RiskManager asks every configured window on every check, before any approval,
 * so in practice every window sees everything it needs; a window longer than any asked before would only
 * see approvals that the shorter horizon kept.
 *
 * <p>Engine time is assumed not to run backwards.
 */
public final class OrderTraffic {
    private static final long NO_PRICE = Long.MIN_VALUE;

    /** Last approval per order key; the value is the stored key itself, which carries the time. */
    private final Map<Key, Key> lastApproval = new HashMap<>();
    /** (time, key) of every approval still within the duplicate horizon, in time order. */
    private long[] keyTimes = new long[16];
    private Key[] keyRing = new Key[16];
    private int keyHead;
    private int keyCount;
    private long duplicateHorizon;
    private final Key probe = new Key();

    private final TimeRing account = new TimeRing();
    private final Map<StrategyId, TimeRing> byStrategy = new HashMap<>();
    private long rateHorizon;

    /** Records an order the RiskManager approved at engine time {@code now}. */
    public void approved(Order order, long now) {
        // Duplicates: remember the key's approval time and queue it for pruning.
        pruneKeys(now);
        probe.set(order);
        Key stored = lastApproval.get(probe);
        if (stored == null) {
            stored = probe.copy();
            lastApproval.put(stored, stored);
        }
        stored.lastApproved = now;
        pushKey(now, stored);
        // Rates: the account and the order's strategy.
        account.prune(now, rateHorizon);
        account.add(now);
        StrategyId strategy = order.strategyId();
        if (strategy != null) {
            TimeRing ring = byStrategy.get(strategy);
            if (ring == null) {
                ring = new TimeRing();
                byStrategy.put(strategy, ring);
            }
            ring.prune(now, rateHorizon);
            ring.add(now);
        }
    }

    /**
     * Whether an order with the same strategy, symbol, side, type, quantity, limit and stop price was
     * approved within {@code windowNanos} up to {@code now} (at a time {@code t > now - windowNanos}).
     */
    public boolean hasDuplicate(Order order, long windowNanos, long now) {
        if (windowNanos <= 0) return false;
        if (windowNanos > duplicateHorizon) duplicateHorizon = windowNanos;
        pruneKeys(now);
        probe.set(order);
        Key stored = lastApproval.get(probe);
        return stored != null && now - stored.lastApproved < windowNanos;
    }

    /** The time of the last approval of an order identical to {@code order}, or {@link Long#MIN_VALUE} (for deny details). */
    public long lastIdenticalApproval(Order order) {
        probe.set(order);
        Key stored = lastApproval.get(probe);
        return stored == null ? Long.MIN_VALUE : stored.lastApproved;
    }

    /**
     * How many orders of the scope (the account: all orders; a strategy: its orders) were approved in the
     * last {@code windowNanos} up to {@code now}, at times {@code t > now - windowNanos}.
     */
    public int approvedWithin(RiskScope scope, long windowNanos, long now) {
        if (windowNanos <= 0) return 0;
        if (windowNanos > rateHorizon) rateHorizon = windowNanos;
        TimeRing ring = scope.isAccount() ? account : byStrategy.get(scope.strategyId());
        if (ring == null) return 0;
        ring.prune(now, rateHorizon);
        return windowNanos == rateHorizon ? ring.count : ring.countAfter(now - windowNanos);
    }

    /** Keys currently remembered for duplicate detection (tests: pruning keeps this bounded). */
    int rememberedKeys() {
        return lastApproval.size();
    }

    private void pruneKeys(long now) {
        while (keyCount > 0 && now - keyTimes[keyHead] >= duplicateHorizon) {
            Key key = keyRing[keyHead];
            if (key.lastApproved == keyTimes[keyHead]) lastApproval.remove(key);
            keyRing[keyHead] = null;
            keyHead = (keyHead + 1) & (keyRing.length - 1);
            keyCount--;
        }
    }

    private void pushKey(long time, Key key) {
        if (keyCount == keyRing.length) {
            int n = keyRing.length;
            long[] times = new long[n * 2];
            Key[] keys = new Key[n * 2];
            for (int i = 0; i < n; i++) {
                int from = (keyHead + i) & (n - 1);
                times[i] = keyTimes[from];
                keys[i] = keyRing[from];
            }
            keyTimes = times;
            keyRing = keys;
            keyHead = 0;
        }
        int at = (keyHead + keyCount) & (keyRing.length - 1);
        keyTimes[at] = time;
        keyRing[at] = key;
        keyCount++;
    }

    /** Approval times in non-decreasing order; a power-of-two ring that grows to the peak count. */
    private static final class TimeRing {
        long[] times = new long[16];
        int head;
        int count;

        void add(long time) {
            if (count == times.length) {
                int n = times.length;
                long[] grown = new long[n * 2];
                for (int i = 0; i < n; i++) grown[i] = times[(head + i) & (n - 1)];
                times = grown;
                head = 0;
            }
            times[(head + count) & (times.length - 1)] = time;
            count++;
        }

        /** Drops the times that have left a window of {@code horizon} at {@code now}. */
        void prune(long now, long horizon) {
            while (count > 0 && now - times[head] >= horizon) {
                head = (head + 1) & (times.length - 1);
                count--;
            }
        }

        /** How many times are strictly after {@code after} (binary search: the ring is in time order). */
        int countAfter(long after) {
            int lo = 0;
            int hi = count;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (times[(head + mid) & (times.length - 1)] > after) hi = mid;
                else lo = mid + 1;
            }
            return count - lo;
        }
    }

    /**
     * The terms that make two orders identical. Mutable only so that one probe instance can be reused
     * for lookups; keys stored in the map are never changed apart from {@link #lastApproved}, which is
     * not part of equality.
     */
    private static final class Key {
        StrategyId strategy;
        Symbol symbol;
        OrderSide side;
        OrderType type;
        long quantity;
        long limit;
        long stop;
        int hash;
        long lastApproved;

        void set(Order order) {
            strategy = order.strategyId();
            symbol = order.symbol();
            side = order.side();
            type = order.request().type();
            quantity = order.quantity() == null ? 0 : order.quantity().raw();
            limit = raw(order.request().limitPrice());
            stop = raw(order.request().stopPrice());
            int h = strategy == null ? 0 : strategy.hashCode();
            h = 31 * h + symbol.hashCode();
            h = 31 * h + side.ordinal();
            h = 31 * h + type.ordinal();
            h = 31 * h + Long.hashCode(quantity);
            h = 31 * h + Long.hashCode(limit);
            h = 31 * h + Long.hashCode(stop);
            hash = h;
        }

        Key copy() {
            Key key = new Key();
            key.strategy = strategy;
            key.symbol = symbol;
            key.side = side;
            key.type = type;
            key.quantity = quantity;
            key.limit = limit;
            key.stop = stop;
            key.hash = hash;
            return key;
        }

        private static long raw(Price price) {
            return price == null ? NO_PRICE : price.raw();
        }

        @Override
        public boolean equals(Object other) {
            return this == other || other instanceof Key that && quantity == that.quantity && limit == that.limit
                    && stop == that.stop && side == that.side && type == that.type && symbol.equals(that.symbol)
                    && Objects.equals(strategy, that.strategy);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public String toString() {
            return strategy + " " + side + " " + type + " " + symbol + " " + quantity + " " + limit + " " + stop;
        }
    }
}
