package io.ringnsq.admin;

/**
 * What the pages need to draw graphite graphs, written into the page as {@code data-*} attributes of its body
 * (upstream writes the same values into script variables of its page): whether graphs are on (a graphite
 * URL is set), where {@code /render} is (nsqadmin itself, below its base path, with {@code --proxy-graphite};
 * graphite otherwise, without the credentials of its URL), and the statsd settings the metric names are
 * made from. The page's {@code graphs.js} builds the targets from them.
 */
final class GraphPageSettings
{
    private GraphPageSettings()
    {
    }

    /** The attributes, each with a leading space, values escaped for a double-quoted attribute. */
    static String attributes(final AdminContext context, final GraphiteUrl graphite)
    {
        final String base = context.basePath().equals("/") ? "" : context.basePath();
        return attribute("data-graph-enabled", String.valueOf(graphite.isSet()))
            + attribute("data-graphite-url", context.proxyGraphite() ? base : graphite.address())
            + attribute("data-statsd-prefix", context.statsdPrefix())
            + attribute("data-statsd-counter-format", context.statsdCounterFormat())
            + attribute("data-statsd-gauge-format", context.statsdGaugeFormat())
            + attribute("data-statsd-interval", String.valueOf(Math.max(1, context.statsdInterval().toSeconds())));
    }

    private static String attribute(final String name, final String value)
    {
        return " " + name + "=\"" + value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;") + "\"";
    }
}
