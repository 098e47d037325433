// Small helpers shared by the page: fetching the API, building DOM nodes safely, formatting dates.
// Text always goes in through textContent / createTextNode, never innerHTML: article text is data.

// the server's largest page (`DATELINE_MAX_PAGE`, in /api/meta): a larger `limit` would be a 422
let maxPage = Infinity;
export function setMaxPage(n) { if (n > 0) maxPage = n; }

export async function api(path, params = {}) {
  const qs = new URLSearchParams();
  if (params.limit > maxPage) params = { ...params, limit: maxPage };
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== "") qs.set(k, v);
  }
  const url = "/api/" + path + (qs.toString() ? "?" + qs : "");
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  let body = null;
  try { body = await res.json(); } catch (e) { body = null; }
  if (!res.ok) {
    const err = new Error((body && body.detail) || res.status + " " + res.statusText);
    err.status = res.status;
    throw err;
  }
  return body;
}

// el("div", {class: "x", onclick: fn}, "text", childNode, [more children])
export function el(tag, attrs = {}, ...children) {
  const svg = ["svg", "g", "line", "circle", "path", "text", "rect", "title", "polyline"].includes(tag);
  const node = svg ? document.createElementNS("http://www.w3.org/2000/svg", tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(node, c);
    else node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

// "2025-03-03" -> "3 Mar 2025"; "2025-03" -> "Mar 2025"; anything else unchanged
export function fmtDate(s, { weekday = false, year = true } = {}) {
  if (!s) return "undated";
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(String(s));
  if (!m) return String(s);
  const [, y, mo, d] = m;
  if (!mo) return y;
  const mon = MONTHS[Number(mo) - 1] || mo;
  if (!d) return mon + " " + y;
  const day = Number(d);
  let out = day + " " + mon + (year ? " " + y : "");
  if (weekday) out = DAYS[new Date(Date.UTC(+y, +mo - 1, day)).getUTCDay()] + " " + out;
  return out;
}

export function fmtSpan(a, b) {
  if (!a && !b) return "undated";
  if (!a || !b || a === b) return fmtDate(a || b);
  if (a.slice(0, 4) === b.slice(0, 4)) return fmtDate(a, { year: false }) + " – " + fmtDate(b);
  return fmtDate(a) + " – " + fmtDate(b);
}

// days since epoch for an ISO date (prefixes allowed), or null
export function dayNumber(s) {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(String(s || ""));
  if (!m) return null;
  return Date.UTC(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1) / 86400000;
}

// axis labels: "85B", "830M", "12.5K" (a full number would not fit the chart's margin)
export function fmtCompact(v) {
  const n = Number(v);
  return Math.abs(n) < 10000 ? fmtNumber(n)
    : n.toLocaleString("en-US", { notation: "compact", maximumFractionDigits: 1 });
}

export function fmtNumber(v) {
  if (v === null || v === undefined) return "–";
  const n = Number(v);
  return Number.isInteger(n) ? n.toLocaleString("en-US") : n.toLocaleString("en-US", { maximumFractionDigits: 2 });
}

export function plural(n, word, many) {
  return fmtNumber(n) + " " + (n === 1 ? word : many || word + "s");
}

// '#/article/ID?start=1&end=2' style links
export function articleHref(id, start, end) {
  let h = "#/article/" + encodeURIComponent(id);
  if (start !== null && start !== undefined && end !== null && end !== undefined) h += "?start=" + start + "&end=" + end;
  return h;
}

// a title for an untitled article: its first words
export function titleOf(a, text) {
  if (a.title) return a.title;
  const t = String(text || a.lead || a.snippet || "").replace(/\s+/g, " ").replace(/^…/, "").trim();
  if (!t) return "Article " + a.id;
  return t.length > 90 ? t.slice(0, 90).replace(/\s+\S*$/, "") + "…" : t;
}

// text with every case-insensitive occurrence of q wrapped in <mark>
export function markAll(text, q) {
  // q: one needle or a list of them (the search's terms); every occurrence of each is marked
  const out = [], lower = String(text).toLowerCase();
  const needles = (Array.isArray(q) ? q : [q]).map((n) => String(n || "").toLowerCase()).filter(Boolean);
  if (!needles.length) return [text];
  let i = 0;
  for (;;) {
    let j = -1, len = 0;
    for (const n of needles) {
      const k = lower.indexOf(n, i);
      if (k >= 0 && (j < 0 || k < j || (k === j && n.length > len))) { j = k; len = n.length; }
    }
    if (j < 0) break;
    out.push(text.slice(i, j), el("mark", { class: "hit" }, text.slice(j, j + len)));
    i = j + len;
  }
  out.push(text.slice(i));
  return out;
}

export const PALETTE = ["#2563eb", "#d97706", "#059669", "#7c3aed", "#db2777", "#0891b2", "#65a30d", "#9a3412"];

export function errorBox(err) {
  return el("div", { class: "error", role: "alert" }, err && err.message ? err.message : String(err));
}
