// /shared#<token>: a debate someone shared, read-only, without signing in. The token lives in the
// fragment, which browsers never send to a server, and travels only in a request header. While
// the debate runs, the page asks for the events newer than the last one it has.
"use strict";

(() => {
  const { api } = Aragora;
  const POLL_MS = 1500;
  const note = document.getElementById("note");
  const secret = location.hash.slice(1);

  function read(after) {
    return api("GET", "/api/shares/view" + (after ? "?after=" + after : ""), undefined, { "X-Share-Token": secret });
  }

  function lastSeq(events, since) {
    return events.reduce((m, e) => Math.max(m, e.seq || 0), since);
  }

  // the receipt is issued just after the debate ends: ask a few more times before showing none
  async function follow(view, since, receiptTries) {
    let shared;
    try {
      shared = await read(since);
    } catch (e) {
      note.textContent = "This link is no longer valid: it has expired or been revoked.";
      note.className = "refused";
      return;
    }
    shared.events.forEach(view.event);
    if (shared.debate.in_progress) {
      setTimeout(() => follow(view, lastSeq(shared.events, since), 5), POLL_MS);
      return;
    }
    if (!shared.debate.receipt_id && receiptTries > 0) {
      setTimeout(() => follow(view, lastSeq(shared.events, since), receiptTries - 1), POLL_MS);
      return;
    }
    view.describe(shared.debate);
    view.verdict(shared.debate, shared.receipt_verification, shared.cruxes);
    note.textContent = "Read-only link, valid until " + shared.expires_at;
  }

  async function start() {
    if (!secret) {
      note.textContent = "This link has no share token.";
      return;
    }
    let shared;
    try {
      shared = await read(0);
    } catch (e) {
      note.textContent = "This link is not valid: it has expired, been revoked, or never existed.";
      note.className = "refused";
      return;
    }
    const view = DebateView.create(document.getElementById("debate"));
    view.describe(shared.debate);
    shared.events.forEach(view.event);
    if (shared.debate.in_progress) {
      note.textContent = "Live, read-only: new events appear as they happen. Link valid until " + shared.expires_at;
      setTimeout(() => follow(view, lastSeq(shared.events, 0), 5), POLL_MS);
    } else {
      view.verdict(shared.debate, shared.receipt_verification, shared.cruxes);
      note.textContent = "Read-only link, valid until " + shared.expires_at;
    }
  }
  start();
})();
