// The server's own Prometheus metrics (/api/metrics), read in the browser: debates started per
// second and HTTP latency (mean and p95) between two scrapes, drawn as small SVG line charts.
"use strict";

const MetricsChart = (() => {
  const { el } = Aragora;
  const SVG = "http://www.w3.org/2000/svg";
  const KEEP = 60;

  // "name{a="x",b="y"} 12.5" lines into { name, labels, value }
  function parse(text) {
    const out = [];
    for (const line of text.split("\n")) {
      if (!line || line.startsWith("#")) continue;
      const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)/.exec(line);
      if (!m) continue;
      const labels = {};
      if (m[3]) for (const l of m[3].matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
      out.push({ name: m[1], labels, value: Number(m[4]) });
    }
    return out;
  }

  // what one scrape says: counters summed over their labels, the latency histogram by bucket
  function reading(samples, at) {
    const r = { at, debates: 0, sum: 0, count: 0, buckets: new Map() };
    for (const s of samples) {
      if (s.name === "aragora_debates_total") r.debates += s.value;
      if (s.labels.route === "/api/metrics") continue;
      if (s.name === "aragora_http_request_duration_seconds_sum") r.sum += s.value;
      if (s.name === "aragora_http_request_duration_seconds_count") r.count += s.value;
      if (s.name === "aragora_http_request_duration_seconds_bucket") {
        const le = s.labels.le === "+Inf" ? Infinity : Number(s.labels.le);
        r.buckets.set(le, (r.buckets.get(le) || 0) + s.value);
      }
    }
    return r;
  }

  // rates between two readings; latency in ms, null when no request was served in between
  function between(a, b) {
    const seconds = (b.at - a.at) / 1000;
    const n = b.count - a.count;
    let p95 = null;
    if (n > 0) {
      const bounds = [...b.buckets.keys()].sort((x, y) => x - y);
      for (const le of bounds) {
        if (b.buckets.get(le) - (a.buckets.get(le) || 0) >= 0.95 * n) { p95 = le === Infinity ? null : le * 1000; break; }
      }
    }
    return { debatesPerSecond: seconds > 0 ? Math.max(0, b.debates - a.debates) / seconds : 0,
      meanMs: n > 0 ? (b.sum - a.sum) / n * 1000 : null, p95Ms: p95 };
  }

  function line(points, max, w, h) {
    const step = w / (KEEP - 1);
    return points.map((v, i) => (i * step).toFixed(1) + "," + (h - (v === null ? 0 : v) / max * (h - 4) - 2).toFixed(1)).join(" ");
  }

  // a labelled chart whose text twin (for screen readers and tests) says the latest value
  function chart(id, title, unit) {
    const values = [];
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 300 80");
    svg.setAttribute("class", "chart");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", title);
    const poly = document.createElementNS(SVG, "polyline");
    poly.setAttribute("fill", "none");
    poly.setAttribute("stroke", "#0b5394");
    poly.setAttribute("stroke-width", "2");
    svg.append(poly);
    const now = el("p", { id: id + "-now", class: "now" }, "waiting for two scrapes");
    const box = el("figure", { id, class: "chart-box" }, el("figcaption", {}, title), svg, now);
    function push(v) {
      values.push(v);
      if (values.length > KEEP) values.shift();
      const max = Math.max(1e-9, ...values.map(x => x || 0));
      poly.setAttribute("points", line(values, max, 300, 80));
      const text = v === null ? "no requests" : (v < 10 ? v.toFixed(2) : Math.round(v)) + " " + unit;
      now.textContent = "Now: " + text + " (peak " + (max < 10 ? max.toFixed(2) : Math.round(max)) + " " + unit + ")";
      svg.setAttribute("aria-label", title + ": " + text);
    }
    return { box, push };
  }

  // polls the metrics every `seconds` and feeds the charts until the page goes away
  function start(target, seconds) {
    const rate = chart("chart-debates", "Debates started per second", "debates/s");
    const mean = chart("chart-latency", "HTTP latency, mean", "ms");
    const p95 = chart("chart-p95", "HTTP latency, 95th percentile (bucket bound)", "ms");
    const status = el("p", { id: "charts-status", role: "status" });
    target.replaceChildren(rate.box, mean.box, p95.box, status);
    let last = null;
    async function tick() {
      try {
        const res = await fetch("/api/metrics", { credentials: "omit", cache: "no-store",
          headers: Aragora.token() ? { "Authorization": "Bearer " + Aragora.token() } : {} });
        if (!res.ok) throw new Error("HTTP " + res.status);
        const r = reading(parse(await res.text()), Date.now());
        if (last) {
          const d = between(last, r);
          rate.push(d.debatesPerSecond);
          mean.push(d.meanMs);
          p95.push(d.p95Ms);
        }
        last = r;
        status.textContent = "";
      } catch (e) {
        status.textContent = "Metrics unavailable: " + e.message;
      }
    }
    tick();
    return setInterval(tick, seconds * 1000);
  }

  return { start, parse, reading, between };
})();
