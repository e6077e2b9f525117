package dev.ballast.runtime.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.io.ContentReference;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;

import java.io.StringReader;

/**
 * Refuses YAML anchors ({@code &name}) and aliases ({@code *name}) in the files Ballast reads (run
 * configurations, strategy documents, gate configurations). Jackson does not resolve an alias: it reads
 * it as the text of the anchor's name, so {@code symbols: [&SYM001 SYM000, *SYM001]} would silently
 * trade SYM001. None of these files needs reuse, so refusing is safer than resolving. The check reads
 * SnakeYAML's event stream (Jackson's tokens do not show every anchor), without building anything.
 * Stateless and thread-safe.
 */
public final class StrictYaml {
    private StrictYaml() {}

    /**
     * Throws at the first anchor or alias of {@code yaml}. Text that is not valid YAML passes: the
     * caller's own reading reports it in its usual terms.
     *
     * @throws JsonParseException naming the anchor or alias, located at its line and column
     */
    public static void refuseAnchorsAndAliases(String yaml) throws JsonParseException {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Math.max(options.getCodePointLimit(), yaml.length() + 1));
        try {
            for (Event event : new Yaml(options).parse(new StringReader(yaml))) {
                String refused = event instanceof AliasEvent alias ? "alias '*" + alias.getAnchor() + "'"
                        : event instanceof NodeEvent node && node.getAnchor() != null ? "anchor '&" + node.getAnchor() + "'" : null;
                if (refused != null) {
                    JsonLocation at = new JsonLocation(ContentReference.unknown(), -1,
                            event.getStartMark().getLine() + 1, event.getStartMark().getColumn() + 1);
                    throw new JsonParseException(refused + " is not allowed: YAML anchors and aliases are refused; write the value out", at);
                }
            }
        } catch (YAMLException e) {
            // not valid YAML: left to the caller's reading, which says so with its line
        }
    }
}
