package dev.ballast.runtime.plan;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class StrategyDocumentLoaderTest {
    private static final String VALID = """
            version: 1
            id: sma
            universe: [AAPL, MSFT]
            timeframe: 1d
            indicators:
              fast: {type: sma, source: close, period: 10}
              slow: {type: sma, source: close, period: 30}
            entry: {longWhen: "crosses_above(fast, slow)"}
            exit: {longWhen: "crosses_below(fast, slow)"}
            sizing: {mode: fixed, quantity: 100}
            """;

    private static StrategyDocumentLoader.LoadResult yaml(String text) {
        return StrategyDocumentLoader.parse(text, "answer.yaml");
    }

    @Test
    void readsAValidDocument() {
        StrategyDocumentLoader.LoadResult result = yaml(VALID);
        assertThat(result.errors()).isEmpty();
        assertThat(result.document().indicators()).containsOnlyKeys("fast", "slow");
        assertThat(result.document().sizing().quantity()).isEqualByComparingTo(BigDecimal.valueOf(100));
        assertThat(result.warmUpBars()).isEqualTo(30);
    }

    @Test
    void readsJsonByNameOrByContent() {
        String json = """
                {"version": 1, "id": "j", "universe": ["AAPL"], "timeframe": "1h",
                 "entry": {"longWhen": "close > open"}, "exit": {"longWhen": "close < open"},
                 "sizing": {"mode": "percentOfEquity", "percent": 5}}
                """;
        assertThat(StrategyDocumentLoader.parse(json, "x.json").errors()).isEmpty();
        assertThat(StrategyDocumentLoader.parse(json, "llm answer").errors()).isEmpty();
        assertThat(StrategyDocumentLoader.parse(json.replace("\"id\"", "\"idd\""), "x.json").errors())
                .singleElement().asString().startsWith("idd: unknown key; valid keys: description, entry");
        assertThat(StrategyDocumentLoader.parse(json + "}", "x.json").errors()).singleElement().asString()
                .startsWith("(document): not valid JSON");
        assertThat(StrategyDocumentLoader.parse("{\"id\": \"a\", \"id\": \"b\"}", "x.json").errors()).singleElement().asString()
                .isEqualTo("id: duplicate key; each key may be given once (a second one would silently replace the first) (line 1)");
    }

    @Test
    void unknownKeysNameTheirPath() {
        assertThat(yaml(VALID.replace("period: 30}", "period: 30, lenght: 3}")).errors()).singleElement().asString()
                .isEqualTo("indicators.slow.lenght: unknown key; valid keys in indicators.slow: period, source, type");
        assertThat(yaml(VALID.replace("quantity: 100}", "quantity: 100, qty: 1}")).errors()).singleElement().asString()
                .startsWith("sizing.qty: unknown key; valid keys in sizing: mode, percent, quantity, riskPercent, targetVolatilityPct, volatilityLookback");
        assertThat(yaml(VALID + "risk: {orders: {maxQuantity: 5}}\n").errors()).singleElement().asString()
                .isEqualTo("risk.orders: unknown key; valid keys in risk: loss, order, performance, position");
        assertThat(yaml(VALID + "risk: {order: {maxQty: 5}}\n").errors()).singleElement().asString()
                .startsWith("risk.order.maxQty: unknown key; valid keys in risk.order: duplicateWindowMs, maxNotional");
    }

    @Test
    void wrongTypesNameTheirPath() {
        assertThat(yaml(VALID.replace("period: 10", "period: ten")).errors()).singleElement().asString()
                .startsWith("indicators.fast.period: expected a number, got \"ten\" (line 6)");
        assertThat(yaml(VALID.replace("period: 10", "period: 10.5")).errors()).singleElement().asString()
                .startsWith("indicators.fast.period: expected a whole number, got 10.5");
        assertThat(yaml(VALID.replace("[AAPL, MSFT]", "[AAPL, [MSFT]]")).errors()).singleElement().asString()
                .startsWith("universe[1]: expected a single value (text)");
        assertThat(yaml(VALID.replace("universe: [AAPL, MSFT]", "universe: {a: 1}")).errors()).singleElement().asString()
                .startsWith("universe: expected a list");
        assertThat(yaml(VALID.replace("quantity: 100", "quantity: lots")).errors()).singleElement().asString()
                .startsWith("sizing.quantity: expected a number");
        assertThat(yaml(VALID + "risk: {position: {maxOpenPositions: many}}\n").errors()).singleElement().asString()
                .startsWith("risk.position.maxOpenPositions: expected a number");
    }

    @Test
    void validatorErrorsAreAllReported() {
        assertThat(yaml(VALID.replace("version: 1", "version: 2").replace("timeframe: 1d", "timeframe: 1w")
                .replace("crosses_below(fast, slow)", "crosses_below(fast, slow")).errors())
                .containsExactly("version: must be 1 (the only version of the language), was 2",
                        "timeframe: '1w' is not a timeframe; one of 1m, 5m, 15m, 30m, 1h, 4h, 1d",
                        "exit.longWhen: at 24: expected ',' or ')' to close the call of crosses_below opened at 13, found end of expression; valid: ')'");
    }

    @Test
    void riskSectionIsPlannedAsOneStrategysLimits() {
        assertThat(yaml(VALID + "risk: {position: {maxOpenPositions: 2}, loss: {maxDailyLossPct: 2}}\n").errors()).isEmpty();
        assertThat(yaml(VALID + "risk: {loss: {maxDailyLossPct: 150}}\n").errors()).singleElement().asString()
                .startsWith("risk.loss.maxDailyLossPct:");
    }

    @Test
    void refusesAnAliasThatWouldTradeTheAnchorsName() {
        assertThat(yaml(VALID.replace("universe: [AAPL, MSFT]", "universe: [&SYM001 SYM000, *SYM001]")).errors()).containsExactly(
                "(document): not valid YAML (line 3): anchor '&SYM001' is not allowed: YAML anchors and aliases are refused; write the value out");
        assertThat(yaml(VALID.replace("exit: {longWhen: \"crosses_below(fast, slow)\"}", "exit: {longWhen: *x}")).errors())
                .containsExactly("(document): not valid YAML (line 9): alias '*x' is not allowed: YAML anchors and aliases are refused; write the value out");
        assertThat(yaml(VALID.replace("fast: {type", "fast: &f {type")).errors()).singleElement().asString()
                .startsWith("(document): not valid YAML (line 6): anchor '&f' is not allowed");
    }

    @Test
    void refusesDuplicateKeyWithItsPathAndLine() {
        assertThat(yaml(VALID.replace("sizing: {mode: fixed, quantity: 100}", "sizing: {mode: fixed, quantity: 100, quantity: 5}")).errors())
                .containsExactly("sizing.quantity: duplicate key; each key may be given once (a second one would silently replace the first) (line 10)");
        assertThat(yaml(VALID + "id: other\n").errors()).singleElement().asString().startsWith("id: duplicate key;").endsWith("(line 11)");
    }

    @Test
    void emptyGarbageAndDuplicateKeys() {
        assertThat(yaml("").errors()).containsExactly("(document): is empty; expected a strategy document");
        assertThat(yaml("just words").errors()).singleElement().asString().startsWith("(document)");
        assertThat(yaml("id: a\nid: b\n").errors()).singleElement().asString().containsIgnoringCase("duplicate");
        assertThat(yaml("version: 1\n\u0007").errors()).singleElement().asString().startsWith("(document): control character U+0007 at line 2");
        assertThat(StrategyDocumentLoader.parse(null, "x").errors()).hasSize(1);
    }

    @Test
    void files(@TempDir Path dir) throws IOException {
        Path ok = Files.writeString(dir.resolve("s.yml"), VALID);
        assertThat(StrategyDocumentLoader.load(ok).errors()).isEmpty();
        assertThat(StrategyDocumentLoader.load(dir.resolve("missing.yaml")).errors()).containsExactly("(file): file not found");
        assertThat(StrategyDocumentLoader.load(Files.writeString(dir.resolve("s.txt"), VALID)).errors()).singleElement().asString()
                .startsWith("(file): expected a .yaml, .yml or .json file");
        Path latin1 = Files.write(dir.resolve("l.yaml"), ("description: caf" + (char) 0xE9 + "\n").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(StrategyDocumentLoader.load(latin1).errors()).containsExactly(
                "(file): not UTF-8 text (invalid byte at offset 16); save it as UTF-8");
    }
}
