// /developer: API keys for the signed-in user (a new key is shown once, right after it is made),
// what the org's debates used and cost, and the API reference with a try-it form.
"use strict";

(() => {
  const { el, api, show, token, signOut, signInForm } = Aragora;

  async function keys(fresh) {
    const list = (await api("GET", "/api/auth/api-keys")).api_keys;
    const status = el("p", { id: "keys-status", role: "status" });
    const rows = list.map(k => el("tr", { "data-key": k.id },
      el("td", {}, el("code", {}, k.prefix + "...")), el("td", {}, k.created_at),
      el("td", { class: "state" }, k.revoked ? "revoked" : "active"),
      el("td", {}, k.revoked ? null : el("button", { type: "button", class: "revoke", "aria-label": "Revoke key " + k.prefix,
        onclick: async () => {
          try {
            await api("DELETE", "/api/auth/api-key?id=" + encodeURIComponent(k.id));
            await keys();
          } catch (e) {
            status.textContent = "Could not revoke: " + e.message;
          }
        } }, "Revoke"))));
    show("keys-section",
      el("h2", {}, "API keys"),
      fresh ? el("section", { id: "new-key-box", class: "new-key" },
        el("p", {}, "Your new key. Store it now: it is not shown again."),
        el("code", { id: "new-key" }, fresh)) : null,
      el("button", { id: "create-key", type: "button", onclick: async () => {
        try {
          const k = await api("POST", "/api/auth/api-key");
          await keys(k.api_key);
        } catch (e) {
          status.textContent = "Could not create a key: " + e.message;
        }
      } }, "Create an API key"),
      status,
      el("table", { id: "keys" }, el("thead", {}, el("tr", {}, ["Key", "Created", "State", ""].map(h => el("th", { scope: "col" }, h)))),
        el("tbody", {}, rows)),
      el("p", {}, "Send a key as ", el("code", {}, "Authorization: Bearer <key>"), "."));
  }

  function money(x) { return "$" + Number(x || 0).toFixed(4); }

  async function usage(days) {
    const box = document.getElementById("usage-section");
    const pick = el("select", { id: "usage-days", onchange: () => usage(Number(pick.value)) },
      [7, 30, 90, 366].map(d => el("option", { value: d, selected: d === days }, "last " + d + " days")));
    const head = [el("h2", {}, "Usage and cost"), el("label", { for: "usage-days" }, "Period "), pick];
    let u;
    try {
      u = await api("GET", "/api/billing/usage?days=" + days);
    } catch (e) {
      show(box, head, el("p", { class: "bad" }, "Usage is not available: " + e.message));
      return;
    }
    const t = u.totals;
    const rows = u.usage.map(r => el("tr", {}, el("td", {}, r.day), el("td", {}, r.agent), el("td", {}, r.model || "unknown"),
      el("td", {}, String(r.calls)), el("td", {}, String(r.input_tokens)), el("td", {}, String(r.output_tokens)),
      el("td", {}, money(r.cost_usd))));
    show(box, head,
      el("dl", { id: "usage-totals", class: "facts" },
        el("dt", {}, "Debates"), el("dd", { id: "usage-debates" }, String(t.debates)),
        el("dt", {}, "Agent calls"), el("dd", {}, String(t.calls)),
        el("dt", {}, "Tokens"), el("dd", { id: "usage-tokens" }, String(t.total_tokens)),
        el("dt", {}, "Cost"), el("dd", { id: "usage-cost" }, money(t.cost_usd))),
      u.partial ? el("p", { class: "off" }, "Partial: only the newest debates of the period were read.") : null,
      rows.length ? el("div", { class: "scroll" }, el("table", { id: "usage" },
        el("caption", {}, "By day, agent and model (costs as the providers reported them)"),
        el("thead", {}, el("tr", {}, ["Day", "Agent", "Model", "Calls", "Input tokens", "Output tokens", "Cost"]
          .map(h => el("th", { scope: "col" }, h)))),
        el("tbody", {}, rows))) : el("p", { id: "usage-empty" }, "No finished debates in this period."));
  }

  async function page() {
    show("main",
      el("nav", { class: "toolbar", "aria-label": "Developer portal" },
        el("a", { href: "#keys-section" }, "API keys"), el("a", { href: "#usage-section" }, "Usage and cost"),
        el("a", { href: "#reference-section" }, "API reference"),
        el("button", { type: "button", class: "link", onclick: () => { signOut(); signInForm("main", page); } }, "Sign out")),
      el("section", { id: "keys-section", "aria-label": "API keys" }),
      el("section", { id: "usage-section", "aria-label": "Usage and cost" }),
      el("section", { id: "reference-section", "aria-label": "API reference" }));
    try {
      await keys();
    } catch (e) {
      if (e.status === 401) {
        signOut();
        signInForm("main", page, "Your session ended: sign in again.");
        return;
      }
      throw e;
    }
    await usage(30);
    ApiReference.render(document.getElementById("reference-section"));
  }

  if (token()) page(); else signInForm("main", page);
})();
