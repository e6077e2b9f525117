package dev.ballast.engine.risk.rules;

import dev.ballast.engine.risk.OrderLimits;
import dev.ballast.engine.risk.RiskDecision;
import dev.ballast.engine.risk.RiskLimits;
import dev.ballast.model.RiskReason;
import dev.ballast.model.OrderRequest;
import org.junit.jupiter.api.Test;

import static dev.ballast.engine.risk.rules.Checks.buy;
import static dev.ballast.engine.risk.rules.Checks.check;
import static dev.ballast.engine.risk.rules.Checks.figures;
import static org.assertj.core.api.Assertions.assertThat;

class OpenOrdersRuleTest {
    private static final RiskLimits MAX_3 = Checks.orderLimits(new OrderLimits(null, null, null, 3, null, null));
    private final OpenOrdersRule rule = new OpenOrdersRule();

    private RiskDecision withOpen(int open) {
        OrderRequest request = buy("1", "100");
        return rule.check(check(request, "100", "100000", figures(request, "0", "0", open, 0, "0", "0", "0", "0"), MAX_3));
    }

    @Test
    void allowsOrdersJustUnderAndAtTheLimitCountingThisOne() {
        // 1 open + this = 2 < 3; 2 open + this = 3 = limit
        assertThat(withOpen(1).allowed()).isTrue();
        assertThat(withOpen(2).allowed()).isTrue();
    }

    @Test
    void deniesTheOrderThatWouldExceedTheLimit() {
        // 3 open + this = 4 > 3
        RiskDecision decision = withOpen(3);
        assertThat(decision.reason()).isEqualTo(RiskReason.MAX_OPEN_ORDERS);
        assertThat(decision.detail()).contains("account would have 4 open orders").contains("limit 3");
    }
}
