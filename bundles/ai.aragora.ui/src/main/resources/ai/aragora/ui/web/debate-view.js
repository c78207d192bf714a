// Draws a debate: its events as they arrive (live or replayed from the store) and its outcome.
"use strict";

const DebateView = (() => {
  const { el, show, percent } = Aragora;

  function create(root) {
    const seen = new Set();
    const rounds = new Map();
    const header = el("section", { class: "header", "aria-live": "polite" });
    const roundsBox = el("div", { class: "rounds" });
    const outcome = el("section", { class: "outcome", id: "outcome", "aria-live": "polite" });
    show(root, header, outcome, roundsBox);

    function round(n) {
      if (!rounds.has(n)) {
        const list = el("ol", { class: "events" });
        const box = el("section", { class: "round", "data-round": n }, el("h3", {}, n === 0 ? "Opening" : "Round " + n), list);
        rounds.set(n, list);
        roundsBox.append(box);
      }
      return rounds.get(n);
    }

    function describe(debate) {
      show(header,
        el("h2", { class: "task" }, debate.task),
        el("p", {}, "Status: ", el("strong", { id: "status", class: "status" }, debate.status || "")),
        el("p", { class: "agents" }, "Agents: ", (debate.agents || debate.participants || []).join(", ")));
    }

    function item(kind, who, ...body) {
      return el("li", { class: "event " + kind, "data-kind": kind }, el("span", { class: "kind" }, kind.replace(/_/g, " ")),
        who ? el("span", { class: "who" }, who) : null, ...body);
    }

    function event(e) {
      if (e.seq !== undefined && e.seq !== null) {
        if (seen.has(e.seq)) return;
        seen.add(e.seq);
      }
      const d = e.data || {};
      const r = e.round || 0;
      switch (e.type) {
        case "debate_start":
          round(0).append(item("debate_start", null, el("p", {}, "Consensus " + (d.consensus || "") + ", " + d.rounds + " rounds")));
          break;
        case "round_start": round(r); break;
        case "agent_message":
          round(r).append(item(d.role === "judge" ? "judgement" : "proposal", e.agent, el("p", { class: "content" }, d.content)));
          break;
        case "critique":
          round(r).append(item("critique", e.agent + " on " + d.target,
            el("span", { class: "severity", "data-severity": d.severity }, "severity " + d.severity),
            el("p", { class: "content" }, d.content)));
          break;
        case "vote":
          round(r).append(item("vote", e.agent, el("p", {}, "for " + d.choice + " (confidence " + percent(d.confidence) + ")"
            + (d.baseline ? ", baseline" : ""))));
          break;
        case "trickster_intervention":
          round(r).append(item("trickster", null, el("p", { class: "content" }, d.challenge)));
          break;
        case "convergence_detected":
          round(r).append(item("convergence", null, el("p", {}, d.status + " (similarity " + d.similarity + ")")));
          break;
        case "agent_failure":
          round(r).append(item("failure", e.agent, el("p", {}, d.message || d.kind || "failed")));
          break;
        case "consensus":
          round(r).append(item("consensus", null, el("p", {}, d.reached ? "consensus reached" : "no consensus")));
          break;
        case "debate_end":
          round(0).append(item("debate_end", null, el("p", {}, "debate ended")));
          break;
        default: break;
      }
    }

    function verdict(result, receipt, cruxes) {
      const c = result.consensus || {};
      const b = result.baseline_vote || {};
      const dissent = result.dissenting_views || [];
      show(outcome,
        el("h2", {}, "Verdict"),
        el("p", { id: "verdict", class: "verdict" }, result.final_answer || "(no answer)"),
        el("dl", {},
          el("dt", {}, "Verdict"), el("dd", {}, result.verdict || "n/a"),
          el("dt", {}, "Confidence"), el("dd", { id: "confidence" }, percent(result.confidence)),
          el("dt", {}, "Consensus"), el("dd", {}, (c.reached ? "reached" : "not reached") + (c.method ? " (" + c.method + ")" : "")),
          el("dt", {}, "Convergence"), el("dd", {}, result.convergence || "n/a"),
          el("dt", {}, "Baseline vote"), el("dd", {}, b.winner ? b.winner + " (" + percent(b.share) + ")" : "n/a"),
          el("dt", {}, "Dissenting agents"), el("dd", {}, (c.dissenting_agents || []).join(", ") || "none")),
        el("h3", {}, "Dissent"),
        dissent.length ? el("ul", { class: "dissent" }, dissent.map(v => el("li", {}, typeof v === "string" ? v : JSON.stringify(v))))
          : el("p", {}, "No dissenting views."),
        cruxView(cruxes),
        receiptView(result.receipt_id, receipt));
      const status = document.getElementById("status");
      if (status) status.textContent = result.status || "";
    }

    // the receipt's cruxes: where the final vote split and the critique that separated the sides
    function cruxView(cruxes) {
      const head = el("h3", {}, "Cruxes");
      if (!cruxes) return el("section", { id: "cruxes" }, head, el("p", {}, "Not recorded."));
      if (cruxes.status !== "present") return el("section", { id: "cruxes" }, head, el("p", {}, cruxes.reason || cruxes.status));
      return el("section", { id: "cruxes" }, head, el("ul", {}, (cruxes.items || []).map(c => el("li", { class: "crux" },
        el("p", {}, (c.decided_by || []).join(", ") + " decided: ", c.decided),
        el("p", {}, (c.alternative_by || []).join(", ") + " held: ", c.alternative),
        c.separated_by ? el("p", {}, "Separated by " + c.separated_by.issuer + "'s " + c.separated_by.severity + " critique: ",
          c.separated_by.text) : null))));
    }

    function receiptView(id, report) {
      if (!id) return el("p", { class: "receipt" }, "No receipt was issued.");
      const state = !report ? "not checked" : report.verified ? "verified" : "NOT verified";
      return el("section", { class: "receipt" }, el("h3", {}, "Signed receipt"),
        el("p", {}, "Receipt ", el("code", {}, id), ": ",
          el("strong", { id: "receipt-status", class: report && report.verified ? "ok" : "bad" }, state)),
        report && report.key_id ? el("p", {}, "Signed with key ", el("code", {}, report.key_id)) : null,
        report ? el("ul", { class: "checks" }, (report.checks || []).map(c => el("li", {}, c.name + ": " + c.status))) : null);
    }

    return { describe, event, verdict };
  }

  return { create };
})();
