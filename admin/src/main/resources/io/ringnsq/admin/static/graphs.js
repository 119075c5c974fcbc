/*
 * graphite graphs as upstream nsqadmin draws them (its handlebars_helpers.js): the render targets of the stats
 * nsqd's statsd push sends, and the /render URLs of a sparkline and of a large graph. Pure functions of the
 * page's settings: app.js puts them on the page, and the tests run this file in node.
 *
 * A graph is {kind, node, topic, channel, key, quantiles}: kind "topic", "channel", "node" (nsqd's mem.* stats),
 * "e2e" (one target per quantile) or "counter" (every channel of every topic); node a node's address, or "*" or
 * "" for every node.
 */
"use strict";
(function (global) {
  /** Which stats statsd keeps as counters and which as gauges (they are named differently in graphite). */
  const METRIC_TYPES = {
    depth: "gauge", in_flight_count: "gauge", deferred_count: "gauge", requeue_count: "counter", timeout_count: "counter",
    message_count: "counter", clients: "gauge", "*_bytes": "gauge", "gc_pause_*": "gauge", gc_runs: "counter",
    heap_objects: "gauge", e2e_processing_latency: "gauge"
  };

  /**
   * @param settings {url, enabled, prefix, counterFormat, gaugeFormat, interval}: where /render is (nsqadmin's own
   *   with --proxy-graphite), whether a graphite URL is set, and the --statsd-* flags (interval in seconds)
   */
  function create(settings) {
    const base = settings.url || "";
    const interval = Math.max(1, Number(settings.interval) || 60);

    /** nsqd's prefix for a node: %s is the node's host:port with every "." and ":" made "_", and a "." ends it. */
    function prefix(node) {
      const p = (settings.prefix || "").replace(/%s/g, (node || "*").replace(/[.:]/g, "_"));
      return p === "" || p.endsWith(".") ? p : p + ".";
    }

    /** The stat as graphite names it: --statsd-counter-format or --statsd-gauge-format, "" meaning the stat as it is. */
    function format(key, stat) {
      const type = METRIC_TYPES[key];
      const f = type === "counter" ? settings.counterFormat : type === "gauge" ? settings.gaugeFormat : "";
      return f ? f.replace(/%s/g, stat) : stat;
    }

    function targets(g) {
      const p = prefix(g.node);
      const topic = "topic." + sanitize(g.topic || "");
      switch (g.kind) {
        case "topic":
          return ["sumSeries(" + format(g.key, p + topic + "." + g.key) + ")"];
        case "channel":
          return ["sumSeries(" + format(g.key, p + topic + ".channel." + sanitize(g.channel || "") + "." + g.key) + ")"];
        case "node": {
          const stat = format(g.key, p + "mem." + g.key);
          return [g.key === "gc_runs" ? "movingAverage(" + stat + ",45)" : stat];
        }
        case "e2e":
          return (g.quantiles || []).map(q => {
            const owner = g.channel ? topic + ".channel." + sanitize(g.channel) : topic;
            const stat = format(g.key, p + owner + "." + g.key + "_" + percent(q));
            return "scale(" + (g.node === "*" || !g.node ? "averageSeries(" + stat + ")" : stat) + ",0.000001)";
          });
        case "counter":
          return ["sumSeries(" + format(g.key, p + "topic.*.channel.*." + g.key) + ")"];
        default:
          return [];
      }
    }

    /** 20×120, no axes, grid or legend, for a table cell; each target averaged over a statsd interval. */
    function sparkline(g, timeframe) {
      return render([["colorList", colors(g)], ["height", "20"], ["width", "120"], ["hideGrid", "true"], ["hideLegend", "true"],
        ["hideAxes", "true"], ["bgcolor", "ff000000"], ["fgcolor", "black"], ["margin", "0"], ["yMin", "0"],
        ["lineMode", "connected"], ["drawNullAsZero", "false"], ["from", "-" + timeframe], ["until", "-1min"]],
        targets(g).map(t => summarize(t)));
    }

    /** 800×450 with axes; a counter scaled to a rate per second. */
    function largeGraph(g, timeframe) {
      const perSecond = METRIC_TYPES[g.key] === "counter";
      return render([["colorList", colors(g)], ["height", "450"], ["width", "800"], ["bgcolor", "ff000000"], ["fgcolor", "999999"],
        ["yMin", "0"], ["lineMode", "connected"], ["drawNullAsZero", "false"], ["from", "-" + timeframe], ["until", "-1min"]],
        targets(g).map(t => summarize(perSecond ? "scale(" + t + "," + (1 / interval) + ")" : t)));
    }

    function summarize(target) {
      return "summarize(" + target + ",\"" + interval + "sec\",\"avg\")";
    }

    function render(params, targetList) {
      const pairs = params.concat(targetList.map(t => ["target", t]));
      return base + "/render?" + pairs.map(([k, v]) => param(k) + "=" + param(v)).join("&");
    }

    return {
      enabled: settings.enabled === true || settings.enabled === "true",
      interval: interval,
      targets: targets,
      sparkline: sparkline,
      largeGraph: largeGraph,
      /** The target of a graph's message rate (what /api/graphite?metric=rate divides by the interval). */
      rateTarget: g => targets(Object.assign({}, g, { key: "message_count" }))[0]
    };
  }

  function colors(g) {
    if (g.kind === "topic" || g.kind === "channel") {
      return g.key === "depth" || g.key === "deferred_count" ? "red" : "blue";
    }
    return g.kind === "node" ? "red,green,blue,purple" : g.kind === "counter" ? "green" : "blue";
  }

  /** What statsd keeps of a name in a key (its graphite backend drops the rest): "#ephemeral" becomes "ephemeral". */
  function sanitize(name) {
    return name.replace(/\s+/g, "_").replace(/\//g, "-").replace(/[^a-zA-Z0-9\-_.]/g, "");
  }

  /** nsqd's e2e stat suffix: quantile × 100 written as Go's %.0f does (half to even). */
  function percent(quantile) {
    const x = quantile * 100;
    const floor = Math.floor(x);
    const rest = x - floor;
    return String(rest > 0.5 || (rest === 0.5 && floor % 2 === 1) ? floor + 1 : floor);
  }

  /** jQuery's $.param encoding, as upstream's URLs have it. */
  function param(text) {
    return encodeURIComponent(text).replace(/%20/g, "+");
  }

  const api = { create: create };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
  } else {
    global.Graphs = api;
  }
})(typeof window !== "undefined" ? window : globalThis);
