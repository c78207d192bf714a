// /shared#<token>: a debate someone shared, read-only, without signing in. The token lives in the
// fragment, which browsers never send to a server, and travels only in a request header.
"use strict";

(() => {
  const { api } = Aragora;
  const note = document.getElementById("note");
  const secret = location.hash.slice(1);

  async function start() {
    if (!secret) {
      note.textContent = "This link has no share token.";
      return;
    }
    try {
      const shared = await api("GET", "/api/shares/view", undefined, { "X-Share-Token": secret });
      const view = DebateView.create(document.getElementById("debate"));
      view.describe(shared.debate);
      shared.events.forEach(view.event);
      if (!shared.debate.in_progress) view.verdict(shared.debate, shared.receipt_verification, shared.cruxes);
      note.textContent = "Read-only link, valid until " + shared.expires_at;
    } catch (e) {
      note.textContent = "This link is not valid: it has expired, been revoked, or never existed.";
      note.className = "refused";
    }
  }
  start();
})();
