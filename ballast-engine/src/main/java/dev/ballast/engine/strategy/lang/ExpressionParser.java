package dev.ballast.engine.strategy.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A hand-written Pratt parser for the expressions of the strategy language. Grammar, loosest first:
 * <pre>
 *   expr       := or
 *   or         := and ('or' and)*
 *   and        := not ('and' not)*
 *   not        := 'not' not | comparison
 *   comparison := additive (('<' | '<=' | '>' | '>=' | '==' | '!=') additive)?     -- does not chain
 *   additive   := term (('+' | '-') term)*
 *   term       := unary (('*' | '/') unary)*
 *   unary      := '-' unary | postfix
 *   postfix    := primary ('[' INTEGER ']')*
 *   primary    := NUMBER | NAME | NAME '(' (expr (',' expr)*)? ')' | '(' expr ')'
 * </pre>
 * Binary operators are left-associative. {@code not} binds looser than comparisons
 * ({@code not close > open} is {@code not (close > open)}), unary minus tighter than {@code *}.
 *
 * <p>Limits against hostile input, each refused with a position: source at most {@value #MAX_SOURCE_LENGTH}
 * characters, nesting (parentheses, call arguments, unary operands, lookbacks) at most
 * {@value #MAX_DEPTH} deep, at most {@value #MAX_NODES} syntax-tree nodes, lookbacks {@code [n]}
 * at most {@value #MAX_LOOKBACK}, number literals finite. The parser never recurses deeper than the
 * nesting limit, so no input overflows the stack. Only syntax is checked here; names, arities and
 * types are the {@link ExpressionChecker}'s. Stateless and thread-safe (each call has its own state).
 */
public final class ExpressionParser {
    public static final int MAX_SOURCE_LENGTH = 2000;
    public static final int MAX_DEPTH = 32;
    public static final int MAX_NODES = 500;
    public static final int MAX_LOOKBACK = 500;

    private static final String VALID_OPERAND = "a number, a name (close, sma, ...), a function call, '(', '-' or 'not'";
    private static final String VALID_OPERATOR = "an operator (+ - * / < <= > >= == != and or), '[n]', ',' or ')' where one is open";

    private enum Kind { NUMBER, NAME, OPERATOR, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, END }

    private record Token(Kind kind, String text, double number, int position) {
        String describe() {
            return switch (kind) {
                case END -> "end of expression";
                case NUMBER -> "number " + text;
                case NAME -> isKeyword(text) ? "'" + text + "'" : "name '" + text + "'";
                default -> "'" + text + "'";
            };
        }
    }

    private final String source;
    private final List<Token> tokens;
    private int next;
    private int depth;
    private int nodes;

    private ExpressionParser(String source, List<Token> tokens) {
        this.source = source;
        this.tokens = tokens;
    }

    /**
     * Parses one expression.
     *
     * @throws ExpressionException with the position of the first problem and what would be valid there
     */
    public static Expr parse(String source) {
        if (source == null) throw new ExpressionException(0, "no expression", "an expression such as close > sma(close, 20)");
        if (source.length() > MAX_SOURCE_LENGTH) {
            throw new ExpressionException(MAX_SOURCE_LENGTH, "expression is " + source.length() + " characters long",
                    "at most " + MAX_SOURCE_LENGTH + " characters");
        }
        if (source.isBlank()) throw new ExpressionException(0, "empty expression", "an expression such as close > sma(close, 20)");
        ExpressionParser parser = new ExpressionParser(source, tokenize(source));
        Expr expr = parser.expression(0);
        Token end = parser.peek();
        if (end.kind != Kind.END) {
            String hint = end.kind == Kind.RPAREN ? "; there is no '(' open for it" : "";
            throw new ExpressionException(end.position, "unexpected " + end.describe() + " after a complete expression" + hint,
                    VALID_OPERATOR.replace(", ',' or ')' where one is open", "") + " or the end");
        }
        return expr;
    }

    // ---- tokens ----

    private static boolean isKeyword(String name) {
        return name.equals("and") || name.equals("or") || name.equals("not");
    }

    private static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
                continue;
            }
            int start = i;
            if (isDigit(c) || (c == '.' && i + 1 < n && isDigit(s.charAt(i + 1)))) {
                while (i < n && isDigit(s.charAt(i))) i++;
                if (i < n && s.charAt(i) == '.') {
                    i++;
                    if (i >= n || !isDigit(s.charAt(i))) {
                        if (start == i - 1) throw new ExpressionException(start, "'.' is not a number", "digits after '.', as in 0.5");
                    }
                    while (i < n && isDigit(s.charAt(i))) i++;
                }
                if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                    int e = i;
                    i++;
                    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
                    if (i >= n || !isDigit(s.charAt(i))) {
                        throw new ExpressionException(e, "incomplete exponent in number '" + s.substring(start, i) + "'", "digits after 'e', as in 1e6");
                    }
                    while (i < n && isDigit(s.charAt(i))) i++;
                }
                if (i < n && isNameStart(s.charAt(i))) {
                    throw new ExpressionException(i, "a name cannot follow the number '" + s.substring(start, i) + "' directly",
                            "an operator or a space between them");
                }
                String text = s.substring(start, i);
                double value = Double.parseDouble(text);
                if (!Double.isFinite(value)) {
                    throw new ExpressionException(start, "number " + text + " is too large", "finite numbers (below 1.7e308)");
                }
                out.add(new Token(Kind.NUMBER, text, value, start));
                continue;
            }
            if (isNameStart(c)) {
                while (i < n && (isNameStart(s.charAt(i)) || isDigit(s.charAt(i)))) i++;
                out.add(new Token(Kind.NAME, s.substring(start, i), 0, start));
                continue;
            }
            char d = i + 1 < n ? s.charAt(i + 1) : 0;
            switch (c) {
                case '(' -> out.add(new Token(Kind.LPAREN, "(", 0, i++));
                case ')' -> out.add(new Token(Kind.RPAREN, ")", 0, i++));
                case '[' -> out.add(new Token(Kind.LBRACKET, "[", 0, i++));
                case ']' -> out.add(new Token(Kind.RBRACKET, "]", 0, i++));
                case ',' -> out.add(new Token(Kind.COMMA, ",", 0, i++));
                case '+', '-', '*', '/' -> out.add(new Token(Kind.OPERATOR, String.valueOf(c), 0, i++));
                case '<', '>' -> {
                    String op = d == '=' ? c + "=" : String.valueOf(c);
                    out.add(new Token(Kind.OPERATOR, op, 0, i));
                    i += op.length();
                }
                case '=' -> {
                    if (d != '=') throw new ExpressionException(i, "'=' is not an operator", "'==' to compare");
                    out.add(new Token(Kind.OPERATOR, "==", 0, i));
                    i += 2;
                }
                case '!' -> {
                    if (d != '=') throw new ExpressionException(i, "'!' is not an operator", "'!=' to compare, 'not' to negate");
                    out.add(new Token(Kind.OPERATOR, "!=", 0, i));
                    i += 2;
                }
                case '&' -> throw new ExpressionException(i, "'" + (d == '&' ? "&&" : "&") + "' is not an operator", "'and'");
                case '|' -> throw new ExpressionException(i, "'" + (d == '|' ? "||" : "|") + "' is not an operator", "'or'");
                default -> throw new ExpressionException(i, "unexpected character " + printable(c),
                        "numbers, names, + - * / < <= > >= == != and or not, ( ) [ ] and ','");
            }
        }
        out.add(new Token(Kind.END, "", 0, n));
        return out;
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format(Locale.ROOT, "U+%04X", (int) c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token advance() {
        return tokens.get(next++);
    }

    // ---- Pratt parser ----

    /** Binding power of a binary operator token; 0 when the token is not one. */
    private static int infixPower(Token t) {
        if (t.kind == Kind.NAME) {
            return switch (t.text) {
                case "or" -> 1;
                case "and" -> 2;
                default -> 0;
            };
        }
        if (t.kind != Kind.OPERATOR) return 0;
        return switch (t.text) {
            case "<", "<=", ">", ">=", "==", "!=" -> COMPARISON;
            case "+", "-" -> 4;
            case "*", "/" -> 5;
            default -> 0;
        };
    }

    private static final int COMPARISON = 3;
    private static final int NOT_OPERAND = COMPARISON - 1;   // 'not' takes a comparison: not a > b == not (a > b)
    private static final int UNARY_MINUS_OPERAND = 5;         // -a * b == (-a) * b; -a[1] == -(a[1])

    /** Parses an expression whose operators all bind tighter than {@code minPower}. */
    private Expr expression(int minPower) {
        Expr left = prefix();
        while (true) {
            Token op = peek();
            int power = infixPower(op);
            if (power <= minPower) {
                if (power == COMPARISON && minPower == COMPARISON) {
                    throw new ExpressionException(op.position, "comparisons do not chain ('" + op.text + "' after a comparison)",
                            "join them with 'and', as in a < b and b < c");
                }
                break;
            }
            advance();
            enter(op);
            Expr right = expression(power);
            leave();
            left = new Expr.Binary(op.text, left, right, left.position());
            count(op);
        }
        return left;
    }

    private Expr prefix() {
        Token t = advance();
        Expr result;
        switch (t.kind) {
            case NUMBER -> {
                result = new Expr.Number(t.number, t.position);
                count(t);
            }
            case NAME -> {
                if (t.text.equals("not")) {
                    enter(t);
                    Expr operand = expression(NOT_OPERAND);
                    leave();
                    result = new Expr.Unary("not", operand, t.position);
                    count(t);
                } else if (t.text.equals("and") || t.text.equals("or")) {
                    throw new ExpressionException(t.position, "'" + t.text + "' needs a condition on its left", VALID_OPERAND);
                } else if (peek().kind == Kind.LPAREN) {
                    result = call(t, advance());
                } else {
                    result = new Expr.Series(t.text, t.position);
                    count(t);
                }
            }
            case LPAREN -> {
                enter(t);
                Expr inner = expression(0);
                Token close = advance();
                if (close.kind != Kind.RPAREN) {
                    throw new ExpressionException(close.position, "expected ')' to close the '(' opened at " + t.position
                            + ", found " + close.describe(), closeHint(close));
                }
                leave();
                result = inner;
            }
            case OPERATOR -> {
                if (!t.text.equals("-")) {
                    String hint = t.text.equals("+") ? "; write the number without '+'" : "";
                    throw new ExpressionException(t.position, "expected an operand, found '" + t.text + "'" + hint, VALID_OPERAND);
                }
                enter(t);
                Expr operand = expression(UNARY_MINUS_OPERAND);
                leave();
                result = new Expr.Unary("-", operand, t.position);
                count(t);
            }
            default -> throw new ExpressionException(t.position, "expected an operand, found " + t.describe(), VALID_OPERAND);
        }
        while (peek().kind == Kind.LBRACKET) result = lookback(result, advance());
        return result;
    }

    private String closeHint(Token found) {
        return found.kind == Kind.END ? "')'" : VALID_OPERATOR;
    }

    private Expr call(Token name, Token open) {
        enter(open);
        List<Expr> arguments = new ArrayList<>();
        if (peek().kind == Kind.RPAREN) {
            advance();
        } else {
            while (true) {
                arguments.add(expression(0));
                Token t = advance();
                if (t.kind == Kind.RPAREN) break;
                if (t.kind != Kind.COMMA) {
                    throw new ExpressionException(t.position, "expected ',' or ')' to close the call of " + name.text
                            + " opened at " + open.position + ", found " + t.describe(),
                            t.kind == Kind.END ? "')'" : "',' before the next argument, ')' to end the call, or an operator");
                }
            }
        }
        leave();
        Expr call = new Expr.Call(name.text, arguments, name.position);
        count(name);
        return call;
    }

    private Expr lookback(Expr target, Token open) {
        enter(open);
        Token n = advance();
        boolean negative = n.kind == Kind.OPERATOR && n.text.equals("-");
        if (n.kind != Kind.NUMBER) {
            throw new ExpressionException(n.position, "expected the number of bars ago after '[' at " + open.position
                    + ", found " + (negative ? "a negative number" : n.describe()),
                    "a whole number literal from 0 to " + MAX_LOOKBACK + " (bars ago; the future cannot be read)");
        }
        if (n.number != Math.rint(n.number) || n.text.contains(".") || n.text.contains("e") || n.text.contains("E")) {
            throw new ExpressionException(n.position, "lookback " + n.text + " is not a whole number",
                    "a whole number literal from 0 to " + MAX_LOOKBACK);
        }
        if (n.number > MAX_LOOKBACK) {
            throw new ExpressionException(n.position, "lookback " + n.text + " is too deep",
                    "a whole number from 0 to " + MAX_LOOKBACK);
        }
        Token close = advance();
        if (close.kind != Kind.RBRACKET) {
            throw new ExpressionException(close.position, "expected ']' to close the '[' opened at " + open.position
                    + ", found " + close.describe(), "']'");
        }
        leave();
        Expr result = new Expr.Lookback(target, (int) n.number, target.position());
        count(open);
        return result;
    }

    private void enter(Token at) {
        if (++depth > MAX_DEPTH) {
            throw new ExpressionException(at.position, "expression nested more than " + MAX_DEPTH + " levels deep",
                    "at most " + MAX_DEPTH + " levels of parentheses, calls and operators; split it into declared indicators");
        }
    }

    private void leave() {
        depth--;
    }

    private void count(Token at) {
        if (++nodes > MAX_NODES) {
            throw new ExpressionException(at.position, "expression has more than " + MAX_NODES + " parts",
                    "at most " + MAX_NODES + " numbers, names, calls and operators");
        }
    }

    @Override
    public String toString() {
        return "ExpressionParser[" + source + "]";
    }
}
