// The server's OpenAPI document (/api/openapi.json) as a browsable reference, each operation with
// a form that sends it with the signed-in session, or with an API key typed into the page.
"use strict";

const ApiReference = (() => {
  const { el, show, token } = Aragora;
  const METHODS = ["get", "post", "put", "patch", "delete"];

  function resolve(doc, schema, depth) {
    if (!schema || depth > 4) return schema;
    if (schema.$ref) {
      const name = schema.$ref.split("/").pop();
      return resolve(doc, ((doc.components || {}).schemas || {})[name], depth + 1);
    }
    return schema;
  }

  function operations(doc) {
    const ops = [];
    for (const [path, item] of Object.entries(doc.paths || {})) {
      for (const m of METHODS) {
        if (item[m]) ops.push({ path, method: m.toUpperCase(), op: item[m], shared: item.parameters || [] });
      }
    }
    return ops;
  }

  function example(schema, doc) {
    const s = resolve(doc, schema, 0) || {};
    if (s.type !== "object" || !s.properties) return "{}";
    const out = {};
    for (const [k, v] of Object.entries(s.properties)) {
      const p = resolve(doc, v, 1) || {};
      out[k] = p.default !== undefined ? p.default : p.type === "integer" || p.type === "number" ? 0
        : p.type === "boolean" ? false : p.type === "array" ? [] : p.type === "object" ? {} : "";
    }
    return JSON.stringify(out, null, 2);
  }

  function detail(target, doc, o) {
    const params = [...o.shared, ...(o.op.parameters || [])];
    const inputs = params.map((p, i) => {
      const id = "param-" + i;
      const s = p.schema || {};
      return { p, input: el("input", { id, name: p.name, type: "text", required: p.required,
        value: s.default !== undefined ? String(s.default) : "", "data-in": p.in }),
      label: el("label", { for: id }, p.name + " (" + p.in + (p.required ? ", required" : "") + (s.type ? ", " + s.type : "") + ")") };
    });
    const bodySchema = o.op.requestBody && ((o.op.requestBody.content || {})["application/json"] || {}).schema;
    const body = o.op.requestBody ? el("textarea", { id: "try-body", rows: 6, spellcheck: "false" }, example(bodySchema, doc)) : null;
    const key = el("input", { id: "try-key", type: "password", autocomplete: "off", placeholder: "ara_... (optional)" });
    const status = el("p", { id: "try-status", role: "status" });
    const output = el("pre", { id: "try-response", class: "response", tabindex: "0", "aria-label": "Response body" });
    const form = el("form", { id: "try-it", onsubmit: async (ev) => {
      ev.preventDefault();
      let path = o.path;
      const query = new URLSearchParams();
      const headers = { "Accept": "application/json" };
      for (const { p, input } of inputs) {
        const v = input.value;
        if (p.in === "path") path = path.replace("{" + p.name + "}", encodeURIComponent(v));
        else if (p.in === "query" && v !== "") query.append(p.name, v);
        else if (p.in === "header" && v !== "" && p.name.toLowerCase() !== "authorization") headers[p.name] = v;
      }
      const bearer = key.value.trim() || token();
      if (bearer) headers["Authorization"] = "Bearer " + bearer;
      if (body) headers["Content-Type"] = "application/json";
      const url = path + (query.toString() ? "?" + query : "");
      status.textContent = "Sending " + o.method + " " + url + " ...";
      try {
        const res = await fetch(url, { method: o.method, headers, body: body ? body.value : undefined, credentials: "omit", cache: "no-store" });
        const text = await res.text();
        let pretty = text;
        try { pretty = JSON.stringify(JSON.parse(text), null, 2); } catch (e) { pretty = text; }
        status.textContent = o.method + " " + url + " answered " + res.status;
        output.textContent = pretty;
      } catch (e) {
        status.textContent = "The request failed: " + e.message;
      }
    } },
    el("h4", {}, "Try it"),
    inputs.map(i => [i.label, i.input]),
    body ? [el("label", { for: "try-body" }, "Request body (JSON)"), body] : null,
    el("label", { for: "try-key" }, "API key (leave empty to use this session)"), key,
    el("button", { id: "try-send", type: "submit" }, "Send " + o.method));
    const responses = Object.entries(o.op.responses || {}).map(([code, r]) => el("li", {}, code + ": " + ((r && r.description)
      || (r && r.$ref ? "see " + r.$ref.split("/").pop() : ""))));
    show(target,
      el("h3", { id: "operation-title", tabindex: "-1" }, el("span", { class: "method" }, o.method), " ", el("code", {}, o.path)),
      el("p", {}, o.op.summary || ""), o.op.description ? el("p", {}, o.op.description) : null,
      el("p", {}, "Operation ", el("code", {}, o.op.operationId || "")),
      params.length ? el("table", { class: "params" }, el("thead", {}, el("tr", {}, ["Name", "In", "Required", "Type"].map(h => el("th", { scope: "col" }, h)))),
        el("tbody", {}, params.map(p => el("tr", {}, el("td", {}, p.name), el("td", {}, p.in), el("td", {}, p.required ? "yes" : "no"),
          el("td", {}, (p.schema || {}).type || ""))))) : el("p", {}, "No parameters."),
      bodySchema ? [el("h4", {}, "Request body"), el("pre", { class: "response" }, JSON.stringify(resolve(doc, bodySchema, 0), null, 2))] : null,
      el("h4", {}, "Responses"), el("ul", {}, responses),
      form, status, output);
    document.getElementById("operation-title").focus();
  }

  async function render(target) {
    let doc;
    try {
      const res = await fetch("/api/openapi.json", { credentials: "omit", cache: "no-store", headers: { "Accept": "application/json" } });
      if (!res.ok) throw new Error("HTTP " + res.status);
      doc = await res.json();
    } catch (e) {
      show(target, el("h2", {}, "API reference"), el("p", { class: "bad" }, "The OpenAPI document is not available: " + e.message));
      return;
    }
    const ops = operations(doc);
    const filter = el("input", { id: "reference-filter", type: "search", placeholder: "debates, receipts, POST ..." });
    const list = el("ul", { id: "operations" });
    const pane = el("div", { id: "operation", "aria-live": "polite" }, el("p", {}, "Pick an operation."));
    function draw() {
      const q = filter.value.trim().toLowerCase();
      show(list, ops.filter(o => !q || (o.method + " " + o.path + " " + (o.op.summary || "") + " " + (o.op.tags || []).join(" "))
        .toLowerCase().includes(q)).map(o => el("li", {}, el("button", { type: "button", class: "operation",
        "data-op": o.method + " " + o.path, onclick: () => detail(pane, doc, o) }, el("span", { class: "method" }, o.method), " ", o.path))));
    }
    filter.addEventListener("input", draw);
    draw();
    show(target, el("h2", {}, "API reference"),
      el("p", {}, (doc.info || {}).title + " " + (doc.info || {}).version + ": " + ops.length + " operations, from ",
        el("a", { href: "/api/openapi.json" }, "/api/openapi.json"), "."),
      el("div", { class: "reference" },
        el("nav", { "aria-label": "Operations" }, el("label", { for: "reference-filter" }, "Filter"), filter, list), pane));
  }

  return { render };
})();
