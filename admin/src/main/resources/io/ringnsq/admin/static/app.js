/*
 * nsqadmin's pages: a small single-page app over /api/*. Every name that comes from the cluster
 * reaches the page as text (textContent, setAttribute), never as HTML.
 */
"use strict";
(function () {
  const BASE = document.body.dataset.base || "";
  const MODE = document.body.dataset.mode || "nsqd";
  const given = document.body.dataset; // what nsqadmin wrote into the page
  const GRAPHS = Graphs.create({ enabled: given.graphEnabled, url: given.graphiteUrl, prefix: given.statsdPrefix,
    counterFormat: given.statsdCounterFormat, gaugeFormat: given.statsdGaugeFormat, interval: given.statsdInterval });
  const TIMEFRAMES = ["1h", "2h", "12h", "24h", "48h", "168h", "off"];
  const REFRESH_MS = 2000;
  const COUNTER_MS = 1000;
  const view = document.getElementById("view");
  const alerts = document.getElementById("alerts");
  const series = new Map(); // rate history per chart, kept across refreshes
  let timer = null;
  let generation = 0; // a page's polls stop drawing once another page is shown

  // ------------------------------------------------------------------ DOM helpers

  /** el("td", {class: "num"}, "text", childNode, ...): attributes set, strings added as text. */
  function el(tag, attrs) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const key of Object.keys(attrs)) {
        const v = attrs[key];
        if (v === undefined || v === null || v === false) {
          continue;
        }
        if (key === "onclick" || key === "oninput" || key === "onsubmit") {
          node.addEventListener(key.substring(2), v);
        } else {
          node.setAttribute(key, v === true ? "" : String(v));
        }
      }
    }
    for (let i = 2; i < arguments.length; i++) {
      append(node, arguments[i]);
    }
    return node;
  }

  function append(node, child) {
    if (child === undefined || child === null || child === false) {
      return;
    }
    if (Array.isArray(child)) {
      child.forEach(c => append(node, c));
    } else if (child instanceof Node) {
      node.appendChild(child);
    } else {
      node.appendChild(document.createTextNode(String(child)));
    }
  }

  function link(path, text) {
    return el("a", { href: BASE + path, "data-link": true }, text);
  }

  function enc(name) {
    return encodeURIComponent(name);
  }

  function num(n) {
    return n === undefined || n === null ? "" : Number(n).toLocaleString("en-US");
  }

  function rate(r) {
    return r === null || r === undefined ? "–" : (r < 10 ? r.toFixed(1) : Math.round(r).toLocaleString("en-US")) + "/s";
  }

  function ns(n) {
    if (!n) {
      return "0";
    }
    if (n < 1e3) return n.toFixed(0) + "ns";
    if (n < 1e6) return (n / 1e3).toFixed(1) + "µs";
    if (n < 1e9) return (n / 1e6).toFixed(1) + "ms";
    return (n / 1e9).toFixed(2) + "s";
  }

  function duration(nanos) {
    let s = Math.floor((nanos || 0) / 1e9);
    const h = Math.floor(s / 3600);
    s -= h * 3600;
    const m = Math.floor(s / 60);
    s -= m * 60;
    return (h ? h + "h" : "") + (h || m ? m + "m" : "") + s + "s";
  }

  function td(value, cls) {
    return el("td", cls ? { class: cls } : null, value);
  }

  function numTd(value) {
    return el("td", { class: "num" }, num(value));
  }

  function table(headers, rows) {
    const head = el("tr", null, headers.map(h => el("th", h.num ? { class: "num" } : null, h.label || h)));
    const body = el("tbody");
    const frag = document.createDocumentFragment();
    rows.forEach(r => r && frag.appendChild(r));
    body.appendChild(frag);
    return el("table", null, el("thead", null, head), body);
  }

  function stat(label, value) {
    return el("div", { class: "stat" }, el("div", { class: "label" }, label), el("div", { class: "value" }, value));
  }

  function pausedBadge(paused) {
    return paused ? el("span", { class: "badge paused" }, "paused") : null;
  }

  function percentiles(e2e) {
    if (!e2e || !e2e.percentiles || !e2e.percentiles.length) {
      return "–";
    }
    return e2e.percentiles.map(p => "p" + (p.quantile * 100).toFixed(p.quantile * 100 % 1 ? 1 : 0) + " " + ns(p.value)).join(", ");
  }

  function trackRate(key, count) {
    let s = series.get(key);
    if (!s) {
      s = new Charts.RateSeries(60);
      series.set(key, s);
    }
    s.add(count, Date.now());
    return s;
  }

  // ------------------------------------------------------------------ graphite graphs (--graphite-url)

  /** Upstream's graph timeframe: ?t=, else the one picked last, else 2h; "off" hides the graphs. */
  let timeframe = GRAPHS.enabled ? new URLSearchParams(location.search).get("t") || stored("graph_interval") || "2h" : "off";
  const graphs = new Map(); // image URL -> its link, kept while a page polls so a redraw does not fetch the PNG again
  const rates = new Map(); // rate target -> {text, why, at}
  const rateQueue = [];
  const ratesAsked = new Set();

  function stored(key) {
    try {
      return localStorage.getItem(key);
    } catch (e) {
      return null;
    }
  }

  function graphsOn() {
    return GRAPHS.enabled && timeframe !== "off";
  }

  /** The link made once for an image URL; a copy when it is already placed in the page being built. */
  function graphLink(src, make) {
    let a = graphs.get(src);
    if (!a) {
      a = make();
      graphs.set(src, a);
    } else if (a.parentNode && !a.isConnected) {
      return a.cloneNode(true);
    }
    return a;
  }

  /** A graph's sparkline, linking to its large graph (or to a page of the app); null when graphs are off. */
  function sparkline(g, path) {
    if (!graphsOn()) {
      return null;
    }
    const src = GRAPHS.sparkline(g, timeframe);
    return graphLink(src, () => el("a", { class: "graph", href: path ? BASE + path : GRAPHS.largeGraph(g, timeframe), "data-link": !!path },
      el("img", { src: src, width: 120, height: 20, alt: g.key.replace(/_/g, " "), loading: "lazy" })));
  }

  /** A large graph shown smaller, linking to itself; null when graphs are off. */
  function largeGraph(g, width, title) {
    if (!graphsOn()) {
      return null;
    }
    const src = GRAPHS.largeGraph(g, timeframe);
    return graphLink(src, () => el("a", { class: "graph large", href: src }, el("img", { src: src, width: width, alt: title, title: title })));
  }

  /** Sparklines in a row under a table row, each under its column (null: an empty cell); null when graphs are off. */
  function graphRow(cells) {
    return graphsOn() ? el("tr", { class: "graph-row" }, cells.map(g => el("td", null, g ? sparkline(g) : null))) : null;
  }

  /** The graphs of one topic or channel on a node ("*": on every node), by stat. */
  function graphsOf(kind, node, topic, channel) {
    return key => ({ kind: kind, node: node, topic: topic, channel: channel, key: key });
  }

  /** Under a row of the topic page's node table: depth, messages and e2e latency, as upstream's. */
  function topicGraphRow(node, topic, e2e) {
    const g = graphsOf("topic", node, topic, "");
    return graphRow([null, g("depth"), null, null, g("message_count"), null, null, e2eGraph(node, topic, "", e2e)]);
  }

  /** Under a row of a channel table: upstream's depth, in-flight, deferred, requeued, timed out, messages, clients and e2e. */
  function channelGraphRow(node, topic, channel, e2e, rateColumn) {
    const g = graphsOf("channel", node, topic, channel);
    return graphRow([null, g("depth"), null, null, g("in_flight_count"), g("deferred_count"), g("requeue_count"), g("timeout_count"),
      g("message_count")].concat(rateColumn ? [null] : [], [g("clients"), e2eGraph(node, topic, channel, e2e)]));
  }

  /** The e2e latency graph of a topic or channel, one line per percentile nsqd keeps; null without percentiles. */
  function e2eGraph(node, topic, channel, e2e) {
    const quantiles = e2e && e2e.percentiles ? e2e.percentiles.map(p => p.quantile) : [];
    return quantiles.length ? { kind: "e2e", node: node, topic: topic, channel: channel, key: "e2e_processing_latency", quantiles: quantiles } : null;
  }

  /**
   * A cell with graphite's message rate of a graph. Upstream's pages ask graphite from the browser; these ask
   * /api/graphite, which does the same sum, four at a time, each answer kept for a statsd interval.
   */
  function graphiteRateCell(g) {
    if (!graphsOn()) {
      return null;
    }
    const target = GRAPHS.rateTarget(g);
    const known = rates.get(target);
    if (!known || Date.now() - known.at > GRAPHS.interval * 1000) {
      askRate(target);
    }
    return el("td", { class: "num", "data-rate-target": target, title: known && known.why }, known ? known.text : "…");
  }

  function askRate(target) {
    if (!ratesAsked.has(target) && !rateQueue.includes(target)) {
      rateQueue.push(target);
      askRates();
    }
  }

  function askRates() {
    while (ratesAsked.size < 4 && rateQueue.length) {
      const target = rateQueue.shift();
      ratesAsked.add(target);
      // graphite without datapoints yet is a failure too (upstream's /api/graphite says INTERNAL_ERROR): N/A, and why
      api("GET", "/graphite?metric=rate&target=" + enc(target))
        .then(r => ({ text: r.rate === "N/A" ? "N/A" : r.rate + "/s", why: "" }), e => ({ text: "N/A", why: e.message }))
        .then(answer => {
          rates.set(target, { text: answer.text, why: answer.why, at: Date.now() });
          ratesAsked.delete(target);
          document.querySelectorAll("[data-rate-target]").forEach(c => {
            if (c.dataset.rateTarget === target) {
              c.textContent = answer.text;
              c.title = answer.why;
            }
          });
          askRates();
        });
    }
  }

  /** The timeframe picker in the bar, as upstream's: shown with a graphite URL, the choice kept for next time. */
  function timeframePicker() {
    const picker = document.getElementById("graph-timeframe");
    if (!GRAPHS.enabled || !picker) {
      return;
    }
    const select = picker.querySelector("select");
    TIMEFRAMES.concat(TIMEFRAMES.includes(timeframe) ? [] : [timeframe]).forEach(t => select.appendChild(el("option", { value: t }, t)));
    select.value = timeframe;
    select.addEventListener("change", () => {
      timeframe = select.value;
      try {
        localStorage.setItem("graph_interval", timeframe);
      } catch (e) {
        // a browser without storage forgets the choice
      }
      render();
    });
    picker.hidden = false;
  }

  // ------------------------------------------------------------------ messages and API

  function showAlert(kind, text) {
    const box = el("div", { class: "alert " + kind, role: kind === "ok" ? "status" : "alert" },
      el("span", { class: "close", onclick: () => box.remove(), title: "dismiss" }, "×"), text);
    alerts.appendChild(box);
    if (kind === "ok") {
      setTimeout(() => box.remove(), 4000);
    }
  }

  /** The API's per-node warnings ("WARNING: a; b", each node's failure on its own line) shown once per page load. */
  let lastWarning = "";
  function showWarning(message) {
    if (message && message !== lastWarning) {
      lastWarning = message;
      alerts.querySelectorAll(".alert.warn").forEach(n => n.remove());
      showAlert("warn", message.replace(/^WARNING: /, "Some nodes did not answer:\n").split("; ").join("\n"));
    }
    if (!message && lastWarning) {
      lastWarning = "";
      alerts.querySelectorAll(".alert.warn").forEach(n => n.remove());
    }
  }

  async function api(method, path, body) {
    const init = { method: method, headers: { "Accept": "application/vnd.nsq; version=1.0" } };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers["Content-Type"] = "application/json";
    }
    let response;
    try {
      response = await fetch(BASE + "/api" + path, init);
    } catch (e) {
      throw new Error("nsqadmin did not answer: " + e.message);
    }
    let json = null;
    try {
      json = await response.json();
    } catch (e) {
      json = { message: "HTTP " + response.status };
    }
    if (!response.ok) {
      const err = new Error(json && json.message ? json.message : "HTTP " + response.status);
      err.status = response.status;
      throw err;
    }
    return json;
  }

  /** Asks, acts, tells the outcome, and redraws the page (or goes to another). */
  async function act(question, method, path, body, done, after) {
    if (!window.confirm(question)) {
      return;
    }
    try {
      const result = await api(method, path, body);
      showAlert("ok", done);
      if (result && result.message) {
        showWarning(result.message);
      }
    } catch (e) {
      showAlert("error", done.replace(/\.$/, "") + " failed: " + e.message);
    }
    if (after) {
      navigate(after);
    } else {
      render();
    }
  }

  // ------------------------------------------------------------------ pages

  async function topicsPage(gen) {
    const data = await api("GET", "/topics");
    if (gen !== generation) return;
    showWarning(data.message);
    const topics = data.topics || [];
    const filter = el("input", { type: "search", placeholder: "Filter " + topics.length + " topics", "aria-label": "filter topics" });
    const count = el("span", { class: "muted" });
    const holder = el("div");
    const draw = () => {
      const q = filter.value.trim().toLowerCase();
      const shown = q ? topics.filter(t => t.toLowerCase().includes(q)) : topics;
      count.textContent = shown.length + " of " + topics.length;
      // with graphite, upstream's columns: depth and messages of every node, and the message rate
      const headers = graphsOn() ? ["Topic", "Depth", "Messages", { label: "Rate", num: 1 }] : ["Topic"];
      holder.replaceChildren(table(headers, shown.map(t => {
        const g = graphsOf("topic", "*", t, "");
        const path = "/topics/" + enc(t);
        return el("tr", null, el("td", { class: "name" }, link(path, t)),
          graphsOn() ? el("td", null, sparkline(g("depth"), path)) : null,
          graphsOn() ? el("td", null, sparkline(g("message_count"), path)) : null,
          graphiteRateCell(g("message_count")));
      })));
    };
    filter.addEventListener("input", draw);
    draw();
    view.replaceChildren(el("h1", null, "Topics"), el("div", { class: "toolbar" }, filter, count),
      topics.length ? holder : el("p", { class: "muted" }, "No topics yet. Create one on the Lookup page, or publish to nsqd."));
    // the list is long-lived: it does not poll, so a filter being typed is never redrawn away
  }

  async function topicPage(gen, topic) {
    const t = await api("GET", "/topics/" + enc(topic));
    if (gen !== generation) return;
    showWarning(t.message);
    const nodes = t.nodes || [];
    if (!nodes.length) {
      view.replaceChildren(el("div", { class: "crumbs" }, link("/topics", "Topics"), " /"), el("h1", null, topic),
        el("p", { class: "muted" }, "No node has this topic."));
      return;
    }
    const total = trackRate("topic:" + topic, t.message_count || 0);
    const channels = t.channels || [];
    const p = "/topics/" + enc(topic);
    const actions = el("div", { class: "actions" },
      t.paused
        ? el("button", { onclick: () => act("Unpause topic " + topic + "?", "POST", p, { action: "unpause" }, "Unpaused topic " + topic + ".") }, "Unpause topic")
        : el("button", { onclick: () => act("Pause topic " + topic + "? Its channels stop receiving messages.", "POST", p, { action: "pause" }, "Paused topic " + topic + ".") }, "Pause topic"),
      el("button", { onclick: () => act("Empty topic " + topic + "? Its queued messages are lost.", "POST", p, { action: "empty" }, "Emptied topic " + topic + ".") }, "Empty queue"),
      el("button", { class: "danger", onclick: () => act("Delete topic " + topic + " and all its channels?", "DELETE", p, undefined, "Deleted topic " + topic + ".", "/topics") }, "Delete topic"));
    const nodeRows = nodes.map(n => {
      const r = trackRate("topic:" + topic + "@" + n.node, n.message_count || 0);
      const row = el("tr", null, el("td", { class: "name" }, link("/nodes/" + enc(n.node), n.hostname || n.node), " ", el("span", { class: "muted" }, n.node), pausedBadge(n.paused)),
        numTd(n.depth), numTd(n.memory_depth), numTd(n.backend_depth), numTd(n.message_count), el("td", { class: "num" }, rate(r.latest())),
        numTd((n.channels || []).length), td(percentiles(n.e2e_processing_latency)));
      if (MODE === "lookupd") {
        row.appendChild(el("td", null, el("button", { class: "danger", onclick: () => act("Tombstone topic " + topic + " on " + n.node + "? It is deleted there and hidden from lookupd.", "DELETE", "/nodes/" + enc(n.node), { topic: topic }, "Tombstoned " + topic + " on " + n.node + ".") }, "Tombstone")));
      }
      return [row, topicGraphRow(n.node, topic, n.e2e_processing_latency)];
    }).flat();
    nodeRows.push(el("tr", { class: "total" }, td("Total"), numTd(t.depth), numTd(t.memory_depth), numTd(t.backend_depth),
      numTd(t.message_count), el("td", { class: "num" }, rate(total.latest())), numTd(channels.length), td(percentiles(t.e2e_processing_latency))),
      topicGraphRow("*", topic, t.e2e_processing_latency));
    const nodeHeaders = ["Node", { label: "Depth", num: 1 }, { label: "Memory", num: 1 }, { label: "Disk", num: 1 },
      { label: "Messages", num: 1 }, { label: "Rate", num: 1 }, { label: "Channels", num: 1 }, "E2E latency"];
    if (MODE === "lookupd") nodeHeaders.push("");
    const channelRows = channels.map(c => {
      const r = trackRate("channel:" + topic + "/" + c.channel_name, c.message_count || 0);
      return [el("tr", null, el("td", { class: "name" }, link(p + "/" + enc(c.channel_name), c.channel_name), pausedBadge(c.paused)),
        numTd(c.depth), numTd(c.memory_depth), numTd(c.backend_depth), numTd(c.in_flight_count), numTd(c.deferred_count),
        numTd(c.requeue_count), numTd(c.timeout_count), numTd(c.message_count), el("td", { class: "num" }, rate(r.latest())),
        numTd(c.client_count), td(percentiles(c.e2e_processing_latency))),
        channelGraphRow(c.node || "*", topic, c.channel_name, c.e2e_processing_latency, true)];
    }).flat();
    view.replaceChildren(
      el("div", { class: "crumbs" }, link("/topics", "Topics"), " /"),
      el("h1", null, topic, pausedBadge(t.paused)),
      actions,
      el("div", { class: "stats" }, stat("Depth", num(t.depth)), stat("Messages", num(t.message_count)),
        stat("Channels", num(channels.length)), stat("Nodes", num(nodes.length)),
        el("div", { class: "stat" }, el("div", { class: "label" }, "Message rate"),
          el("div", { class: "chartbox" }, el("span", { class: "value" }, rate(total.latest())), Charts.sparkline(total.points, 180, 34)))),
      el("h2", null, "Nodes"), table(nodeHeaders, nodeRows),
      el("h2", null, "Channels"),
      channels.length ? table(["Channel", { label: "Depth", num: 1 }, { label: "Memory", num: 1 }, { label: "Disk", num: 1 },
        { label: "In-flight", num: 1 }, { label: "Deferred", num: 1 }, { label: "Requeued", num: 1 }, { label: "Timed out", num: 1 },
        { label: "Messages", num: 1 }, { label: "Rate", num: 1 }, { label: "Clients", num: 1 }, "E2E latency"], channelRows)
        : el("p", { class: "muted" }, "No channels."));
  }

  async function channelPage(gen, topic, channel) {
    const c = await api("GET", "/topics/" + enc(topic) + "/" + enc(channel));
    if (gen !== generation) return;
    showWarning(c.message);
    const tp = "/topics/" + enc(topic);
    if (c.channel_name === undefined) {
      view.replaceChildren(el("div", { class: "crumbs" }, link("/topics", "Topics"), " / ", link(tp, topic), " /"),
        el("h1", null, channel), el("p", { class: "muted" }, "This channel is not on any node."));
      return;
    }
    const total = trackRate("channel:" + topic + "/" + channel, c.message_count || 0);
    const p = tp + "/" + enc(channel);
    const actions = el("div", { class: "actions" },
      c.paused
        ? el("button", { onclick: () => act("Unpause channel " + channel + "?", "POST", p, { action: "unpause" }, "Unpaused channel " + channel + ".") }, "Unpause channel")
        : el("button", { onclick: () => act("Pause channel " + channel + "? Its consumers stop getting messages.", "POST", p, { action: "pause" }, "Paused channel " + channel + ".") }, "Pause channel"),
      el("button", { onclick: () => act("Empty channel " + channel + "? Its queued messages are lost.", "POST", p, { action: "empty" }, "Emptied channel " + channel + ".") }, "Empty queue"),
      el("button", { class: "danger", onclick: () => act("Delete channel " + channel + "?", "DELETE", p, undefined, "Deleted channel " + channel + ".", "/topics/" + enc(topic)) }, "Delete channel"));
    const nodeRows = (c.nodes || []).map(n => [el("tr", null,
      el("td", { class: "name" }, link("/nodes/" + enc(n.node), n.hostname || n.node), " ", el("span", { class: "muted" }, n.node), pausedBadge(n.paused)),
      numTd(n.depth), numTd(n.memory_depth), numTd(n.backend_depth), numTd(n.in_flight_count), numTd(n.deferred_count),
      numTd(n.requeue_count), numTd(n.timeout_count), numTd(n.message_count), numTd(n.client_count), td(percentiles(n.e2e_processing_latency))),
      channelGraphRow(n.node, topic, channel, n.e2e_processing_latency, false)]).flat();
    nodeRows.push(el("tr", { class: "total" }, td("Total"), numTd(c.depth), numTd(c.memory_depth), numTd(c.backend_depth),
      numTd(c.in_flight_count), numTd(c.deferred_count), numTd(c.requeue_count), numTd(c.timeout_count), numTd(c.message_count),
      numTd(c.client_count), td(percentiles(c.e2e_processing_latency))),
      channelGraphRow("*", topic, channel, c.e2e_processing_latency, false));
    const clients = c.clients || [];
    const clientRows = clients.map(k => {
      const attrs = [];
      if (k.tls) attrs.push(el("span", { class: "badge ok", title: (k.tls_version || "") + " " + (k.tls_cipher_suite || "") }, "TLS"));
      if (k.deflate) attrs.push(el("span", { class: "badge" }, "deflate"));
      if (k.snappy) attrs.push(el("span", { class: "badge" }, "snappy"));
      if (k.authed) attrs.push(el("span", { class: "badge", title: k.auth_identity || "" }, "AUTH"));
      if (k.sample_rate) attrs.push(el("span", { class: "badge" }, "sample " + k.sample_rate + "%"));
      return el("tr", null, el("td", { class: "name" }, k.hostname || k.client_id), td(k.remote_address),
        td(k.user_agent || ("V2 " + (k.version || ""))), el("td", null, attrs.length ? attrs : el("span", { class: "muted" }, "–")),
        el("td", null, link("/nodes/" + enc(k.node), k.node)), numTd(k.ready_count), numTd(k.in_flight_count), numTd(k.finish_count),
        numTd(k.requeue_count), numTd(k.message_count), td(duration(k.connected)));
    });
    view.replaceChildren(
      el("div", { class: "crumbs" }, link("/topics", "Topics"), " / ", link(tp, topic), " /"),
      el("h1", null, channel, pausedBadge(c.paused)),
      actions,
      el("div", { class: "stats" }, stat("Depth", num(c.depth)), stat("In-flight", num(c.in_flight_count)),
        stat("Requeued", num(c.requeue_count)), stat("Timed out", num(c.timeout_count)), stat("Clients", num(c.client_count)),
        el("div", { class: "stat" }, el("div", { class: "label" }, "Message rate"),
          el("div", { class: "chartbox" }, el("span", { class: "value" }, rate(total.latest())), Charts.sparkline(total.points, 180, 34)))),
      el("h2", null, "Nodes"),
      table(["Node", { label: "Depth", num: 1 }, { label: "Memory", num: 1 }, { label: "Disk", num: 1 }, { label: "In-flight", num: 1 },
        { label: "Deferred", num: 1 }, { label: "Requeued", num: 1 }, { label: "Timed out", num: 1 }, { label: "Messages", num: 1 },
        { label: "Clients", num: 1 }, "E2E latency"], nodeRows),
      el("h2", null, "Clients"),
      clients.length ? table(["Client host", "Address", "User agent", "Attributes", "nsqd", { label: "RDY", num: 1 },
        { label: "In-flight", num: 1 }, { label: "Finished", num: 1 }, { label: "Requeued", num: 1 }, { label: "Messages", num: 1 },
        "Connected"], clientRows) : el("p", { class: "muted" }, "No clients connected."));
  }

  async function nodesPage(gen) {
    const data = await api("GET", "/nodes");
    if (gen !== generation) return;
    showWarning(data.message);
    const nodes = data.nodes || [];
    const rows = nodes.map(n => {
      const addr = (n.broadcast_address.indexOf(":") >= 0 ? "[" + n.broadcast_address + "]" : n.broadcast_address) + ":" + n.http_port;
      const tombstoned = (n.topics || []).filter(t => t.tombstoned).length;
      return el("tr", null, el("td", { class: "name" }, link("/nodes/" + enc(addr), n.hostname || addr)),
        td(n.broadcast_address), el("td", { class: "num" }, String(n.tcp_port)), el("td", { class: "num" }, String(n.http_port)),
        el("td", null, n.version, n.out_of_date ? el("span", { class: "badge warn", title: "older than the newest node" }, "out of date") : null),
        el("td", { class: "num" }, num((n.topics || []).length), tombstoned ? el("span", { class: "badge warn" }, tombstoned + " tombstoned") : null),
        td((n.remote_addresses || []).join(", ") || "–"));
    });
    view.replaceChildren(el("h1", null, "Nodes"),
      nodes.length ? table(["Hostname", "Broadcast address", { label: "TCP port", num: 1 }, { label: "HTTP port", num: 1 }, "Version",
        { label: "Topics", num: 1 }, "Lookupd (remote address)"], rows) : el("p", { class: "muted" }, "No nsqd nodes found."));
  }

  async function nodePage(gen, node) {
    const data = await api("GET", "/nodes/" + enc(node));
    if (gen !== generation) return;
    showWarning(data.message);
    const total = trackRate("node:" + node, data.total_messages || 0);
    const rows = [];
    (data.topics || []).forEach(t => {
      const g = graphsOf("topic", t.node, t.topic_name, "");
      rows.push(el("tr", { class: "total" }, el("td", { class: "name" }, link("/topics/" + enc(t.topic_name), t.topic_name), pausedBadge(t.paused)),
        td(""), numTd(t.depth), numTd(t.memory_depth), numTd(t.backend_depth), td(""), numTd(t.message_count), td(""),
        td(percentiles(t.e2e_processing_latency))),
        graphRow([null, null, g("depth"), null, null, null, g("message_count"), null, null]));
      (t.channels || []).forEach(c => {
        const cg = graphsOf("channel", t.node, t.topic_name, c.channel_name);
        rows.push(el("tr", null, td(""),
          el("td", { class: "name" }, link("/topics/" + enc(t.topic_name) + "/" + enc(c.channel_name), c.channel_name), pausedBadge(c.paused)),
          numTd(c.depth), numTd(c.memory_depth), numTd(c.backend_depth), numTd(c.in_flight_count), numTd(c.message_count),
          numTd((c.clients || []).length), td(percentiles(c.e2e_processing_latency))),
          graphRow([null, null, cg("depth"), null, null, null, null, cg("clients"), null]));
      });
    });
    // upstream's four graphs of the node's memory (nsqd's mem.* stats)
    const memory = el("div", { class: "graphs" }, graphsOn() ? [["*_bytes", "GC pressure"], ["gc_pause_*", "GC pause percentiles"],
      ["gc_runs", "GC runs"], ["heap_objects", "Heap objects in use"]].map(([key, title]) =>
      el("figure", null, largeGraph({ kind: "node", node: data.node, key: key }, 200, title), el("figcaption", null, title))) : null);
    view.replaceChildren(el("div", { class: "crumbs" }, link("/nodes", "Nodes"), " /"), el("h1", null, data.node),
      el("div", { class: "stats" }, stat("Topics", num((data.topics || []).length)), stat("Messages", num(data.total_messages)),
        stat("Clients", num(data.total_clients)),
        el("div", { class: "stat" }, el("div", { class: "label" }, "Message rate"),
          el("div", { class: "chartbox" }, el("span", { class: "value" }, rate(total.latest())), Charts.sparkline(total.points, 180, 34)))),
      memory,
      rows.length ? table(["Topic", "Channel", { label: "Depth", num: 1 }, { label: "Memory", num: 1 }, { label: "Disk", num: 1 },
        { label: "In-flight", num: 1 }, { label: "Messages", num: 1 }, { label: "Clients", num: 1 }, "E2E latency"], rows)
        : el("p", { class: "muted" }, "No topics on this node."));
  }

  async function counterPage(gen) {
    const data = await api("GET", "/counter");
    if (gen !== generation) return;
    showWarning(data.message);
    let sum = 0;
    Object.keys(data.stats || {}).forEach(k => { sum += data.stats[k].message_count || 0; });
    const s = trackRate("counter", sum);
    let big = document.getElementById("counter-value");
    if (!big) {
      big = el("div", { class: "counter", id: "counter-value", "data-count": sum }, num(sum));
      view.replaceChildren(el("h1", null, "Messages processed"), big, el("div", { class: "counter-sub", id: "counter-rate" }),
        el("div", { id: "counter-chart", style: "text-align:center" }),
        el("div", { class: "graphs" }, largeGraph({ kind: "counter", node: "*", key: "message_count" }, 800, "messages per second")));
    }
    animate(big, Number(big.dataset.count || 0), sum);
    document.getElementById("counter-rate").textContent = "across every channel of every node · " + rate(s.latest());
    document.getElementById("counter-chart").replaceChildren(Charts.sparkline(s.points, 600, 80));
  }

  /** Counts up from the last shown total to the new one over most of a poll interval. */
  function animate(node, from, to) {
    node.dataset.count = to;
    if (from === to || !window.requestAnimationFrame) {
      node.textContent = num(to);
      return;
    }
    const start = performance.now();
    const span = COUNTER_MS * 0.8;
    const step = now => {
      const f = Math.min(1, (now - start) / span);
      node.textContent = num(Math.round(from + (to - from) * f));
      if (f < 1 && Number(node.dataset.count) === to) {
        requestAnimationFrame(step);
      }
    };
    requestAnimationFrame(step);
  }

  async function lookupPage(gen) {
    let inactive = {};
    if (MODE === "lookupd") {
      const data = await api("GET", "/topics?inactive=true");
      if (gen !== generation) return;
      showWarning(data.message);
      inactive = data.topics || {};
    }
    const topicInput = el("input", { type: "text", name: "topic", placeholder: "topic", "aria-label": "topic name", required: true });
    const channelInput = el("input", { type: "text", name: "channel", placeholder: "channel (optional)", "aria-label": "channel name" });
    const form = el("form", { class: "inline", onsubmit: e => {
      e.preventDefault();
      const topic = topicInput.value.trim();
      const channel = channelInput.value.trim();
      const what = channel ? "topic " + topic + " and channel " + channel : "topic " + topic;
      const body = channel ? { topic: topic, channel: channel } : { topic: topic };
      act("Create " + what + (MODE === "lookupd" ? " in every lookupd?" : " on every nsqd?"), "POST", "/topics", body, "Created " + what + ".");
    } }, topicInput, channelInput, el("button", { class: "primary", type: "submit" }, "Create"));
    const names = Object.keys(inactive).sort();
    const rows = names.map(t => el("tr", null, el("td", { class: "name" }, link("/topics/" + enc(t), t)),
      td((inactive[t] || []).join(", ") || "–")));
    view.replaceChildren(el("h1", null, "Lookup"),
      el("div", { class: "card" }, el("h2", { style: "margin-top:0" }, "Create a topic or channel"), form,
        el("p", { class: "muted" }, MODE === "lookupd"
          ? "The topic (and channel) is registered in every lookupd; a channel is also created on the nsqds that have the topic."
          : "nsqd mode: the topic (and channel) is created on every nsqd nsqadmin reads.")),
      ...(MODE === "lookupd" ? [el("h2", null, "Inactive topics (registered in lookupd, no producer)"),
        names.length ? table(["Topic", "Channels"], rows) : el("p", { class: "muted" }, "None.")] : []));
  }

  // ------------------------------------------------------------------ routing

  const routes = [
    [/^\/?$/, topicsPage, "topics", false],
    [/^\/topics\/?$/, topicsPage, "topics", false],
    [/^\/topics\/([^/]+)\/([^/]+)$/, channelPage, "topics", true],
    [/^\/topics\/([^/]+)$/, topicPage, "topics", true],
    [/^\/nodes\/?$/, nodesPage, "nodes", true],
    [/^\/nodes\/([^/]+)$/, nodePage, "nodes", true],
    [/^\/counter$/, counterPage, "counter", true],
    [/^\/lookup$/, lookupPage, "lookup", false]
  ];

  function currentPath() {
    const path = location.pathname;
    return path.startsWith(BASE) ? path.substring(BASE.length) || "/" : path;
  }

  async function render() {
    const gen = ++generation;
    graphs.clear(); // another page, or the same one afresh: its graphs are fetched again
    clearTimeout(timer);
    const path = currentPath();
    for (const [pattern, page, nav, polls] of routes) {
      const m = pattern.exec(path);
      if (!m) continue;
      document.querySelectorAll("nav a").forEach(a => a.classList.toggle("active", a.dataset.nav === nav));
      const args = m.slice(1).map(decodeURIComponent);
      const tick = async () => {
        try {
          await page(gen, ...args);
          document.title = "nsqadmin · " + (args.length ? args.join(" / ") : nav);
        } catch (e) {
          if (gen === generation) {
            view.replaceChildren(el("h1", null, "Could not load this page"), el("p", { class: "alert error" }, e.message));
          }
        }
        if (polls && gen === generation) {
          timer = setTimeout(tick, page === counterPage ? COUNTER_MS : REFRESH_MS);
        }
      };
      return tick();
    }
    view.replaceChildren(el("h1", null, "Not found"), el("p", null, link("/topics", "Topics")));
  }

  function navigate(path) {
    history.pushState(null, "", BASE + path);
    alerts.replaceChildren();
    lastWarning = "";
    render();
  }

  document.addEventListener("click", e => {
    const a = e.target.closest && e.target.closest("a[data-link]");
    if (!a || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    navigate(a.getAttribute("href").substring(BASE.length) || "/");
  });
  window.addEventListener("popstate", render);
  document.getElementById("mode").textContent = MODE === "lookupd" ? "reading nsqlookupd" : "reading nsqd";
  timeframePicker();
  render();
})();
