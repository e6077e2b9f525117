package dev.ballast.engine.broker.paper;

import com.sun.management.ThreadMXBean;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.event.MarketData;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static dev.ballast.engine.broker.paper.PaperBrokerFixture.AAPL;
import static dev.ballast.engine.broker.paper.PaperBrokerFixture.LOTS;
import static dev.ballast.engine.broker.paper.PaperBrokerFixture.MINUTE;
import static dev.ballast.engine.broker.paper.PaperBrokerFixture.T0;
import static dev.ballast.engine.broker.paper.PaperBrokerFixture.bar;
import static dev.ballast.engine.broker.paper.PaperBrokerFixture.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The per-event path must not allocate while nothing fills: the engine calls it for every bar. */
class PaperBrokerAllocationTest {

    @Test
    void marketDataAllocatesNothingWhenNoOrderFills() {
        var threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        var f = new PaperBrokerFixture();
        f.feed(bar(1, "100.00", "100.00", "100.00", "100.00", "1000"));
        // One order resting on AAPL out of reach, none on LOTS: both paths are exercised.
        f.submit(OrderRequest.limit(AAPL, OrderSide.BUY, Quantity.ofUnits(10), Price.of("50.00")));
        MarketData[] events = new MarketData[3_000];
        for (int i = 0; i < events.length; i += 3) {
            long ts = T0 + (i + 2) * MINUTE;
            events[i] = bar(AAPL, ts, "100.00", "101.00", "99.00", "100.00", "1000");
            events[i + 1] = bar(LOTS, ts, "10.00", "10.00", "10.00", "10.00", "1000");
            events[i + 2] = quote(ts, "99.99", "100", "100.01", "100");
        }
        long thread = Thread.currentThread().threadId();
        for (int round = 0; round < 20; round++) for (MarketData e : events) f.broker.onMarketData(e);
        long before = threads.getThreadAllocatedBytes(thread);
        for (int round = 0; round < 100; round++) for (MarketData e : events) f.broker.onMarketData(e);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertThat(f.fills()).isEmpty();
        // 300,000 events; a few bytes of slack for the measurement itself.
        assertThat(allocated).isLessThan(4_096);
    }
}
