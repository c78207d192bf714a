// /debates/{id}: the debate as stored, then every new event over the /ws stream until it ends.
"use strict";

(() => {
  const { el, api, show, token } = Aragora;
  const id = decodeURIComponent(location.pathname.split("/")[2] || "");
  const view = DebateView.create(document.getElementById("debate"));
  const note = document.getElementById("note");
  let finished = false;

  async function replay() {
    const page = await api("GET", "/api/debates/" + encodeURIComponent(id) + "/events?limit=1000");
    page.events.forEach(view.event);
  }

  async function finish() {
    if (finished) return;
    finished = true;
    const result = await api("GET", "/api/debates/" + encodeURIComponent(id));
    let report = null;
    let cruxes = null;
    if (result.receipt_id) {
      const receipt = "/api/v2/receipts/" + encodeURIComponent(result.receipt_id);
      try {
        report = await api("POST", receipt + "/verify");
        cruxes = (await api("GET", receipt)).document.cruxes;
      } catch (e) {
        report = report || { verified: false, checks: [{ name: "verify", status: e.message }] };
      }
    }
    view.verdict(result, report, cruxes);
  }

  function live() {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    const socket = new WebSocket(scheme + location.host + "/ws", ["aragora.v1", "aragora.bearer." + token()]);
    socket.addEventListener("open", () => socket.send(JSON.stringify({ type: "subscribe", debate_id: id })));
    socket.addEventListener("message", async (m) => {
      const msg = JSON.parse(m.data);
      if (msg.type === "subscribed") {
        note.textContent = "Live";
        await replay();
      } else if (msg.type === "error") {
        note.textContent = "Stream: " + (msg.data && msg.data.message);
      } else if (msg.seq !== undefined && msg.loop_id === id) {
        view.event(msg);
        if (msg.type === "debate_end") {
          socket.close();
          note.textContent = "Finished";
          await finish();
        }
      }
    });
    socket.addEventListener("close", () => { if (!finished) note.textContent = "Stream closed: reload to reconnect"; });
  }

  function shareControls() {
    const out = el("p", { id: "share-link", class: "share-link" });
    const hours = el("input", { id: "share-hours", type: "number", min: 1, max: 720, value: 24 });
    const create = el("button", { id: "share-create", type: "button", onclick: async () => {
      try {
        const s = await api("POST", "/api/shares", { debate_id: id, expires_in_hours: Number(hours.value) });
        const url = location.origin + s.path;
        const revoke = el("button", { id: "revoke", type: "button", onclick: async () => {
          await api("DELETE", "/api/shares/" + encodeURIComponent(s.id));
          show(out, "Link revoked.");
        } }, "Revoke");
        show(out, el("a", { id: "share-url", href: url }, url), " expires " + s.expires_at + " ", revoke);
      } catch (e) {
        show(out, "Could not share: " + e.message);
      }
    } }, "Create a read-only link");
    show("share", el("h2", {}, "Share"), el("label", { for: "share-hours" }, "Valid for hours "), hours, " ", create, out);
  }

  async function start() {
    if (!token()) {
      show(note, "Sign in on the ", el("a", { href: "/" }, "start page"), " to watch this debate.");
      return;
    }
    try {
      const debate = await api("GET", "/api/debates/" + encodeURIComponent(id));
      view.describe(debate);
      shareControls();
      if (debate.in_progress) {
        live();
      } else {
        await replay();
        await finish();
      }
    } catch (e) {
      note.textContent = e.status === 404 ? "No such debate." : "Could not load the debate: " + e.message;
    }
  }
  start();
})();
