/* The API reference, drawn from the app's own OpenAPI document (/openapi.json), offline. */
"use strict";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function typeOf(schema, spec) {
  if (!schema) return "";
  if (schema.$ref) return schema.$ref.split("/").pop();
  if (schema.anyOf) return schema.anyOf.map((s) => typeOf(s, spec)).join(" | ");
  if (schema.type === "array") return typeOf(schema.items, spec) + "[]";
  let text = schema.type || "";
  if (schema.enum) text += " (" + schema.enum.join(", ") + ")";
  if (schema.format) text += " " + schema.format;
  const limits = [];
  if (schema.minimum !== undefined) limits.push("≥ " + schema.minimum);
  if (schema.maximum !== undefined) limits.push("≤ " + schema.maximum);
  if (schema.minLength !== undefined) limits.push("length ≥ " + schema.minLength);
  if (schema.maxLength !== undefined) limits.push("length ≤ " + schema.maxLength);
  if (schema.pattern) limits.push("pattern " + schema.pattern);
  return text + (limits.length ? " [" + limits.join(", ") + "]" : "");
}

function schemaTable(name, schema, spec) {
  const rows = Object.entries(schema.properties || {}).map(([field, s]) =>
    el("tr", {}, el("td", { class: "code", text: field }), el("td", { class: "code", text: typeOf(s, spec) }),
      el("td", { text: s.description || "" })));
  return el("section", { class: "card wide", id: "schema-" + name },
    el("h2", { class: "code", text: name }), el("p", { class: "muted", text: schema.description || "" }),
    el("table", {}, el("tbody", {}, rows)));
}

async function main() {
  const box = document.getElementById("docs");
  const spec = await (await fetch("/openapi.json")).json();
  box.replaceChildren(el("h1", { text: `${spec.info.title} ${spec.info.version} — HTTP API` }),
    el("p", { text: spec.info.description || "" }));
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = (op.parameters || []).map((p) =>
        el("tr", {}, el("td", { class: "code", text: p.name + (p.required ? " *" : "") }), el("td", { text: p.in }),
          el("td", { class: "code", text: typeOf(p.schema, spec) + (p.schema && p.schema.default !== undefined ? " = " + JSON.stringify(p.schema.default) : "") }),
          el("td", { text: p.description || (p.schema && p.schema.description) || "" })));
      const body = op.requestBody ? el("p", {}, "Body: ", el("span", { class: "code", text: typeOf(op.requestBody.content["application/json"].schema, spec) })) : null;
      const ok = op.responses && op.responses["200"] && op.responses["200"].content;
      const json = ok && ok["application/json"];
      const answer = !ok ? null : json
        ? el("p", {}, "Answer: ", el("span", { class: "code", text: typeOf(json.schema, spec) }))
        : el("p", {}, "Answer: a file, ", el("span", { class: "code", text: Object.keys(ok).join(", ") }));
      box.append(el("section", { class: "card wide endpoint" },
        el("h2", { class: "code", text: `${method.toUpperCase()} ${path}` }),
        el("p", { text: op.description || op.summary || "" }),
        op.security ? el("p", { class: "muted", text: "Needs Authorization: Bearer <TOCSIN_API_TOKEN>." }) : null,
        params.length ? el("table", {}, el("thead", {}, el("tr", {}, ["parameter", "in", "type", "description"].map((h) => el("th", { text: h })))), el("tbody", {}, params)) : null,
        body, answer));
    }
  }
  box.append(el("h1", { text: "Schemas" }));
  for (const [name, schema] of Object.entries((spec.components || {}).schemas || {})) box.append(schemaTable(name, schema, spec));
  box.dataset.ready = "1";
}

main().catch((error) => {
  document.getElementById("docs").textContent = "Could not read /openapi.json: " + error.message;
});
