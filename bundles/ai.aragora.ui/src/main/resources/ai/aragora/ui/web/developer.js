// /developer: API keys for the signed-in user. A new key is shown once, right after it is made.
"use strict";

(() => {
  const { el, api, show, token, signOut, signInForm } = Aragora;

  async function keys(fresh) {
    let list;
    try {
      list = (await api("GET", "/api/auth/api-keys")).api_keys;
    } catch (e) {
      if (e.status === 401) {
        signOut();
        signInForm("main", keys, "Your session ended: sign in again.");
        return;
      }
      throw e;
    }
    const status = el("p", { id: "keys-status", role: "status" });
    const rows = list.map(k => el("tr", { "data-key": k.id },
      el("td", {}, el("code", {}, k.prefix + "...")), el("td", {}, k.created_at),
      el("td", { class: "state" }, k.revoked ? "revoked" : "active"),
      el("td", {}, k.revoked ? null : el("button", { type: "button", class: "revoke", onclick: async () => {
        try {
          await api("DELETE", "/api/auth/api-key?id=" + encodeURIComponent(k.id));
          await keys();
        } catch (e) {
          status.textContent = "Could not revoke: " + e.message;
        }
      } }, "Revoke"))));
    show("main",
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
      el("p", {}, "Send a key as ", el("code", {}, "Authorization: Bearer <key>"), ". The API is described at ",
        el("a", { href: "/api/openapi.json" }, "/api/openapi.json"), "."));
  }

  if (token()) keys(); else signInForm("main", keys);
})();
