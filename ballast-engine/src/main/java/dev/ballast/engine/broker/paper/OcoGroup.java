package dev.ballast.engine.broker.paper;

import dev.ballast.model.ClientOrderId;

import java.util.ArrayList;
import java.util.List;

/**
 * The paper venue's view of one one-cancels-other group (a bracket's two exits, named by their entry's id): how
 * much the group may still fill in total, and its live orders. Each order of the group is for the whole quantity
 * it protects, so together they may fill only that once: a fill of one uses up the allowance of all, and when it
 * is used up the others are canceled at once, within the same market data event, before they can fill. Engine
 * thread only.
 */
final class OcoGroup {
    final ClientOrderId id;
    /** Raw quantity the group's orders may still fill between them. */
    long allowance;
    final List<WorkingOrder> live = new ArrayList<>(2);

    OcoGroup(ClientOrderId id, long allowance) {
        this.id = id;
        this.allowance = allowance;
    }

    /** A new order joins: the group covers no more than its smallest order is for. */
    void join(WorkingOrder order) {
        allowance = Math.min(allowance, order.leaves());
        live.add(order);
    }
}
