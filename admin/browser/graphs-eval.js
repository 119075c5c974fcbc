#!/usr/bin/env node
// What the page's graphs.js makes of some graphs, for the Java tests (no browser needed).
// Usage: node graphs-eval.js <path of graphs.js> '<json: {settings, timeframe, graphs: [graph, ...]}>'
// Prints a JSON array, one {targets, sparkline, largeGraph, rateTarget} per graph.
"use strict";
const Graphs = require(process.argv[2]);
const input = JSON.parse(process.argv[3]);
const graphs = Graphs.create(input.settings);
console.log(JSON.stringify(input.graphs.map(g => ({
  targets: graphs.targets(g),
  sparkline: graphs.sparkline(g, input.timeframe),
  largeGraph: graphs.largeGraph(g, input.timeframe),
  rateTarget: graphs.rateTarget(g)
}))));
