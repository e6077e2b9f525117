package dev.ballast.engine.strategy.lang;

import java.util.List;

/** Hand-built syntax trees for tests (no parser needed). */
final class Ast {
    private Ast() {}

    static Expr num(double v) {
        return new Expr.Number(v, 0);
    }

    static Expr ser(String name) {
        return new Expr.Series(name, 0);
    }

    static Expr call(String f, Expr... args) {
        return new Expr.Call(f, List.of(args), 0);
    }

    static Expr sma(Expr source, int period) {
        return call("sma", source, num(period));
    }

    static Expr bin(String op, Expr l, Expr r) {
        return new Expr.Binary(op, l, r, 0);
    }

    static Expr neg(Expr e) {
        return new Expr.Unary("-", e, 0);
    }

    static Expr not(Expr e) {
        return new Expr.Unary("not", e, 0);
    }

    static Expr lb(Expr target, int n) {
        return new Expr.Lookback(target, n, 0);
    }
}
