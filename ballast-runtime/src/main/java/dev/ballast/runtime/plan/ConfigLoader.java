package dev.ballast.runtime.plan;

import java.util.Map;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.TreeSet;

/**
 * Reads a YAML run configuration into a {@link RunConfig}, refusing unknown keys, wrong types, duplicate
 * keys and YAML anchors/aliases ({@link StrictYaml}) with a message that names the file, the line and
 * the key. Stateless and thread-safe.
 */
public final class ConfigLoader {
    private static final long MAX_CONFIG_BYTES = 1 << 20;
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)   // maxOpenOrders: 2.5 is a mistake, not 2
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)  // initialCash twice: the last would win silently
            .build();

    private ConfigLoader() {}

    public static RunConfig load(Path file) {
        try {
            if (Files.size(file) > MAX_CONFIG_BYTES) throw new ConfigException(file + ": larger than 1 MiB; not a run configuration");
            byte[] yaml = Files.readAllBytes(file);
            StrictYaml.refuseAnchorsAndAliases(new String(yaml, StandardCharsets.UTF_8));
            RunConfig config = MAPPER.readValue(yaml, RunConfig.class);
            if (config == null) throw new ConfigException(file + ": the file is empty");
            return config;
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": file not found");
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(file + where(e.getLocation()) + ": unknown key '" + e.getPropertyName() + "' in "
                    + JacksonErrors.parentPath(e, "the top level") + " (valid keys: " + String.join(", ", new TreeSet<>(e.getKnownPropertyIds().stream()
                    .map(Object::toString).toList())) + ")" + moved(JacksonErrors.parentPath(e, "the top level"), e.getPropertyName()));
        } catch (JsonMappingException e) {
            String duplicate = JacksonErrors.duplicateKey(e);
            if (duplicate != null) throw new ConfigException(file + where(e.getLocation()) + ": " + JacksonErrors.duplicateKeyMessage(duplicate));
            throw new ConfigException(file + where(e.getLocation()) + ": " + JacksonErrors.path(e, "(top level)") + ": " + JacksonErrors.plain(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            String duplicate = JacksonErrors.duplicateKey(e);
            if (duplicate != null) throw new ConfigException(file + where(e.getLocation()) + ": " + JacksonErrors.duplicateKeyMessage(duplicate));
            throw new ConfigException(file + where(e.getLocation()) + ": not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** Keys of the flat {@code risk:} section of earlier versions, and where they live now. */
    private static final Map<String, String> MOVED_RISK_KEYS = Map.of(
            "maxOrderNotional", "risk.account.order.maxNotional",
            "maxPositionQuantity", "risk.account.position.maxQuantity",
            "maxPositionNotional", "risk.account.position.maxNotional",
            "checkBuyingPower", "risk.account.checkBuyingPower");

    private static String moved(String parent, String key) {
        String now = parent.equals("risk") ? MOVED_RISK_KEYS.get(key) : null;
        return now == null ? "" : "; " + key + " is now " + now;
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "" : ":" + location.getLineNr();
    }

}
