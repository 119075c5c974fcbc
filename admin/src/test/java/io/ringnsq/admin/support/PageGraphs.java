package io.ringnsq.admin.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The page's {@code graphs.js} run in node ({@code admin/browser/graphs-eval.js}), no browser needed: what it
 * makes of graphs with given settings. A machine without node skips the calling test.
 */
public final class PageGraphs
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long LIMIT_S = 30;

    private final Map<String, Object> settings;

    /** @param settings what the page is handed: enabled, url, prefix, counterFormat, gaugeFormat, interval */
    public PageGraphs(final Map<String, Object> settings)
    {
        assumeTrue(Browser.onPath("node").isPresent(), "node is not on PATH: the graph target tests run graphs.js in it");
        this.settings = settings;
    }

    /** One {targets, sparkline, largeGraph, rateTarget} per graph, the URLs for this timeframe. */
    public List<JsonNode> of(final String timeframe, final List<Map<String, Object>> graphs) throws IOException, InterruptedException
    {
        final Path graphsJs = Path.of(System.getProperty("ringnsq.admin.basedir", System.getProperty("user.dir")))
            .resolve("src/main/resources/io/ringnsq/admin/static/graphs.js");
        final String input = JSON.writeValueAsString(Map.of("settings", settings, "timeframe", timeframe, "graphs", graphs));
        final Browser.Result result = Browser.run(List.of("node", Browser.folder().resolve("graphs-eval.js").toString(),
            graphsJs.toString(), input), Browser.folder(), LIMIT_S);
        if (result.exitCode() != 0)
        {
            throw new IOException("graphs-eval.js failed:\n" + result.output());
        }
        final String output = result.output().trim();
        return List.of(JSON.readValue(output.substring(output.lastIndexOf('\n') + 1), JsonNode[].class));
    }

    /** The targets of one graph. */
    public List<String> targets(final Map<String, Object> graph) throws IOException, InterruptedException
    {
        final List<String> targets = new ArrayList<>();
        of("2h", List.of(graph)).get(0).path("targets").forEach(t -> targets.add(t.asText()));
        return targets;
    }
}
