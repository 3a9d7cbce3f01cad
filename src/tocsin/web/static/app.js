/* tocsin dashboard: a small single-page app over the JSON API (no framework, no network beyond
   this server). Pages are hash routes: #/ (overview), #/dyad/SRC/TGT, #/events?filters,
   #/event/ID and #/alerts. Data is always put in the page as text (textContent), never as HTML. */
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";
const QUADS = ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];
const FILTERS = ["source", "target", "actor", "code", "root", "quad", "country", "since", "until", "story"];
const PAGE = 25;
let renderCount = 0;

/* --- DOM helpers ------------------------------------------------------------------------- */

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVGNS, tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

function fmt(value, digits = 1) {
  if (value === null || value === undefined) return "–";
  return (value > 0 ? "+" : "") + Number(value).toFixed(digits);
}

function pct(value) {
  return value === null || value === undefined ? "–" : Math.round(value * 100) + "%";
}

function hashFor(path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== "") query.set(key, value);
  }
  const text = query.toString();
  return "#" + path + (text ? "?" + text : "");
}

function go(path, params) {
  location.hash = hashFor(path, params);
}

function dyadPath(source, target) {
  return "/dyad/" + encodeURIComponent(source) + "/" + encodeURIComponent(target);
}

/* --- the API ----------------------------------------------------------------------------- */

class NeedToken extends Error {}

async function api(path, params) {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.append(key, value);
  }
  const headers = { Accept: "application/json" };
  const token = sessionStorage.getItem("tocsinToken");
  if (token) headers.Authorization = "Bearer " + token;
  const response = await fetch(url, { headers });
  if (response.status === 401) throw new NeedToken("this server needs a token to read");
  const body = await response.json();
  if (!response.ok) throw new Error(body.detail || response.statusText);
  return body;
}

/* --- routing ----------------------------------------------------------------------------- */

function route() {
  const raw = location.hash.replace(/^#/, "") || "/";
  const [path, query] = raw.split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  return { parts, params: new URLSearchParams(query || "") };
}

async function render() {
  const mine = ++renderCount;
  const rendered = location.hash;
  const view = document.getElementById("view");
  const { parts, params } = route();
  const page = parts[0] || "overview";
  const content = el("div");
  view.dataset.page = page;
  view.dataset.ready = "0";
  try {
    if (page === "overview") await overviewPage(content);
    else if (page === "dyad" && parts.length >= 3) await dyadPage(content, parts[1], parts[2], params);
    else if (page === "events") await eventsPage(content, params);
    else if (page === "event" && parts[1]) await eventPage(content, parts[1]);
    else if (page === "alerts") await alertsPage(content);
    else if (page === "about") aboutPage(content);
    else content.append(el("h1", { text: "Not found" }), el("p", { text: "No such page." }));
  } catch (error) {
    if (mine !== renderCount) return;
    content.replaceChildren();
    if (error instanceof NeedToken) tokenForm(content);
    else content.append(el("p", { class: "error", text: "Could not load this page: " + error.message }));
  }
  if (mine !== renderCount) return; // a newer page was asked for meanwhile
  if (page !== "about") content.append(howCoded());
  view.replaceChildren(content);
  view.dataset.route = rendered; // which address the page shows, for tests and scripts
  view.dataset.ready = "1";
  window.scrollTo(0, 0);
}

function tokenForm(content) {
  const input = el("input", { type: "password", name: "token", placeholder: "TOCSIN_API_TOKEN" });
  content.append(
    el("h1", { text: "Token needed" }),
    el("p", { text: "This server asks for its API token to read events." }),
    el("form", {
      class: "search",
      onsubmit: (event) => {
        event.preventDefault();
        sessionStorage.setItem("tocsinToken", input.value);
        render();
        loadSummary();
      },
    }, input, el("button", { type: "submit", text: "Use token" })),
  );
}

const POLL_MS = window.tocsinPollMs || 30000; // how often the header asks if the store changed
let seenAlertId = null; // the latest watch alert when the page was opened, then as shown
let seenUpdate = null;
let newAlerts = []; // raised since the page was opened, until the reader follows the link

async function loadSummary() {
  const box = document.getElementById("summary");
  try {
    const s = await api("/api/summary");
    const span = s.first_date ? ` · ${s.first_date} to ${s.last_date}` : "";
    const updated = s.last_update ? ` · updated ${s.last_update.replace("T", " ").replace("Z", " UTC")}` : "";
    box.replaceChildren(`${s.events} events in ${s.stories} stories${span}${updated}`);
    if (seenAlertId === null) seenAlertId = s.last_alert_id;
    const changed = seenUpdate !== null && s.last_update !== seenUpdate;
    seenUpdate = s.last_update;
    let arrived = false; // a watch writes its events, then its alerts: either is new data
    if (s.last_alert_id > seenAlertId) {
      const fresh = await api("/api/watch/alerts", { after: seenAlertId });
      newAlerts.push(...fresh.alerts.map((a) => `${a.record.dyad.source} → ${a.record.dyad.target} ${a.record.direction}`));
      seenAlertId = fresh.last_id;
      arrived = fresh.alerts.length > 0;
    }
    if (newAlerts.length) {
      const text = `${newAlerts.length} new alert${newAlerts.length === 1 ? "" : "s"}: ${newAlerts.join(", ")}`;
      box.append(" · ", el("a", { id: "new-alerts", href: "#/alerts", text, onclick: () => { newAlerts = []; } }));
    }
    const page = document.getElementById("view").dataset.page;
    if ((changed || arrived) && (page === "overview" || page === "alerts")) render(); // new data, no reload
  } catch (error) {
    box.textContent = "";
  }
}

/* --- overview ---------------------------------------------------------------------------- */

async function overviewPage(content) {
  document.title = "tocsin · overview";
  const [dyads, places, world, alerts] = await Promise.all([
    api("/api/dyads", { limit: 40, level: "country" }),
    api("/api/places", { limit: 500 }),
    api("/api/world"),
    api("/api/alerts", { limit: 5 }),
  ]);
  content.append(el("h1", { text: "Overview" }));
  const grid = el("div", { class: "grid" });
  grid.append(
    el("section", { class: "card", id: "top-dyads" }, el("h2", { text: "Top dyads" }), quadLegend(false),
      scroller(dyadTable(dyads.slice(0, 15)))),
    el("section", { class: "card", id: "network" }, el("h2", { text: "Actor network" }),
      el("p", { class: "muted", text: "Countries and organisations joined by the events between them; line width: events. A country acting on itself (police and protesters) is in the table, not here." }),
      goldsteinLegend(), networkChart(dyads)),
    el("section", { class: "card wide", id: "map" }, el("h2", { text: "Where events happened" }), goldsteinLegend(), mapChart(world, places)),
    el("section", { class: "card", id: "actors" }, el("h2", { text: "Actors" }), actorSearch()),
    el("section", { class: "card", id: "alerts-box" }, el("h2", { text: "Alerts" }), alertList(alerts, true)),
  );
  content.append(grid);
}

function quadBar(quads) {
  const total = quads.reduce((a, b) => a + b, 0) || 1;
  const bar = el("span", { class: "bar", title: quads.map((q, k) => `${QUADS[k]}: ${q}`).join(", ") });
  quads.forEach((count, k) => {
    const part = el("span", { class: "q" + (k + 1) });
    part.style.width = (100 * count) / total + "%";
    bar.append(part);
  });
  return bar;
}

function dyadTable(dyads) {
  if (!dyads.length) return el("p", { class: "muted", text: "No dyads yet: events with both a source and a target." });
  const body = el("tbody");
  for (const d of dyads) {
    const b = d.balance;
    body.append(el("tr", { class: "link dyad-row", "data-source": d.source, "data-target": d.target, onclick: () => go(dyadPath(d.source, d.target)) },
      el("td", { class: "code" }, el("a", { href: hashFor(dyadPath(d.source, d.target)), text: `${d.source} → ${d.target}` })),
      el("td", { class: "num", text: b.events }),
      el("td", {}, quadBar(b.quads)),
      el("td", { class: "num", text: fmt(b.goldstein_mean) }),
      el("td", { class: "tone-" + b.tone, text: b.tone }),
    ));
  }
  return el("table", {},
    el("thead", {}, el("tr", {}, el("th", { text: "dyad" }), el("th", { class: "num", text: "events" }),
      el("th", { text: "quad classes" }), el("th", { class: "num", text: "Goldstein" }), el("th", { text: "balance" }))),
    body);
}

function goldsteinColour(value) {
  // -10 red, 0 grey, +10 blue
  const v = Math.max(-10, Math.min(10, value || 0)) / 10;
  const grey = [150, 150, 160];
  const end = v < 0 ? [200, 55, 45] : [31, 95, 174];
  const t = Math.abs(v) ** 0.7;
  const mix = grey.map((g, k) => Math.round(g + (end[k] - g) * t));
  return `rgb(${mix[0]},${mix[1]},${mix[2]})`;
}

function mapChart(world, places) {
  const chart = svg("svg", { viewBox: `0 0 ${world.width} ${world.height}`, class: "map", role: "img", "aria-label": "map of events" });
  const land = svg("g");
  for (const c of world.countries) land.append(svg("path", { class: "land", d: c.d }, svg("title", { text: c.name })));
  chart.append(land);
  const dots = svg("g");
  const located = places.filter((p) => p.lat !== null && p.lon !== null);
  for (const p of located.sort((a, b) => b.events - a.events)) {
    const x = p.lon + 180;
    const y = world.top_lat - p.lat;
    const r = 1.2 + Math.sqrt(p.events) * 1.1;
    dots.append(svg("circle", {
      class: "place", cx: x.toFixed(2), cy: y.toFixed(2), r: r.toFixed(2), fill: goldsteinColour(p.goldstein_mean),
      "data-name": p.name || "", onclick: () => go("/events", { country: p.country }),
    }, svg("title", { text: `${p.name || "?"} (${p.country || "?"}): ${p.events} events, mean Goldstein ${fmt(p.goldstein_mean)}` })));
  }
  chart.append(dots);
  const box = el("div", {}, chart,
    el("p", { class: "muted", text: `${located.length} places; circle size: events, colour: mean Goldstein score (red conflict, blue cooperation). Click a place for its country's events.` }));
  return box;
}

function networkChart(dyads) {
  const width = 520, height = 360;
  dyads = dyads.filter((d) => d.source !== d.target); // a country acting on itself is no link
  const names = [...new Set(dyads.flatMap((d) => [d.source, d.target]))];
  if (!names.length) return el("p", { class: "muted", text: "No dyads between two actors yet." });
  const nodes = names.map((name, k) => {
    const angle = (2 * Math.PI * k) / names.length;
    return { name, x: width / 2 + 140 * Math.cos(angle), y: height / 2 + 120 * Math.sin(angle), vx: 0, vy: 0, weight: 0 };
  });
  const index = new Map(nodes.map((n, k) => [n.name, k]));
  const links = dyads.map((d) => ({ a: index.get(d.source), b: index.get(d.target), d }));
  for (const d of dyads) { nodes[index.get(d.source)].weight += d.balance.events; nodes[index.get(d.target)].weight += d.balance.events; }
  // a small force layout, fixed number of steps: the same data gives the same picture
  for (let step = 0; step < 300; step++) {
    const cool = 1 - step / 300;
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const dx = nodes[j].x - nodes[i].x, dy = nodes[j].y - nodes[i].y;
        const dist2 = Math.max(dx * dx + dy * dy, 25);
        const force = 1800 / dist2;
        const dist = Math.sqrt(dist2);
        nodes[i].vx -= (force * dx) / dist; nodes[i].vy -= (force * dy) / dist;
        nodes[j].vx += (force * dx) / dist; nodes[j].vy += (force * dy) / dist;
      }
    }
    for (const l of links) {
      const a = nodes[l.a], b = nodes[l.b];
      const dx = b.x - a.x, dy = b.y - a.y;
      const dist = Math.max(Math.sqrt(dx * dx + dy * dy), 1);
      const pull = (dist - 70) * 0.02;
      a.vx += (pull * dx) / dist; a.vy += (pull * dy) / dist;
      b.vx -= (pull * dx) / dist; b.vy -= (pull * dy) / dist;
    }
    for (const n of nodes) {
      n.vx += (width / 2 - n.x) * 0.005; n.vy += (height / 2 - n.y) * 0.005;
      n.x = Math.min(width - 20, Math.max(20, n.x + n.vx * cool));
      n.y = Math.min(height - 18, Math.max(18, n.y + n.vy * cool));
      n.vx *= 0.5; n.vy *= 0.5;
    }
  }
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "net", role: "img", "aria-label": "actor network" });
  const maxEvents = Math.max(...dyads.map((d) => d.balance.events));
  for (const l of links) {
    const a = nodes[l.a], b = nodes[l.b];
    chart.append(svg("line", {
      class: "edge", x1: a.x.toFixed(1), y1: a.y.toFixed(1), x2: b.x.toFixed(1), y2: b.y.toFixed(1),
      stroke: goldsteinColour(l.d.balance.goldstein_mean), "stroke-width": (1 + (4 * l.d.balance.events) / maxEvents).toFixed(2),
      onclick: () => go(dyadPath(l.d.source, l.d.target)),
    }, svg("title", { text: `${l.d.source} → ${l.d.target}: ${l.d.balance.events} events, mean Goldstein ${fmt(l.d.balance.goldstein_mean)}` })));
  }
  for (const n of nodes) {
    const r = Math.min(14, 4 + Math.sqrt(n.weight) * 1.2);
    const right = n.x < width * 0.6; // the label on the side with room, never past the edge
    chart.append(svg("g", { class: "node", "data-actor": n.name, onclick: () => go("/events", { actor: n.name }) },
      svg("circle", { cx: n.x.toFixed(1), cy: n.y.toFixed(1), r: r.toFixed(1) }),
      svg("text", { x: (right ? n.x + r + 2 : n.x - r - 2).toFixed(1), y: (n.y + 3).toFixed(1), "text-anchor": right ? "start" : "end", text: n.name }),
      svg("title", { text: `${n.name}: ${n.weight} events in these dyads` })));
  }
  return chart;
}

function actorSearch() {
  const results = el("ul", { class: "plain", id: "actor-results" });
  const input = el("input", { type: "search", name: "q", placeholder: "a code (FRA) or a name (Macron)" });
  async function show(list) {
    results.replaceChildren();
    if (!list.length) results.append(el("li", { class: "muted", text: "No actor found." }));
    for (const a of list) {
      results.append(el("li", {},
        el("a", { class: "code", href: hashFor("/events", { actor: a.code }), text: a.code }), " ",
        el("span", { text: a.names.slice(0, 4).join(", ") }), " ",
        el("span", { class: "muted", text: `(${a.events} events)` })));
    }
  }
  const form = el("form", {
    class: "search",
    onsubmit: async (event) => {
      event.preventDefault();
      try {
        await show(input.value.trim() ? await api("/api/actors", { q: input.value.trim() }) : await api("/api/actors/top", { limit: 10 }));
      } catch (error) {
        results.replaceChildren(el("li", { class: "error", text: error.message }));
      }
    },
  }, input, el("button", { type: "submit", text: "Search" }));
  api("/api/actors/top", { limit: 10 }).then(show).catch(() => {});
  return el("div", {}, form, el("p", { class: "muted", text: "Most active actors, or search:" }), results);
}

/* --- a dyad: its timeline and events ----------------------------------------------------- */

async function dyadPage(content, source, target, params) {
  const by = ["day", "week", "month"].includes(params.get("by")) ? params.get("by") : "month";
  const order = params.get("order") || "-date";
  document.title = `tocsin · ${source} → ${target}`;
  const [series, events] = await Promise.all([
    api("/api/dyads/series", { source, target, by }),
    api("/api/events", { source, target, limit: PAGE, order }),
  ]);
  const b = series.balance;
  const undated = events.total_exact ? events.total - b.events : 0;
  const switcher = el("span", { class: "switch" }, ["day", "week", "month"].map((p) =>
    el("a", { href: hashFor(dyadPath(source, target), { by: p }), class: p === by ? "on" : "", text: p })));
  content.append(
    el("h1", {}, el("span", { class: "code", id: "dyad-title", text: `${source} → ${target}` })),
    el("div", { class: "stats" },
      el("div", { id: "dyad-count" }, el("b", { text: `${events.total_exact ? "" : "over "}${events.total.toLocaleString("en")}` }),
        el("span", { text: undated > 0 ? `events (${undated} undated, not in the timeline)` : "events" })),
      stat(fmt(b.goldstein_mean), "mean Goldstein"), stat(pct(b.conflict_share), "conflict share"),
      stat(b.cooperation, "cooperation"), stat(b.conflict, "conflict"), el("div", {}, el("b", { class: "tone-" + b.tone, text: b.tone }), el("span", { text: "balance" }))),
    el("section", { class: "card wide", id: "timeline" },
      el("h2", {}, "Timeline, by ", switcher),
      quadLegend(),
      timelineChart(series, source, target)),
    el("section", { class: "card wide", id: "dyad-events" },
      el("h2", {}, "Latest events ", el("a", { href: hashFor("/events", { source, target }), text: `(all ${events.total_exact ? "" : "over "}${events.total.toLocaleString("en")})` })),
      downloads({ source, target }),
      eventTable(events.events, order, (next) => go(dyadPath(source, target), { by: params.get("by"), order: next }))),
  );
}

function stat(value, label) {
  return el("div", {}, el("b", { text: value }), el("span", { text: label }));
}

function quadLegend(withLine = true) {
  return el("div", { class: "legend quad-legend" },
    QUADS.map((name, k) => el("span", {}, el("i", { class: "q" + (k + 1) }), name)),
    withLine ? el("span", {}, "— mean Goldstein (right axis, −10 to +10; gaps: periods without events)") : null);
}

function goldsteinLegend() {
  // the colour scale of the map and the network: mean Goldstein score from -10 to +10
  const scale = el("span", { class: "scale" });
  for (let v = -10; v <= 10; v += 1) {
    const swatch = el("i", { title: fmt(v, 0) });
    swatch.style.background = goldsteinColour(v); // CSSOM: allowed by the page's CSP
    scale.append(swatch);
  }
  return el("div", { class: "legend goldstein-legend" },
    el("span", {}, "mean Goldstein score:"), el("span", { class: "scale-box" },
      el("span", { class: "muted", text: "−10 conflict" }), scale, el("span", { class: "muted", text: "+10 cooperation" })));
}

function scroller(table) {
  return el("div", { class: "scroll" }, table);
}

function howCoded() {
  return el("p", { class: "how-coded muted" }, "Where do these events come from? ",
    el("a", { href: "#/about", class: "how-link", text: "How they were coded" }),
    " · each event's page shows the words and the dictionary lines that produced it.");
}

function timelineChart(series, source, target) {
  const points = series.points;
  if (!points.length) return el("p", { class: "muted", text: "No dated events for this dyad." });
  const width = 900, height = 260, left = 36, right = 36, top = 12, bottom = 34;
  const plotW = width - left - right, plotH = height - top - bottom;
  const maxCount = Math.max(1, ...points.map((p) => p.balance.events));
  const step = plotW / points.length;
  const barW = Math.max(1, Math.min(40, step * 0.8));
  const yCount = (v) => top + plotH - (plotH * v) / maxCount;
  const yGold = (v) => top + plotH / 2 - (plotH / 2) * (v / 10);
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "timeline", role: "img", "aria-label": `timeline of ${source} to ${target}` });
  chart.append(svg("line", { class: "axis", x1: left, y1: top + plotH, x2: width - right, y2: top + plotH }));
  chart.append(svg("line", { class: "zero", x1: left, y1: yGold(0), x2: width - right, y2: yGold(0) }));
  chart.append(svg("text", { x: 2, y: top + 8, text: String(maxCount) }), svg("text", { x: 2, y: top + plotH, text: "0" }));
  chart.append(svg("text", { x: width - right + 4, y: top + 8, text: "+10" }), svg("text", { x: width - right + 4, y: top + plotH, text: "−10" }));
  const labelEvery = Math.ceil(points.length / 10);
  const line = [];
  const runs = [[]]; // runs of periods with a mean: a period without events leaves a gap
  points.forEach((p, k) => {
    const x = left + k * step + (step - barW) / 2;
    const g = svg("g", {
      class: "period", "data-period": p.period, "data-events": p.balance.events,
      onclick: () => go("/events", { source, target, since: p.period, until: dayBefore(p.end) }),
    });
    let base = 0;
    p.balance.quads.forEach((count, q) => {
      if (!count) return;
      g.append(svg("rect", { class: "q" + (q + 1), x: x.toFixed(1), width: barW.toFixed(1), y: yCount(base + count).toFixed(1), height: (yCount(base) - yCount(base + count)).toFixed(1) }));
      base += count;
    });
    g.append(svg("rect", { x: (left + k * step).toFixed(1), y: top, width: step.toFixed(1), height: plotH, fill: "transparent" }));
    g.append(svg("title", { text: `${p.period}: ${p.balance.events} events, mean Goldstein ${fmt(p.balance.goldstein_mean)}` }));
    chart.append(g);
    if (k % labelEvery === 0) chart.append(svg("text", { x: (left + k * step + step / 2).toFixed(1), y: height - 14, "text-anchor": "middle", text: p.period }));
    if (p.balance.goldstein_mean !== null) {
      const point = [left + k * step + step / 2, yGold(p.balance.goldstein_mean)];
      line.push(point);
      runs[runs.length - 1].push(point);
    } else if (runs[runs.length - 1].length) runs.push([]);
  });
  for (const run of runs.filter((r) => r.length > 1)) {
    chart.append(svg("polyline", { class: "gline", points: run.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" ") }));
  }
  for (const [x, y] of line) chart.append(svg("circle", { class: "gdot", cx: x.toFixed(1), cy: y.toFixed(1), r: 2.5 }));
  return el("div", {}, chart, el("p", { class: "muted", text: "Click a period for its events." }));
}

function dayBefore(iso) {
  const d = new Date(iso + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/* --- events ------------------------------------------------------------------------------ */

const SORTABLE = { date: "date", source: "source", target: "target", code: "code", Goldstein: "goldstein" };

function eventTable(events, order, sortBy) {
  if (!events.length) return el("p", { class: "muted", id: "no-events", text: "No event matches." });
  const body = el("tbody");
  for (const e of events) {
    body.append(el("tr", { class: "link event-row", "data-id": e.id, onclick: () => go("/event/" + encodeURIComponent(e.id)) },
      el("td", { class: "date", text: e.date || "undated" }),
      el("td", { class: "code", text: e.source, title: e.source_name || undefined }),
      el("td", {}, el("a", { href: hashFor("/event/" + encodeURIComponent(e.id)), text: e.name || e.code })),
      el("td", { class: "code", text: e.target || "–", title: e.target_name || undefined }),
      el("td", { class: "code", text: e.code }),
      el("td", { class: "num", text: fmt(e.goldstein) }),
      el("td", { text: e.location_name || "" }),
      el("td", { class: "sentence", text: e.sentence.length > 140 ? e.sentence.slice(0, 137) + "…" : e.sentence }),
    ));
  }
  const header = (h) => {
    const key = SORTABLE[h];
    const cls = h === "Goldstein" ? "num" : "";
    if (!key || !sortBy) return el("th", { class: cls, text: h });
    const current = order === key ? "asc" : order === "-" + key ? "desc" : "";
    // a first click sorts dates newest first and other columns ascending; a second reverses
    const next = current === "asc" ? "-" + key : current === "desc" ? key : key === "date" ? "-date" : key;
    return el("th", { class: cls + " sortable", "data-sort": key, "aria-sort": current ? current + "ending" : "none" },
      el("button", { type: "button", class: "sort", title: `sort by ${h}`, onclick: () => sortBy(next), text: h + (current === "asc" ? " ▲" : current === "desc" ? " ▼" : "") }));
  };
  return scroller(el("table", { class: "events" },
    el("thead", {}, el("tr", {}, ["date", "source", "event", "target", "code", "Goldstein", "place", "sentence"].map(header))),
    body));
}

function downloads(filters) {
  // the filtered events as a file: fetched with the token when the server asks for one
  const get = async (format) => {
    const url = new URL("/api/events/download", location.origin);
    for (const [key, value] of Object.entries({ ...filters, format })) if (value) url.searchParams.append(key, value);
    const token = sessionStorage.getItem("tocsinToken");
    const response = await fetch(url, { headers: token ? { Authorization: "Bearer " + token } : {} });
    if (!response.ok) throw new Error(response.statusText);
    const link = el("a", { href: URL.createObjectURL(await response.blob()), download: `tocsin-events.${format}` });
    document.body.append(link);
    link.click();
    link.remove();
  };
  return el("div", { class: "downloads" }, el("span", { class: "muted", text: "Download these events: " }),
    ["csv", "parquet"].map((format) => el("button", { type: "button", class: "plain", "data-format": format, text: format.toUpperCase(), onclick: () => get(format).catch((e) => alert(e.message)) })));
}

async function eventsPage(content, params) {
  document.title = "tocsin · events";
  const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  const order = params.get("order") || "-date";
  const query = { limit: PAGE, offset, order };
  for (const name of FILTERS) if (params.get(name)) query[name] = params.get(name);
  const form = el("form", {
    class: "filters",
    onsubmit: (event) => {
      event.preventDefault();
      const values = {};
      for (const name of FILTERS) {
        const value = form.elements[name].value.trim();
        if (value) values[name] = value;
      }
      go("/events", values);
    },
  });
  for (const name of FILTERS) {
    let input;
    if (name === "quad") {
      input = el("select", { name }, el("option", { value: "", text: "any" }),
        QUADS.map((q, k) => el("option", { value: String(k + 1), text: `${k + 1} ${q}` })));
      input.value = params.get(name) || "";
    } else {
      input = el("input", { name, type: name === "since" || name === "until" ? "date" : "text", value: params.get(name) || "" });
    }
    form.append(el("label", {}, name, input));
  }
  form.append(el("button", { type: "submit", text: "Filter" }), el("button", { type: "button", class: "plain", text: "Clear", onclick: () => go("/events") }));
  content.append(el("h1", { text: "Events" }), form);
  let page;
  try {
    page = await api("/api/events", query);
  } catch (error) {
    if (error instanceof NeedToken) throw error;
    content.append(el("p", { class: "error", id: "filter-error", text: error.message }));
    return;
  }
  const shown = page.events.length;
  const filters = Object.fromEntries(FILTERS.filter((n) => params.get(n)).map((n) => [n, params.get(n)]));
  content.append(
    el("p", { class: "muted", id: "events-count", text: `${shown ? offset + 1 : 0}–${offset + shown} of ${page.total_exact ? "" : "more than "}${page.total.toLocaleString("en")} events` }),
    downloads(filters),
    el("section", { class: "card wide" }, eventTable(page.events, order, (next) => go("/events", { ...filters, order: next }))),
  );
  if (order !== "-date") filters.order = order;
  content.append(el("div", { class: "pager" },
    el("button", { class: "plain", disabled: offset === 0, text: "← newer", onclick: () => go("/events", { ...filters, offset: Math.max(0, offset - PAGE) || "" }) }),
    el("button", { class: "plain", disabled: page.total_exact && offset + shown >= page.total, text: "older →", onclick: () => go("/events", { ...filters, offset: offset + PAGE }) })));
}

/* --- one event --------------------------------------------------------------------------- */

async function eventPage(content, id) {
  const detail = await api("/api/events/" + encodeURIComponent(id));
  const e = detail.event, r = detail.record, evidence = r.evidence || {};
  document.title = `tocsin · ${e.source} ${e.code} ${e.target || ""}`;
  const sentence = el("p", { class: "sentence-box", id: "sentence" });
  for (const part of detail.segments) {
    sentence.append(part.role ? el("mark", { class: "hl-" + part.role, "data-role": part.role, title: part.role, text: part.text }) : part.text);
  }
  const missing = ["source", "target", "verb"].filter((role) => (role !== "target" || e.target) && !detail.highlights.some((h) => h.role === role));
  append(content, [
    el("h1", {}, el("span", { class: "code", text: e.source }), ` ${e.name} `, el("span", { class: "code", text: e.target || "(no target)" })),
    el("div", { class: "legend" },
      el("mark", { class: "hl-source", text: "source" }), el("mark", { class: "hl-target", text: "target" }), el("mark", { class: "hl-verb", text: "verb" })),
    sentence,
    missing.length ? el("p", { class: "muted", id: "not-in-sentence", text: `Not in this sentence: ${missing.join(", ")} (named in an earlier sentence of the story).` }) : null,
  ]);
  const facts = el("dl", { class: "facts", id: "facts" });
  const add = (label, ...value) => facts.append(el("dt", { text: label }), el("dd", {}, ...value));
  add("date", e.date || "undated", r.date_source ? el("span", { class: "muted", text: ` (from the ${r.date_source}${r.date_text ? ": " + r.date_text : ""})` }) : null);
  // the sentence's words, and who they are when the words do not say it ("He" -> a name)
  const who = (text, name) => (text ? ` “${text}”` : "") + (name && name !== text ? ` (${name})` : "");
  add("source", el("span", { class: "code", text: e.source }), who(e.source_text, e.source_name));
  add("target", e.target ? el("span", { class: "code", text: e.target }) : "–", who(e.target_text, e.target_name));
  add("event", el("span", { class: "code", text: e.code }), ` ${e.name} (root ${r.root_code}, PLOVER ${r.plover || "–"})`);
  add("quad class", `${e.quad_class} ${QUADS[e.quad_class - 1] || ""}`);
  add("Goldstein", fmt(e.goldstein));
  add("place", e.location_name ? `${e.location_name} (${e.location_country || "?"})${r.location_source ? ", from the " + r.location_source : ""}` : "–");
  if (e.target) add("dyad", el("a", { href: hashFor(dyadPath(e.source, e.target)), id: "dyad-link", text: `${e.source} → ${e.target} timeline` }));
  add("story", detail.story.url ? el("a", { href: detail.story.url, rel: "noopener noreferrer", text: detail.story.title || detail.story.id }) : (detail.story.title || detail.story.id),
    el("span", { class: "muted", text: ` (${detail.story.id}, sentence ${e.sentence_index + 1}${detail.story.source ? ", " + detail.story.source : ""})` }));
  const why = el("dl", { class: "facts", id: "evidence" });
  const because = (label, value) => why.append(el("dt", { text: label }), el("dd", { class: "code", text: value || "–" }));
  because("verb words", evidence.verb_text);
  because("verb pattern", `${evidence.pattern_id || ""} (${evidence.pattern || ""})`);
  because("source entries", (evidence.source_entries || []).join(", "));
  because("target entries", (evidence.target_entries || []).join(", "));
  because("grammar rules", (evidence.rules || []).join(", "));
  content.append(el("div", { class: "grid" },
    el("section", { class: "card" }, el("h2", { text: "Event" }), facts),
    el("section", { class: "card" }, el("h2", { text: "Why it was coded" }), why)));
}

/* --- alerts ------------------------------------------------------------------------------ */

function alertList(report, short) {
  const box = el("div", { class: "alerts" });
  if (report.as_of) {
    box.append(el("p", { class: "muted", text: `Last ${report.settings.recent_days} days to ${report.as_of} against the ${report.settings.baseline_days} days before; ${report.dyads_assessed} dyad${report.dyads_assessed === 1 ? "" : "s"} had enough events to compare.` }));
  }
  if (!report.alerts.length) box.append(el("p", { id: "no-alerts", text: "No dyad departs sharply from its own history." }));
  for (const a of report.alerts) {
    box.append(el("div", { class: "alert " + a.direction },
      el("a", { class: "code", href: hashFor(dyadPath(a.source, a.target), { by: "week" }), text: `${a.source} → ${a.target}` }),
      ` ${a.direction === "worse" ? "turning worse" : "turning better"} `,
      el("span", { class: "muted", text: `(severity ${a.severity.toFixed(1)})` }),
      short ? null : el("ul", {}, a.signals.map((s) => el("li", { text: s.text }))),
    ));
  }
  return box;
}

async function alertsPage(content) {
  document.title = "tocsin · alerts";
  const report = await api("/api/alerts", { limit: 100 });
  content.append(el("h1", { text: "Alerts" }),
    el("p", { class: "muted", text: "A dyad is flagged when its recent Goldstein mean or conflict share departs sharply from its own history (z score and size thresholds, see docs/analytics.md)." }),
    el("section", { class: "card wide" }, alertList(report, false)));
}

/* --- how the events were coded ------------------------------------------------------------ */

function aboutPage(content) {
  document.title = "tocsin · how the events were coded";
  const item = (title, ...text) => el("li", {}, el("b", { text: title + ": " }), ...text);
  content.append(
    el("h1", { text: "How the events were coded" }),
    el("section", { class: "card wide", id: "about" },
      el("p", { text: "tocsin reads news stories and writes one event for each act a sentence states: who did what to whom, when and where. Every event keeps its evidence, so any figure on this dashboard can be traced back to the words that produced it." }),
      el("ol", { class: "steps" },
        item("Sentences", "each story is split into sentences and parsed (spaCy's small English model, offline). Stories that look written in another language are reported when they are coded."),
        item("Actors", "names, roles and demonyms are looked up in tocsin's actor dictionaries (countries, organisations, armed groups, about 3,600 people with dated roles): “the Malian army” is MLIMIL, “President Macron” in 2021 is FRAGOV. Pronouns take the actor named just before them."),
        item("Actions", "a verb pattern from the CAMEO verb dictionary gives the event code (“called off joint operations with” is 1622, suspend military cooperation); the grammar finds its source and target."),
        item("Scores", "each code has its Goldstein score (−10 most conflictual to +10 most cooperative) and quad class, the four colours used throughout:"),
      ),
      quadLegend(false),
      goldsteinLegend(),
      el("ol", { class: "steps", start: 5 },
        item("Dates", "a date the sentence gives (“on Tuesday”, “in 2013”) is resolved against the story's date; otherwise the story's date stands in. A story without a date gives undated events: a date is never invented. Each event says which it was (from the text, from the story, or none)."),
        item("Places", "a place the sentence ties to the act (“near Kidal”, “talks in Jeddah”), else another town the sentence names, else the actors' country; each event says which."),
        item("Counts", "dyads are counted by country (FRAGOV and FRAMIL are FRA), the same way as ", el("code", { text: "tocsin query --count-by dyad" }), "; events without a target count in no dyad."),
      ),
      el("p", {}, "To see why one event was coded, open it from any table: its page highlights the source, target and verb in the sentence and lists the dictionary lines and the grammar rules that fired. The JSON API behind this page is described at ",
        el("a", { href: "/docs", text: "/docs" }), "; downloads from the events tables are the same files as ", el("code", { text: "tocsin export" }), " writes."),
    ),
  );
}

window.addEventListener("hashchange", render);
window.addEventListener("DOMContentLoaded", () => {
  render();
  loadSummary();
  setInterval(loadSummary, POLL_MS);
});
