package dev.ballast.engine.risk;

/**
 * One pre-trade check. Rules run in order and the first denial decides; a rule that lacks what it
 * needs (no price, no instrument) denies: the engine fails closed. Implementations are stateless and
 * run on the engine thread.
 */
public interface PreTradeRule {
    RiskDecision check(OrderCheck order);
}
