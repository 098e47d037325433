// The article view: the text with every extracted mention highlighted, each linked to its record.
import { api, el, fmtDate, fmtNumber, titleOf } from "./api.js";

export const TYPES = [
  { key: "timexes", label: "Time" },
  { key: "entities", label: "Actors" },
  { key: "statements", label: "Statements" },
  { key: "figures", label: "Figures" },
  { key: "events", label: "Events" },
  { key: "places", label: "Places" },
];

function summary(kind, r) {
  switch (kind) {
    case "timexes": return [el("b", {}, r.text), " → ", r.value || "?", r.type && r.type !== "DATE" ? ` (${r.type.toLowerCase()})` : ""];
    case "entities": return [el("b", {}, r.text), r.canonical && r.canonical !== r.text ? " → " + r.canonical : "",
      el("span", { class: "muted" }, " " + [r.kind || (r.label || "").toLowerCase(), r.country].filter(Boolean).join(", "))];
    case "statements": return [el("b", {}, r.speaker || "unknown speaker"), " ", el("span", { class: "muted" }, r.cue || "said"),
      ": “", r.content || r.text, "”", r.kind === "attribution" ? el("span", { class: "muted" }, " (attribution)") : ""];
    case "figures": return [el("b", {}, (r.qualifier ? r.qualifier + " " : "") + fmtNumber(r.value)), " ", r.category || r.unit || "",
      r.source ? el("span", { class: "muted" }, " — " + r.source) : ""];
    case "events": return [el("b", {}, r.actor || "?"), " ", el("span", { class: "action" }, r.action || "?"), " ", r.target || "",
      r.date ? el("span", { class: "muted" }, " · " + fmtDate(r.date)) : "", r.polarity === "negative" ? " (negated)" : ""];
    case "places": return [el("b", {}, r.name || r.text), r.country_code ? el("span", { class: "muted" }, " " + r.country_code) : ""];
    default: return [r.text];
  }
}

const HIDDEN_FIELDS = new Set(["article_id", "text", "table"]);

function details(kind, r, articleId) {
  const rows = Object.entries(r).filter(([k, v]) => v !== null && v !== "" && !HIDDEN_FIELDS.has(k));
  return el("div", { class: "rec-details" },
    el("dl", {}, rows.map(([k, v]) => [el("dt", {}, k), el("dd", {}, typeof v === "object" ? JSON.stringify(v) : String(v))])),
    el("p", { class: "small muted" }, `Provenance: article ${articleId}, characters ${r.start}–${r.end}. `,
      el("a", { href: `/api/${kind === "timexes" || kind === "entities" || kind === "places" ? "articles/" + encodeURIComponent(articleId) : kind + "?article=" + encodeURIComponent(articleId) + (kind === "statements" ? "&kind=all" : "")}`, target: "_blank" }, "JSON")));
}

// split the text at every record boundary; each piece knows which records cover it
function segments(text, recs, focus) {
  const cuts = new Set([0, text.length]);
  for (const r of recs) { cuts.add(r.start); cuts.add(r.end); }
  if (focus) { cuts.add(focus[0]); cuts.add(focus[1]); }
  const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    out.push({ a, b, refs: recs.filter((r) => r.start <= a && r.end >= b),
      focus: !!focus && focus[0] <= a && focus[1] >= b });
  }
  return out;
}

export async function articleView(root, id, params) {
  const data = await api("articles/" + encodeURIComponent(id));
  const art = data.article;
  const text = art.text || "";
  const focus = params.has("start") && params.has("end") ? [Number(params.get("start")), Number(params.get("end"))] : null;
  const recs = [];
  for (const t of TYPES) {
    (data[t.key] || []).forEach((r, i) => {
      if (Number.isInteger(r.start) && Number.isInteger(r.end) && r.end > r.start && r.end <= text.length) {
        recs.push({ kind: t.key, i, start: r.start, end: r.end, rec: r, ref: t.key + ":" + i });
      }
    });
  }
  const back = data.stories && data.stories.length
    ? el("a", { href: "#/story/" + encodeURIComponent(data.stories[0].id) }, "← " + (data.stories[0].label || "story"))
    : el("a", { href: "#/articles" }, "← Articles");
  root.append(el("nav", { class: "crumbs" }, back),
    el("section", { class: "hero" },
      el("h1", { class: art.title ? null : "untitled" }, titleOf(art, text)),
      el("p", { class: "sub" }, el("span", { class: "outlet" }, art.source || "unknown outlet"), " · ",
        art.dct ? fmtDate(art.dct, { weekday: true }) : "undated",
        art.dct ? el("span", { class: "muted", title: art.dct_evidence || "" }, ` (date from ${art.dct_origin})`) : null,
        " · ", el("code", {}, art.id),
        art.url ? [" · ", el("a", { href: art.url, rel: "noopener noreferrer", target: "_blank" }, "original")] : null)));

  const body = el("div", { class: "article-text", id: "article-text" });
  const panel = el("aside", { class: "records", id: "records" });
  const legend = el("div", { class: "legend-bar", role: "group", "aria-label": "Highlight types" });
  for (const t of TYPES) {
    const n = (data[t.key] || []).length;
    legend.append(el("button", { type: "button", class: `toggle t-${t.key}`, "aria-pressed": "true", disabled: !n,
      onclick: (e) => {
        const on = body.classList.toggle("hide-" + t.key);
        e.currentTarget.setAttribute("aria-pressed", String(!on));
      } }, el("span", { class: "dot" }), `${t.label} ${n}`));
  }

  const marks = new Map(); // ref -> [mark nodes]
  const items = new Map(); // ref -> record list item
  let active = null;
  function select(ref, { scrollText = false, scrollPanel = true } = {}) {
    if (active) {
      (marks.get(active) || []).forEach((m) => m.classList.remove("active"));
      items.get(active)?.classList.remove("selected");
    }
    active = ref;
    const ms = marks.get(ref) || [];
    ms.forEach((m) => m.classList.add("active"));
    const item = items.get(ref);
    if (item) {
      item.classList.add("selected");
      item.querySelector("details")?.setAttribute("open", "");
      if (scrollPanel) item.scrollIntoView({ block: "nearest" });
    }
    if (scrollText && ms[0]) ms[0].scrollIntoView({ block: "center" });
  }

  let focusBox = null; // the focused range (from a timeline or search link) wraps its segments
  for (const s of segments(text, recs, focus)) {
    const piece = text.slice(s.a, s.b);
    let target = body;
    if (s.focus) {
      if (!focusBox) { focusBox = el("span", { class: "focus", id: "focus" }); body.append(focusBox); }
      target = focusBox;
    }
    if (!s.refs.length) { target.append(piece); continue; }
    const classes = ["hl", ...new Set(s.refs.map((r) => "t-" + r.kind))];
    const inner = [...s.refs].sort((x, y) => (x.end - x.start) - (y.end - y.start));
    const m = el("mark", { class: classes.join(" "), tabindex: 0, dataset: { refs: s.refs.map((r) => r.ref).join(" ") },
      title: inner.map((r) => TYPES.find((t) => t.key === r.kind).label.replace(/s$/, "") + ": " + r.rec.text).join("\n"),
      onclick: () => {
        const visible = inner.filter((r) => !body.classList.contains("hide-" + r.kind));
        if (visible.length) select(visible[0].ref);
      } }, piece);
    for (const r of s.refs) {
      if (!marks.has(r.ref)) marks.set(r.ref, []);
      marks.get(r.ref).push(m);
    }
    target.append(m);
  }

  for (const t of TYPES) {
    const list = (data[t.key] || []);
    if (!list.length) continue;
    panel.append(el("h3", { class: "t-" + t.key }, el("span", { class: "dot" }), `${t.label} (${list.length})`),
      el("ol", { class: "rec-list" }, list.map((r, i) => {
        const ref = t.key + ":" + i;
        const li = el("li", { class: "rec t-" + t.key, id: "rec-" + t.key + "-" + i, dataset: { ref } },
          el("details", { ontoggle: (e) => { if (e.target.open) select(ref, { scrollText: true, scrollPanel: false }); } },
            el("summary", {}, summary(t.key, r)), details(t.key, r, art.id)));
        items.set(ref, li);
        return li;
      })));
  }
  if (!recs.length) panel.append(el("p", { class: "muted" }, "Nothing was extracted from this article."));

  root.append(legend, el("div", { class: "article-layout" }, el("article", { class: "card" }, body), panel));
  if (focus) {
    const f = body.querySelector(".focus");
    if (f) f.scrollIntoView({ block: "center" });
  }
  root.dataset.records = String(recs.length);
}

