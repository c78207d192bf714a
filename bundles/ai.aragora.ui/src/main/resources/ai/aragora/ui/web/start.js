// /: sign in (or sign up), then start a debate with agents from the live list; lands on its live view.
"use strict";

(() => {
  const { el, api, show, token, signOut, signInForm } = Aragora;

  async function startForm() {
    let agents;
    try {
      agents = (await api("GET", "/api/agents")).agents;
    } catch (e) {
      if (e.status === 401 || e.status === 403) {
        signOut();
        signInForm("main", startForm, "Your session ended: sign in again.");
        return;
      }
      throw e;
    }
    const task = el("textarea", { id: "task", rows: 4, required: true, maxlength: 10000 });
    const rounds = el("input", { id: "rounds", type: "number", min: 1, max: 10, value: 2 });
    const consensus = el("select", { id: "consensus" },
      ["majority", "supermajority", "unanimous", "weighted", "any", "judge", "none"].map(m => el("option", { value: m }, m)));
    const picks = agents.map((a, i) => el("label", { class: "agent" },
      el("input", { type: "checkbox", name: "agent", value: a.name, checked: i < 3 }), " " + a.name + " ", el("small", {}, a.provider || "")));
    const status = el("p", { id: "start-status", role: "status" });
    const form = el("form", { id: "start", onsubmit: async (ev) => {
      ev.preventDefault();
      const chosen = [...form.querySelectorAll("input[name=agent]:checked")].map(c => c.value);
      try {
        const d = await api("POST", "/api/debates", { task: task.value, agents: chosen, rounds: Number(rounds.value),
          consensus: consensus.value });
        location.assign("/debates/" + encodeURIComponent(d.id || d.debate_id));
      } catch (e) {
        status.textContent = "Could not start: " + e.message;
      }
    } },
    el("h2", {}, "Start a debate"),
    el("label", { for: "task" }, "Task"), task,
    el("fieldset", {}, el("legend", {}, "Agents"), picks),
    el("label", { for: "rounds" }, "Rounds"), rounds,
    el("label", { for: "consensus" }, "Consensus"), consensus,
    el("button", { type: "submit" }, "Start"), status,
    el("button", { type: "button", class: "link", onclick: () => { signOut(); signInForm("main", startForm); } }, "Sign out"),
    el("p", {}, el("a", { href: "/developer" }, "API keys")));
    show("main", form);
  }

  if (token()) startForm(); else signInForm("main", startForm);
})();
