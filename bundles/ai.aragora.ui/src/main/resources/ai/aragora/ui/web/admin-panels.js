// What each admin console panel shows, drawn from the JSON of the endpoint it reads. A panel
// whose endpoint is not there (its feature is off) says so instead of failing the page.
"use strict";

const AdminPanels = (() => {
  const { el, api, show, percent } = Aragora;

  function text(v) {
    if (v === null || v === undefined) return "";
    return typeof v === "object" ? JSON.stringify(v) : String(v);
  }

  // every member of a flat-ish object as a term and its value
  function facts(obj) {
    return el("dl", { class: "facts" }, Object.entries(obj || {}).map(([k, v]) => [el("dt", {}, k.replace(/_/g, " ")), el("dd", {}, text(v))]));
  }

  function table(id, heads, rows, empty) {
    if (!rows.length) return el("p", { class: "empty" }, empty);
    return el("div", { class: "scroll" }, el("table", { id },
      el("thead", {}, el("tr", {}, heads.map(h => el("th", { scope: "col" }, h)))),
      el("tbody", {}, rows)));
  }

  function state(s) {
    return el("span", { class: "state state-" + String(s).replace(/[^a-z_]/gi, "") }, s);
  }

  function health(h) {
    const rows = Object.entries(h.components || {}).map(([name, c]) =>
      el("tr", { "data-component": name }, el("td", {}, name), el("td", {}, state(c.status)), el("td", {}, text(c.detail))));
    return [el("p", {}, "Status: ", el("strong", { id: "health-status" }, state(h.status)), " version " + text(h.version)
      + ", up " + text(h.uptime) + " s"),
    table("components", ["Component", "Status", "Detail"], rows, "No components reported.")];
  }

  function stats(s) {
    const flat = {};
    for (const [k, v] of Object.entries(s)) if (k !== "agents") flat[k] = v;
    flat.agents = (s.agents || {}).total;
    return facts(flat);
  }

  function debates(page) {
    const rows = page.debates.map(d => el("tr", {},
      el("td", {}, el("a", { href: "/debates/" + encodeURIComponent(d.id) }, d.id)),
      el("td", { class: "task-cell" }, d.task), el("td", {}, state(d.status)), el("td", {}, d.created_at),
      el("td", {}, String(d.round_count))));
    return [el("p", {}, "Running: ", el("strong", { id: "active-count" }, String(page.total))),
      table("active-debates", ["Debate", "Task", "Status", "Started", "Rounds"], rows, "No debate is running.")];
  }

  // calls and failed calls per agent from aragora_agent_calls_total{agent,outcome}
  function callCounts(metricsText) {
    const calls = {};
    for (const s of MetricsChart.parse(metricsText)) {
      if (s.name !== "aragora_agent_calls_total") continue;
      const c = calls[s.labels.agent] || (calls[s.labels.agent] = { calls: 0, failed: 0 });
      c.calls += s.value;
      if (s.labels.outcome !== "ok") c.failed += s.value;
    }
    return calls;
  }

  async function agents() {
    let healthDoc = null;
    try {
      healthDoc = await api("GET", "/api/agents/health");
    } catch (e) {
      if (e.status !== 404) throw e;
    }
    let calls = {};
    try {
      calls = callCounts(await (await fetch("/api/metrics", { credentials: "omit", cache: "no-store" })).text());
    } catch (e) {
      calls = {};
    }
    if (!healthDoc) {
      const list = (await api("GET", "/api/agents")).agents;
      return [el("p", { class: "off" }, "Breaker states need the providers feature, which is off; the registered agents:"),
        table("agents", ["Agent", "Provider", "Model"], list.map(a => el("tr", { "data-agent": a.name },
          el("td", {}, a.name), el("td", {}, text(a.provider)), el("td", {}, text(a.model)))), "No agents.")];
    }
    const rows = Object.entries(healthDoc.agents).map(([name, a]) => {
      const c = calls[name];
      return el("tr", { "data-agent": name }, el("td", {}, name), el("td", {}, text(a.provider)), el("td", {}, text(a.model)),
        el("td", {}, text(a.version)), el("td", { class: "breaker" }, state(a.status)), el("td", {}, text(a.failures)),
        el("td", { class: "calls" }, c ? String(c.calls) : "not metered"), el("td", {}, c ? String(c.failed) : ""));
    });
    const providers = Object.entries(healthDoc.providers || {}).map(([p, s]) =>
      el("li", {}, p + ": " + (s.configured ? "configured, " + (s.agents || []).length + " agents" : "not configured")
        + (s.detail ? " (" + s.detail + ")" : "")));
    return [el("p", {}, "Status: ", state(healthDoc.status), "; fallback " + (healthDoc.fallback && healthDoc.fallback.enabled
      ? "to " + healthDoc.fallback.provider : "off")),
    table("agents", ["Agent", "Provider", "Model", "Version", "Breaker", "Breaker failures", "Calls", "Failed calls"], rows,
      "No agents registered."),
    el("h3", {}, "Providers"), providers.length ? el("ul", { id: "providers" }, providers) : el("p", {}, "No provider bundles.")];
  }

  function errors(doc) {
    const rows = doc.errors.map(e => el("tr", {}, el("td", {}, e.timestamp), el("td", {}, state(e.level)),
      el("td", { class: "logger" }, e.logger), el("td", {}, e.message), el("td", {}, el("code", {}, text(e.trace_id)))));
    return [el("p", {}, "Since start: ", el("strong", {}, String(doc.total_since_start))),
      table("errors", ["Time", "Level", "Logger", "Message", "Trace id"], rows, "No warnings or errors logged.")];
  }

  function rateLimits(doc) {
    return table("rate-limits", ["Limiter", "Scope", "Per minute", "Burst", "Tracked keys", "Limited now", "Rejected"],
      doc.rate_limits.map(r => el("tr", {}, [r.name, r.scope, r.per_minute, r.burst, r.tracked_keys, r.limited_keys,
        r.rejected_total].map(v => el("td", {}, text(v))))), "No rate limiter is registered.");
  }

  // the decision cache: its numbers, and the four invalidations (plus all) behind one form
  function cache(s, reload) {
    const strategy = el("select", { id: "invalidate-strategy" },
      [["all", "Everything"], ["workspace", "A workspace"], ["tag", "A tag"], ["agent", "An agent version"],
        ["policy", "New policy version"]].map(([v, t]) => el("option", { value: v }, t)));
    const value = el("input", { id: "invalidate-value", type: "text", autocomplete: "off" });
    const version = el("input", { id: "invalidate-version", type: "text", autocomplete: "off" });
    const status = el("p", { id: "invalidate-status", role: "status" });
    const form = el("form", { id: "invalidate", class: "inline-form", onsubmit: async (ev) => {
      ev.preventDefault();
      const v = encodeURIComponent(value.value.trim());
      const paths = { all: "invalidate/all", workspace: "invalidate/workspace/" + v, tag: "invalidate/tag/" + v,
        agent: "invalidate/agent/" + v + "/" + encodeURIComponent(version.value.trim()), policy: "policy-version" };
      try {
        const r = await api("POST", "/api/cache/" + paths[strategy.value],
          strategy.value === "policy" ? { version: version.value.trim() } : undefined);
        await reload();
        document.getElementById("invalidate-status").textContent = r.invalidated === undefined
          ? "Policy version is now " + r.current_policy_version + ": older entries are dropped when next read"
          : "Invalidated " + r.invalidated + " entries (" + r.strategy + ")";
      } catch (e) {
        status.textContent = "Could not invalidate: " + e.message;
      }
    } },
    el("label", { for: "invalidate-strategy" }, "Invalidate"), strategy,
    el("label", { for: "invalidate-value" }, "Workspace, tag or agent"), value,
    el("label", { for: "invalidate-version" }, "Agent or policy version"), version,
    el("button", { type: "submit" }, "Invalidate"), status);
    return [facts({ entries: s.total_entries, max_size: s.max_size, ttl_seconds: s.ttl_seconds, hits: s.hits, misses: s.misses,
      hit_rate: percent(s.hit_rate), policy_version: s.current_policy_version, invalidations: s.invalidations }), form];
  }

  function deadLetters(doc, reload) {
    const status = el("p", { id: "dead-letter-status", role: "status" });
    const rows = doc.dead_letters.map(d => el("tr", {}, el("td", {}, el("code", {}, text(d.delivery_id))), el("td", {}, text(d.webhook_id)),
      el("td", {}, text(d.event_type)), el("td", {}, text(d.attempts)), el("td", {}, text(d.last_error)),
      el("td", {}, el("button", { type: "button", onclick: async () => {
        try {
          await api("POST", "/api/v1/webhooks/dead-letter/" + encodeURIComponent(d.delivery_id) + "/retry");
          await reload();
        } catch (e) {
          status.textContent = "Could not retry: " + e.message;
        }
      } }, "Retry"))));
    return [table("dead-letters", ["Delivery", "Webhook", "Event", "Attempts", "Last error", ""], rows, "No dead letters."), status];
  }

  function knowledge(h) {
    const rows = Object.entries(h.components || {}).map(([name, c]) =>
      el("tr", {}, el("td", {}, name), el("td", {}, state(c.status)), el("td", {}, text(c.detail))));
    return [el("p", {}, "Status: ", el("strong", { id: "km-status" }, state(h.status))), facts(h.summary),
      table("km-components", ["Component", "Status", "Detail"], rows, "No components reported.")];
  }

  function stream(s) {
    return facts(s);
  }

  return { health, stats, debates, agents, errors, rateLimits, cache, deadLetters, knowledge, stream, callCounts };
})();
