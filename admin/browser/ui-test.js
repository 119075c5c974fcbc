#!/usr/bin/env node
// Drives Debian's chromium through playwright-core against a running nsqadmin, one scenario a run.
// Usage: node ui-test.js <scenario> <json options>; prints "PASS <scenario>" or "FAIL <scenario>: why"; exit 0 or 1.
"use strict";
const path = require("path");
const { chromium } = require("playwright-core");

const scenario = process.argv[2];
const opts = JSON.parse(process.argv[3] || "{}");
const admin = opts.admin;                 // http://127.0.0.1:port
const shots = opts.screenshots;           // folder for PNGs
const nsqd = opts.nsqd;                   // http://127.0.0.1:port of one nsqd

function check(cond, what) {
  if (!cond) {
    throw new Error(what);
  }
}

async function nsqdChannel(topic, channel) {
  const stats = await (await fetch(nsqd + "/stats?format=json")).json();
  for (const t of stats.topics || []) {
    if (t.topic_name === topic) {
      for (const c of t.channels || []) {
        if (c.channel_name === channel) return c;
      }
    }
  }
  return null;
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(shots, name + ".png"), fullPage: true });
}

const scenarios = {
  // the topics page lists a topic created through the API (opts.topic)
  async "topics-list"(page) {
    await page.goto(admin + "/topics");
    await page.getByRole("link", { name: opts.topic, exact: true }).waitFor({ timeout: 5000 });
    // no --graphite-url: no graphite graph and no timeframe picker
    check(await page.locator('img[src*="/render?"]').count() === 0, "a graphite graph without --graphite-url");
    check(!(await page.locator("#graph-timeframe").isVisible()), "the graph timeframe picker shows without --graphite-url");
    await shot(page, "topics");
  },

  // with --graphite-url and --proxy-graphite: upstream's graphs, drawn by graphite through nsqadmin's /render
  async "graphite-graphs"(page) {
    await page.goto(admin + "/topics");
    const row = page.locator("tr", { has: page.getByRole("link", { name: opts.topic, exact: true }) });
    const depth = row.locator("img").first();
    await depth.waitFor({ timeout: 5000 });
    check(await depth.getAttribute("src") === opts.depthSrc, "the depth sparkline is " + await depth.getAttribute("src"));
    await page.waitForFunction(img => img.complete && img.naturalWidth > 0, await depth.elementHandle(), { timeout: 5000 });
    await row.getByText(opts.rate, { exact: true }).waitFor({ timeout: 5000 });
    await shot(page, "topics-graphite");
    for (const [name, path, graphs, least] of [["topic", "/topics/" + opts.topic, "tr.graph-row img", 2],
      ["channel", "/topics/" + opts.topic + "/" + opts.channel, "tr.graph-row img", 7],
      ["node", "/nodes/" + encodeURIComponent(opts.node), ".graphs img", 4]]) {
      await page.goto(admin + path);
      await page.locator(graphs).first().waitFor({ timeout: 5000 });
      check(await page.locator(graphs).count() >= least, "fewer than " + least + " graphs on " + path);
      // every graph's URL is one graphite draws (the stand-in draws any /render it gets through the proxy)
      await page.waitForFunction(() => Array.from(document.images).every(i => i.complete && i.naturalWidth > 0), null, { timeout: 5000 });
      await shot(page, name + "-graphite");
    }
    // the timeframe picker: "off" takes the graphs away, as upstream's
    await page.goto(admin + "/topics");
    await page.getByRole("link", { name: opts.topic, exact: true }).waitFor({ timeout: 5000 });
    await page.locator("#graph-timeframe select").selectOption("off");
    await page.getByRole("columnheader", { name: "Rate" }).waitFor({ state: "detached", timeout: 5000 });
    await page.getByRole("link", { name: opts.topic, exact: true }).waitFor({ timeout: 5000 });
    check(await page.locator('img[src*="/render?"]').count() === 0, "graphs still show with the timeframe off");
  },

  // pausing a channel from its page pauses it on nsqd; unpausing unpauses it
  async "pause-channel"(page) {
    await page.goto(admin + "/topics/" + opts.topic + "/" + opts.channel);
    await page.getByRole("button", { name: "Pause channel", exact: true }).waitFor({ timeout: 5000 });
    page.once("dialog", d => d.accept());
    await page.getByRole("button", { name: "Pause channel", exact: true }).click();
    await page.getByText("Paused channel " + opts.channel + ".").waitFor({ timeout: 5000 });
    await page.getByRole("button", { name: "Unpause channel", exact: true }).waitFor({ timeout: 5000 });
    check((await nsqdChannel(opts.topic, opts.channel)).paused === true, "nsqd /stats does not show the channel paused");
    await page.locator(".badge.paused").first().waitFor();
    await shot(page, "channel-paused");
    page.once("dialog", d => d.accept());
    await page.getByRole("button", { name: "Unpause channel", exact: true }).click();
    await page.getByRole("button", { name: "Pause channel", exact: true }).waitFor({ timeout: 5000 });
    check((await nsqdChannel(opts.topic, opts.channel)).paused === false, "nsqd /stats still shows the channel paused");
  },

  // a dismissed confirmation does nothing
  async "cancel-action"(page) {
    await page.goto(admin + "/topics/" + opts.topic + "/" + opts.channel);
    await page.getByRole("button", { name: "Pause channel", exact: true }).waitFor({ timeout: 5000 });
    page.once("dialog", d => d.dismiss());
    await page.getByRole("button", { name: "Pause channel", exact: true }).click();
    await page.waitForTimeout(500);
    check((await nsqdChannel(opts.topic, opts.channel)).paused === false, "a cancelled pause paused the channel");
  },

  // the counter moves while messages flow
  async "counter-moves"(page) {
    await page.goto(admin + "/counter");
    const value = page.locator("#counter-value");
    await value.waitFor({ timeout: 5000 });
    const first = Number(await value.getAttribute("data-count"));
    let later = first;
    for (let i = 0; i < 40 && later <= first; i++) {
      await page.waitForTimeout(250);
      later = Number(await value.getAttribute("data-count"));
    }
    check(later > first, "the counter stayed at " + first);
    await page.waitForTimeout(2500); // a few rate readings for the chart
    await shot(page, "counter");
    console.log("counter went from " + first + " to " + later);
  },

  // names and client fields from the cluster are shown as text, never run as HTML
  async "escaping"(page) {
    await page.goto(admin + "/topics/" + opts.topic + "/" + opts.channel);
    await page.getByText(opts.userAgent, { exact: true }).waitFor({ timeout: 5000 });
    check(await page.evaluate(() => window.__xss === undefined), "a user agent ran as HTML");
    check(await page.locator("img").count() === 0, "a user agent became an element");
  },

  // a page of 1,000 topics draws in well under a second
  async "many-topics"(page) {
    await page.goto(admin + "/nodes"); // warm the app's files
    const apiStart = Date.now();
    await (await fetch(admin + "/api/topics")).json();
    console.log("/api/topics answered in " + (Date.now() - apiStart) + " ms");
    const start = Date.now();
    await page.goto(admin + "/topics");
    await page.locator("tbody tr").nth(opts.count - 1).waitFor({ timeout: 5000 });
    const took = Date.now() - start;
    console.log(opts.count + " topics drawn in " + took + " ms");
    check(took < 1000, opts.count + " topics took " + took + " ms");
    await page.getByRole("searchbox").fill("topic-0999");
    await page.locator("tbody tr").first().waitFor();
    check(await page.locator("tbody tr").count() === 1, "the filter left more than one row");
  },

  // a node that does not answer is named on the page, with why, and the rest still shows
  async "bad-node-warning"(page) {
    await page.goto(admin + "/topics");
    const warning = page.locator(".alert.warn");
    await warning.waitFor({ timeout: 5000 });
    const text = await warning.textContent();
    check(text.includes(opts.badNode) && text.includes("connection refused"), "the warning does not name " + opts.badNode + ": " + text);
    await page.getByRole("link", { name: opts.topic, exact: true }).waitFor({ timeout: 5000 });
    await shot(page, "topics-with-a-node-down");
  },

  // the lookup page lists inactive topics and creates a topic and channel through its form
  async "lookup-create"(page) {
    await page.goto(admin + "/lookup");
    await page.getByRole("link", { name: opts.inactive, exact: true }).waitFor({ timeout: 5000 });
    await page.getByLabel("topic name").fill(opts.newTopic);
    await page.getByLabel("channel name").fill(opts.newChannel);
    page.once("dialog", d => d.accept());
    await page.getByRole("button", { name: "Create" }).click();
    await page.getByText("Created topic " + opts.newTopic + " and channel " + opts.newChannel + ".").waitFor({ timeout: 5000 });
    await shot(page, "lookup");
  },

  // one screenshot of each main page, for review
  async "screenshots"(page) {
    const pages = [["topic", "/topics/" + opts.topic], ["channel", "/topics/" + opts.topic + "/" + opts.channel],
      ["nodes", "/nodes"], ["node", "/nodes/" + encodeURIComponent(opts.node)], ["lookup", "/lookup"]];
    for (const [name, p] of pages) {
      await page.goto(admin + p);
      await page.locator("main h1").first().waitFor({ timeout: 5000 });
      await page.waitForTimeout(name === "topic" || name === "channel" || name === "node" ? 4500 : 300); // rates need two readings
      await shot(page, name);
    }
  }
};

(async () => {
  const browser = await chromium.launch({
    executablePath: opts.chromium || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
  });
  let page = null;
  try {
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = [];
    page.on("pageerror", e => errors.push(e.message));
    await scenarios[scenario](page);
    check(errors.length === 0, "page errors: " + errors.join("; "));
    console.log("PASS " + scenario);
  } catch (e) {
    console.log("FAIL " + scenario + ": " + (e && e.message ? e.message.split("\n")[0] : e));
    if (page && shots) {
      await shot(page, "failed-" + scenario).catch(() => {});
    }
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
})();
