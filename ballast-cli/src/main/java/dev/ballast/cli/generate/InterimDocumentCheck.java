package dev.ballast.cli.generate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ballast.engine.strategy.lang.StrategyDocument;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A stand-in for the strategy language's loader until it is plugged in ({@link LoaderDocumentCheck}):
 * binds the text to {@link StrategyDocument} refusing unknown keys and checks that the required
 * fields are there. Expressions, indicators and sizing rules are not checked here.
 */
final class InterimDocumentCheck implements DocumentCheck {
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Override
    public List<String> errors(String text) {
        StrategyDocument doc;
        try {
            doc = MAPPER.readValue(text, StrategyDocument.class);
        } catch (UnrecognizedPropertyException e) {
            return List.of(path(e) + ": unknown key '" + e.getPropertyName() + "'");
        } catch (JsonMappingException e) {
            return List.of(path(e) + ": " + e.getOriginalMessage());
        } catch (Exception e) {
            return List.of("(document): not a YAML or JSON mapping: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (doc == null) return List.of("(document): empty");
        List<String> errors = new ArrayList<>();
        if (doc.version() != 1) errors.add("version: must be 1");
        if (doc.id() == null || doc.id().isBlank()) errors.add("id: required (letters, digits, '_' and '.')");
        if (doc.universe() == null || doc.universe().isEmpty()) errors.add("universe: required, a list of symbols");
        if (doc.timeframe() == null) errors.add("timeframe: required (1m, 5m, 1h or 1d)");
        if (doc.entry() == null || doc.entry().longWhen() == null && doc.entry().shortWhen() == null)
            errors.add("entry: required, with longWhen and/or shortWhen");
        if (doc.exit() == null || doc.exit().longWhen() == null && doc.exit().shortWhen() == null)
            errors.add("exit: required, with longWhen and/or shortWhen");
        if (doc.sizing() == null || doc.sizing().mode() == null)
            errors.add("sizing.mode: required (fixed, percentOfEquity, volatilityTarget or fixedRisk)");
        return errors;
    }

    private static String path(JsonMappingException e) {
        String p = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return p.isEmpty() ? "(document)" : p;
    }
}
