package dev.ballast.bench;

import dev.ballast.engine.broker.BrokerReportSink;
import dev.ballast.engine.clock.Clock;
import dev.ballast.model.Order;
import dev.ballast.model.Price;

import java.nio.file.Path;

/**
 * One adapter's wire code as the live-path benchmark drives it: the order encoded as the adapter hands it to its
 * transport (engine thread), and the venue's reports, as the venue would send them, decoded and mapped by the adapter
 * into the engine's sink (venue thread).
 */
interface VenueWire {
    /** Which adapter. */
    enum Kind {
        FIX, ALPACA;

        VenueWire open(Clock clock, BrokerReportSink sink, Path folder) {
            return switch (this) {
                case FIX -> new FixVenueWire(clock, sink, folder);
                case ALPACA -> new AlpacaVenueWire(clock, sink);
            };
        }
    }

    /** The order's message as the adapter hands it to the transport (FIX NewOrderSingle, Alpaca request body). */
    String encode(Order order);

    /** A durable write the adapter itself makes per order before it leaves (FIX: its submitted-orders file), if any. */
    default void recordSubmitted(Order order) {
    }

    /** The venue's acceptance of {@code order}, as wire text. */
    String acceptedText(Order order, long sequence);

    /** The venue's full fill of {@code order} at {@code price}, as wire text. */
    String filledText(Order order, Price price, long sequence);

    /** Wire text from the venue: decoded and mapped by the adapter, its report given to the engine. */
    void deliver(String text);
}
