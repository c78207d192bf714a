// Shared by every page. Text reaches the page only through text nodes (el() and
// textContent), never as HTML, so whatever a debate says is shown, not run.
"use strict";

const Aragora = (() => {
  const TOKEN = "aragora.token";

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  function token() { return sessionStorage.getItem(TOKEN); }
  function signIn(t) { sessionStorage.setItem(TOKEN, t); }
  function signOut() { sessionStorage.removeItem(TOKEN); }

  // headers: extra request headers; a share token goes there, and then no session token is sent
  async function api(method, path, body, headers) {
    const h = Object.assign({ "Accept": "application/json" }, headers || {});
    if (token() && !h["X-Share-Token"]) h["Authorization"] = "Bearer " + token();
    if (body !== undefined) h["Content-Type"] = "application/json";
    const res = await fetch(path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "omit", cache: "no-store" });
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = { error: text }; }
    if (!res.ok) {
      const err = new Error((json && json.error) || ("HTTP " + res.status));
      err.status = res.status;
      throw err;
    }
    return json;
  }

  function show(target, ...children) {
    const node = typeof target === "string" ? document.getElementById(target) : target;
    node.replaceChildren(...children.flat(Infinity).filter(c => c !== null && c !== undefined));
    return node;
  }

  // sign in or sign up, then call next(); the session token is kept for this tab only
  function signInForm(target, next, message) {
    const email = el("input", { id: "email", type: "email", autocomplete: "username", required: true });
    const password = el("input", { id: "password", type: "password", autocomplete: "current-password", required: true });
    const status = el("p", { id: "signin-status", role: "status" }, message || "");
    async function enter(path) {
      try {
        const s = await api("POST", path, { email: email.value, password: password.value });
        signIn(s.access_token);
        await next();
      } catch (e) {
        status.textContent = (path.endsWith("register") ? "Sign-up" : "Sign-in") + " failed: " + e.message;
      }
    }
    const form = el("form", { id: "signin", onsubmit: (ev) => { ev.preventDefault(); enter("/api/auth/login"); } },
      el("h2", {}, "Sign in"),
      el("label", { for: "email" }, "Email"), email,
      el("label", { for: "password" }, "Password"), password,
      el("button", { type: "submit" }, "Sign in"),
      el("button", { id: "signup", type: "button", class: "link", onclick: () => {
        if (form.reportValidity()) enter("/api/auth/register");
      } }, "Create an account with these"),
      status);
    show(target, form);
  }

  function percent(x) { return x === null || x === undefined ? "n/a" : Math.round(x * 100) + "%"; }

  return { el, token, signIn, signOut, api, show, percent, signInForm };
})();
