// /admin: the server at a glance for its admin. Each panel reads one existing endpoint; the
// server decides who may read them, and anyone but the server admin is refused.
"use strict";

(() => {
  const { el, api, show, token, signIn, signOut } = Aragora;
  const P = AdminPanels;
  const REFRESH_SECONDS = 15;
  const CHART_SECONDS = 5;
  let timers = [];

  // id, title, endpoint (null when the panel reads on its own), what to say when it is absent, renderer
  const PANELS = [
    ["health", "Health and components", "/api/health", "The health endpoint is not running.", P.health],
    ["stats", "Server", "/api/admin/stats", "", P.stats],
    ["debates", "Active debates", "/api/debates?status=running&limit=50", "The debates API is not running.", P.debates],
    ["agents", "Agents", null, "", P.agents],
    ["errors", "Recent errors", "/api/system/errors?limit=20", "", P.errors],
    ["limits", "Rate limits", "/api/system/rate-limits", "", P.rateLimits],
    ["stream", "Event stream", "/api/ws/stats", "The event stream is not running.", P.stream],
    ["cache", "Decision cache", "/api/cache/stats", "The decision cache is off (it comes with the providers feature).", P.cache],
    ["webhooks", "Webhook dead letters", "/api/v1/webhooks/dead-letter?limit=20", "Webhooks are off (the webhooks feature is not running).",
      P.deadLetters],
    ["knowledge", "Knowledge Mound", "/api/health/knowledge-mound", "The Knowledge Mound is off (the knowledge feature is not running).",
      P.knowledge]
  ];

  function stop() {
    timers.forEach(clearInterval);
    timers = [];
  }

  function tokenForm(message) {
    stop();
    const input = el("input", { id: "admin-token", type: "password", autocomplete: "off", required: true });
    const form = el("form", { id: "admin-signin", onsubmit: (ev) => {
      ev.preventDefault();
      signIn(input.value.trim());
      start();
    } },
    el("h2", {}, "Admin console"),
    el("p", {}, "For the server admin. Enter the admin token (ARAGORA_API_TOKEN, or state/admin_token in the data directory)."),
    el("label", { for: "admin-token" }, "Admin token"), input,
    el("button", { type: "submit" }, "Open the console"),
    el("p", { id: "signin-status", role: "status" }, message || ""));
    show("main", form);
  }

  function refused(message) {
    stop();
    show("main", el("section", { id: "refused", class: "refused-box", role: "alert" },
      el("h2", {}, "Not for this account"),
      el("p", {}, "The admin console shows every org at once, so only the server admin may open it. " + message),
      el("button", { type: "button", onclick: () => { signOut(); tokenForm(); } }, "Sign out and use the admin token")));
  }

  async function fill(panel, body) {
    const [id, , path, off, render] = panel;
    const section = document.getElementById("panel-" + id);
    const reload = () => fill(panel, body);
    try {
      const nodes = path ? render(await api("GET", path), reload) : await render(reload);
      show(body, nodes);
      section.dataset.state = "on";
    } catch (e) {
      if (e.status === 401) { signOut(); tokenForm("The token was not accepted: enter it again."); return; }
      const absent = e.status === 404 || e.status === 503;
      show(body, el("p", { class: absent ? "off" : "bad" }, absent && off ? off : "Could not load: " + e.message));
      section.dataset.state = absent ? "off" : "error";
    }
  }

  async function start() {
    if (!token()) { tokenForm(); return; }
    stop();
    try {
      await api("GET", "/api/admin/stats");
    } catch (e) {
      if (e.status === 401) { signOut(); tokenForm("The token was not accepted."); return; }
      if (e.status === 403) { refused("You are signed in, but not as the server admin."); return; }
      show("main", el("p", { class: "bad", role: "alert" }, "The console could not start: " + e.message));
      return;
    }
    const charts = el("div", { class: "charts" });
    const sections = PANELS.map(p => {
      const body = el("div", { class: "panel-body" }, el("p", {}, "Loading..."));
      const section = el("section", { id: "panel-" + p[0], class: "panel", "aria-labelledby": "h-" + p[0] },
        el("h2", { id: "h-" + p[0] }, p[1]), body);
      return [p, section, body];
    });
    const refresh = () => sections.forEach(([p, , body]) => { if (p[0] !== "cache" || !body.contains(document.activeElement)) fill(p, body); });
    show("main",
      el("div", { class: "toolbar" }, el("h2", {}, "Admin console"),
        el("button", { id: "refresh", type: "button", onclick: refresh }, "Refresh"),
        el("button", { type: "button", class: "link", onclick: () => { signOut(); tokenForm(); } }, "Sign out")),
      el("section", { id: "panel-charts", class: "panel wide-panel", "aria-labelledby": "h-charts" },
        el("h2", { id: "h-charts" }, "Load, from the server's own metrics"), charts),
      el("div", { class: "panels" }, sections.map(s => s[1])));
    refresh();
    timers.push(MetricsChart.start(charts, CHART_SECONDS));
    timers.push(setInterval(refresh, REFRESH_SECONDS * 1000));
  }

  start();
})();
