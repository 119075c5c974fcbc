/* Small live charts drawn as SVG from polled stats: no library, nothing fetched. */
"use strict";
(function (global) {
  const SVG = "http://www.w3.org/2000/svg";

  /** A rolling series of rates, from counters read at known times. */
  class RateSeries {
    constructor(capacity) {
      this.capacity = capacity || 60;
      this.points = [];
      this.last = null;
    }
    /** Adds a counter reading; returns the rate per second since the last one (null for the first). */
    add(count, atMs) {
      let rate = null;
      if (this.last && atMs > this.last.at) {
        rate = Math.max(0, (count - this.last.count) * 1000 / (atMs - this.last.at));
        this.points.push(rate);
        if (this.points.length > this.capacity) {
          this.points.shift();
        }
      }
      this.last = { count: count, at: atMs };
      return rate;
    }
    latest() {
      return this.points.length ? this.points[this.points.length - 1] : null;
    }
  }

  /** An SVG sparkline of a series' points, scaled to its own maximum. */
  function sparkline(points, width, height) {
    const w = width || 160;
    const h = height || 32;
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", "chart");
    svg.setAttribute("width", w);
    svg.setAttribute("height", h);
    svg.setAttribute("viewBox", "0 0 " + w + " " + h);
    svg.setAttribute("role", "img");
    if (points.length < 2) {
      return svg;
    }
    // headroom above the peak, so a steady rate reads as a line, not a filled box
    const max = (Math.max.apply(null, points) || 1) * 1.25;
    const step = w / (points.length - 1);
    const coords = points.map((p, i) => (i * step).toFixed(1) + "," + (h - 2 - (p / max) * (h - 4)).toFixed(1));
    const area = document.createElementNS(SVG, "path");
    area.setAttribute("d", "M0," + h + " L" + coords.join(" L") + " L" + w + "," + h + " Z");
    svg.appendChild(area);
    const line = document.createElementNS(SVG, "polyline");
    line.setAttribute("points", coords.join(" "));
    svg.appendChild(line);
    const title = document.createElementNS(SVG, "title");
    title.textContent = "peak " + (max / 1.25).toFixed(1) + "/s over the last " + points.length + " readings";
    svg.appendChild(title);
    return svg;
  }

  global.Charts = { RateSeries: RateSeries, sparkline: sparkline };
})(window);
