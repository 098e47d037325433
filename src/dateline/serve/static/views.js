// The list views and the story page.
import { api, el, clear, fmtDate, fmtSpan, fmtNumber, plural, articleHref, errorBox, titleOf, markAll } from "./api.js";
import { timelineChart, figureChart } from "./charts.js";
import { isNew } from "./live.js";

function actorNames(top) {
  if (!top) return [];
  if (!Array.isArray(top)) top = String(top).split(/\s*[;,]\s*/);
  return top.map((a) => (a && typeof a === "object" ? a.name || a.canonical || JSON.stringify(a) : String(a)))
    .filter(Boolean);
}

function chips(names, max = 6) {
  return el("ul", { class: "chips" }, names.slice(0, max).map((n) =>
    el("li", {}, el("a", { href: "#/actors?actor=" + encodeURIComponent(n) }, n))));
}

function articleRow(a) {
  return el("li", { class: "article-row" },
    el("a", { href: articleHref(a.id), class: "article-title" + (a.title ? "" : " untitled") }, titleOf(a)),
    isNew(a.ingested_at) ? el("span", { class: "badge-new", title: "new since your last visit" }, "new") : null,
    el("div", { class: "meta" }, el("span", { class: "outlet" }, a.source || "unknown outlet"), " · ",
      a.dct ? fmtDate(a.dct) : el("span", { class: "muted" }, "undated"),
      a.dct_origin && a.dct_origin !== "metadata" && a.dct ? el("span", { class: "muted" }, ` (${a.dct_origin})`) : null),
    a.lead ? el("p", { class: "lead" }, a.lead.length >= 240 ? a.lead + "…" : a.lead) : null);
}

// a page of a list endpoint, then a "Show more" button that appends the next page until all `total` are shown
function paged(path, params, total, shown, addRows, size = 200) {
  const btn = el("button", { type: "button", class: "more" });
  const label = () => { btn.textContent = `Show more (${fmtNumber(shown)} of ${fmtNumber(total)} shown)`; };
  label();
  btn.addEventListener("click", async () => {
    btn.disabled = true;
    try {
      const data = await api(path, { ...params, limit: size, offset: shown });
      addRows(data.items);
      shown += data.items.length;
      total = data.total;
    } catch (e) {
      btn.replaceWith(errorBox(e));
      return;
    }
    btn.disabled = false;
    if (shown >= total || !shown) btn.remove(); else label();
  });
  return shown < total ? btn : null;
}

// -- home: the story list ------------------------------------------------------------------------
export async function homeView(root) {
  const [stories, meta] = await Promise.all([api("stories", { limit: 200 }), api("meta")]);
  const c = meta.counts || {};
  root.append(el("section", { class: "hero" },
    el("h1", {}, "Stories"),
    el("p", { class: "sub" }, [plural(c.articles || 0, "article"), plural((meta.sources || []).length, "outlet"),
      plural(c.stories || 0, "story", "stories")].join(" · "))));
  if (!stories.items.length) {
    root.append(el("div", { class: "empty" },
      el("p", {}, "No stories in this store yet. Stories are built when articles are ingested ",
        el("code", {}, "dateline ingest PATH"), "."),
      el("p", {}, el("a", { href: "#/articles" }, "Browse the articles →"))));
    return;
  }
  root.append(el("ul", { class: "story-list" }, stories.items.map((s) =>
    el("li", { class: "story-card" },
      el("a", { href: "#/story/" + encodeURIComponent(s.id), class: "story-link" },
        el("h2", {}, s.label || "Story " + s.id,
          isNew(s.updated_at) ? el("span", { class: "badge-new", title: "updated since your last visit" }, "updated") : null),
        el("div", { class: "meta" }, el("span", { class: "span" }, fmtSpan(s.first_date, s.last_date)), " · ",
          plural(s.size || 0, "article")),
        s.latest ? el("p", { class: "latest" }, el("span", { class: "when" }, "Latest" +
          (s.latest.dct ? ", " + fmtDate(s.latest.dct, { year: false }) : "") + ": "), titleOf(s.latest)) : null),
      chips(actorNames(s.top_actors), 5)))));
}

// -- story page ----------------------------------------------------------------------------------
export async function storyView(root, id) {
  const [story, tl, figures] = await Promise.all([api("stories/" + encodeURIComponent(id)),
    api("stories/" + encodeURIComponent(id) + "/timeline", { limit: 1000 }),
    api("figures", { story: id, limit: 1000 })]);
  const sources = (story.sources || []).filter((s) => s.source);
  const jump = (target) => el("button", { type: "button", onclick: () =>
    document.getElementById(target.toLowerCase()).scrollIntoView({ behavior: "smooth", block: "start" }) }, target);
  root.append(el("nav", { class: "crumbs" }, el("a", { href: "#/" }, "← All stories")),
    el("section", { class: "hero" },
      el("h1", {}, story.label || "Story " + story.id),
      el("p", { class: "sub" }, fmtSpan(story.first_date, story.last_date), " · ", plural(story.size || 0, "article"),
        " · ", plural(sources.length, "outlet"),
        story.duplicates ? ` · ${plural(story.duplicates, "duplicate")} linked` : ""),
      chips(actorNames(story.top_actors), 8),
      keyFigures(figures)),
    el("nav", { class: "sections", "aria-label": "Sections" }, ["Timeline", "Figures", "Actors", "Events", "Articles"].map(jump)));

  root.append(timelineSection(tl.items));
  const grid = el("div", { class: "grid2" });
  const figs = el("section", { class: "card", id: "figures" }, el("h2", {}, "Figures over time"));
  const actors = el("section", { class: "card", id: "actors" }, el("h2", {}, "Actors involved"));
  grid.append(figs, actors);
  root.append(grid);
  const events = el("section", { class: "card", id: "events" }, el("h2", {}, "Events"));
  const arts = el("section", { class: "card", id: "articles" }, el("h2", {}, "Articles"));
  root.append(events, arts);
  await Promise.all([
    fillFigures(figs, figures).catch((e) => figs.append(errorBox(e))),
    fillActors(actors, id).catch((e) => actors.append(errorBox(e))),
    fillEvents(events, id, sources).catch((e) => events.append(errorBox(e))),
    fillArticles(arts, id).catch((e) => arts.append(errorBox(e))),
  ]);
}

function timelineSection(entries) {
  const sec = el("section", { class: "card", id: "timeline" },
    el("h2", {}, "Timeline ", el("span", { class: "count" }, plural(entries.length, "dated entry", "dated entries"))));
  if (!entries.length) {
    sec.append(el("p", { class: "muted" }, "No timeline for this story yet."));
    return sec;
  }
  const list = el("ol", { class: "tl-list" });
  const items = [];
  const toggle = (i, force) => {
    const open = items[i].classList.toggle("open", force);
    items[i].querySelector(".tl-head").setAttribute("aria-expanded", String(open));
    chart.select(open ? i : -1);
    return open;
  };
  const chart = timelineChart(entries, { onSelect: (i) => {
    toggle(i, true);
    items[i].scrollIntoView({ block: "nearest", behavior: "smooth" });
  } });
  entries.forEach((e, i) => {
    const sents = Array.isArray(e.sentences) ? e.sentences : [];
    const outlets = [...new Set(sents.flatMap((s) => [s.outlet || s.source, ...(s.copies || [])]).filter(Boolean))];
    const item = el("li", { class: "tl-entry", dataset: { index: i, date: e.date || "" } },
      el("button", { class: "tl-head", type: "button", "aria-expanded": "false", onclick: () => toggle(i) },
        el("span", { class: "tl-num" }, String(i + 1)),
        el("time", { datetime: e.date || "" }, fmtDate(e.date, { weekday: true })),
        el("span", { class: "tl-summary" }, (sents[0] && sents[0].text) || e.summary || ""),
        el("span", { class: "tl-sources" }, [outlets.length ? outlets.join(", ") : "",
          plural(sents.length, "sentence"), plural(new Set(sents.map((x) => x.article_id)).size, "article")]
          .filter(Boolean).join(" · "))),
      el("ul", { class: "tl-sentences" }, sents.map((s) =>
        el("li", { class: "tl-sentence" },
          el("blockquote", {}, s.text),
          el("div", { class: "meta" }, el("span", { class: "outlet" }, credit(s)),
            s.said_by ? el("span", { class: "said-by" }, " · according to " + s.said_by) : "",
            s.article_dct ? " · " + fmtDate(s.article_dct) : "",
            s.date_estimated ? el("span", { class: "estimated", title: "the article carries no date: estimated" },
              " (date estimated)") : "", " · ",
            el("a", { href: articleHref(s.article_id, s.start, s.end) }, s.article_title || "read in article"), " →")))));
    items.push(item);
    list.append(item);
  });
  sec.append(el("div", { class: "chart-wrap" }, chart.node), list);
  return sec;
}

const MAX_CHARTS = 4;
// figures the extractor could not put in a category are listed, never charted or headlined
const named = (s) => s.category && s.category !== "other" && s.category !== "unknown";
const unitLabel = (s) => (!s.unit ? "" : s.unit === "percent" ? " (%)" : ` (${s.unit}s)`);

// the latest claim of the most reported categories: the highest value on the latest date
function keyFigures(data) {
  const out = [];
  for (const s of data.series.filter(named).slice(0, 4)) {
    const pts = s.lines.flatMap((l) => l.points.map((p) => ({ ...p, _src: l.source })));
    const last = pts.reduce((m, p) => (p.date > m ? p.date : m), "");
    const best = pts.filter((p) => p.date === last).sort((a, b) => b.value - a.value)[0];
    if (!best) continue;
    out.push(el("li", {},
      el("a", { href: articleHref(best.article_id, best.start, best.end) },
        el("span", { class: "big" }, (best.qualifier ? best.qualifier + " " : "") + fmtNumber(best.value)),
        el("span", { class: "what" }, s.category + unitLabel(s))),
      el("span", { class: "when" }, `${fmtDate(best.date)} · ${best._src}`)));
  }
  return out.length ? el("ul", { class: "keyfigs", "aria-label": "Latest reported figures" }, out) : null;
}

// " — in Gaines County · cumulative": what makes the points one series besides the category
function seriesLabel(s) {
  const parts = [s.scope, s.kind].filter(Boolean);
  return parts.length ? el("span", { class: "series-scope" }, " — " + parts.join(" · ")) : null;
}

async function fillFigures(sec, data) {
  const count = (s) => s.lines.reduce((n, l) => n + l.points.length, 0);
  const charted = data.series.filter((s) => named(s) && count(s) >= 2).slice(0, MAX_CHARTS);
  const inSeries = (s, p) => s.category === p.category && (s.unit || null) === (p.unit || null) &&
    (s.scope || null) === (p.scope || null) && (s.kind || null) === (p.kind || null);
  const rest = data.items.filter((p) => !charted.some((s) => inSeries(s, p)));
  if (!data.items.length) {
    sec.append(el("p", { class: "muted" }, "No figures reported for this story."));
    return;
  }
  const contradictions = data.items.filter((p) => p.contradiction).length;
  if (contradictions) {
    sec.append(el("p", { class: "warn-note" }, "⚠ ", plural(contradictions, "claim"),
      " disagree with a comparable claim of another source — same category, scope and kind (marked in red)."));
  }
  for (const s of charted) {
    const chart = figureChart(s, { onPoint: (p) => { location.hash = articleHref(p.article_id, p.start, p.end); } });
    sec.append(el("figure", { class: "fig", dataset: { category: s.category, scope: s.scope || "", kind: s.kind || "",
      points: count(s) } },
      el("figcaption", {}, s.category + unitLabel(s), seriesLabel(s), chart.log ? el("span", { class: "muted small" }, " (log scale)") : null),
      chart.node,
      el("ul", { class: "legend" }, chart.sources.map((src) =>
        el("li", {}, el("svg", { viewBox: "0 0 12 12", width: 12, height: 12, class: "swatch" },
          el("rect", { width: 12, height: 12, rx: 2, fill: chart.colorFor(src) })), src)))));
  }
  if (rest.length) {
    sec.append(el("details", { class: "other-figures", open: !charted.length },
      el("summary", {}, plural(rest.length, "other figure")),
      el("div", { class: "table-wrap" }, el("table", {}, el("thead", {}, el("tr", {},
        ["Category", "Scope", "Kind", "Value", "Date", "Source", "Claim"].map((h) => el("th", {}, h)))),
      el("tbody", {}, rest.map((p) => el("tr", { class: p.contradiction ? "contradicted" : null },
        el("td", {}, p.category || "–"),
        el("td", {}, p.scope || ""),
        el("td", {}, p.kind || ""),
        el("td", { class: "num" }, (p.qualifier ? p.qualifier + " " : "") + fmtNumber(p.value)),
        el("td", { class: "nowrap" }, p.date ? fmtDate(p.date) : "undated"),
        el("td", {}, p.source || p.outlet || "–"),
        el("td", {}, el("a", { href: articleHref(p.article_id, p.start, p.end) }, p.text || "→")))))))));
  }
}

async function fillActors(sec, id) {
  const data = await api("actors", { story: id, limit: 15 });
  if (!data.items.length) { sec.append(el("p", { class: "muted" }, "No actors found.")); return; }
  const max = Math.max(...data.items.map((a) => a.articles));
  sec.append(el("ul", { class: "bars" }, data.items.map((a) =>
    el("li", {},
      el("a", { href: "#/actors?actor=" + encodeURIComponent(a.name) + "&story=" + encodeURIComponent(id) }, a.name),
      el("span", { class: "kind" }, a.kind || (a.label || "").toLowerCase()),
      el("svg", { class: "bar", viewBox: "0 0 100 8", preserveAspectRatio: "none" },
        el("rect", { width: (100 * a.articles) / max, height: 8, rx: 2 })),
      el("span", { class: "n" }, plural(a.articles, "article"))))));
}

/** A timeline sentence's outlet, with the outlets of its article's near-duplicate copies. */
function credit(s) {
  const copies = (s.copies || []).filter(Boolean);
  const own = s.outlet || s.source;
  if (!own) return copies.length ? `${copies.join(", ")} (copies)` : "unknown outlet";
  return copies.length ? `${own} (also ${copies.join(", ")})` : own;
}

async function fillEvents(sec, id, sources) {
  const meta = await api("meta");
  const form = el("form", { class: "filters", onsubmit: (e) => { e.preventDefault(); load(0); } },
    el("input", { name: "actor", type: "search", placeholder: "Actor", "aria-label": "Actor" }),
    el("select", { name: "action", "aria-label": "Action" }, el("option", { value: "" }, "Any action"),
      (meta.actions || []).map((a) => el("option", { value: a.action }, `${a.action} (${a.n})`))),
    el("input", { name: "date_from", type: "date", "aria-label": "From" }),
    el("input", { name: "date_to", type: "date", "aria-label": "To" }),
    el("select", { name: "source", "aria-label": "Outlet" }, el("option", { value: "" }, "Any outlet"),
      sources.map((s) => el("option", { value: s.source }, s.source))),
    el("button", { type: "submit" }, "Filter"));
  const body = el("tbody");
  const info = el("p", { class: "muted small" });
  const more = el("button", { type: "button", class: "more", hidden: true, onclick: () => load(body.children.length) }, "Show more");
  sec.append(form, el("div", { class: "table-wrap" }, el("table", { class: "events" },
    el("thead", {}, el("tr", {}, ["Date", "Actor", "Action", "Target", "Outlet", "Sentence"].map((h) => el("th", {}, h)))),
    body)), info, more);
  async function load(offset) {
    const params = Object.fromEntries(new FormData(form).entries());
    let data;
    try {
      data = await api("events", { ...params, story: id, limit: 25, offset });
    } catch (e) { info.textContent = e.message; return; }
    if (!offset) clear(body);
    for (const ev of data.items) {
      body.append(el("tr", {},
        el("td", { class: "nowrap" }, ev.date ? fmtDate(ev.date) : el("span", { class: "muted" }, fmtDate(ev.article_dct))),
        el("td", {}, ev.actor || "–"),
        el("td", {}, el("span", { class: "action" }, ev.action || "–"), ev.polarity === "negative" ? " (not)" : "",
          ev.modality && ev.modality !== "asserted" ? el("span", { class: "muted" }, " " + ev.modality) : null),
        el("td", {}, ev.target || "–"),
        el("td", {}, ev.outlet || "–"),
        el("td", { class: "context" }, el("a", { href: articleHref(ev.article_id, ev.start, ev.end) },
          contextWithTrigger(ev)))));
    }
    info.textContent = data.total ? `${fmtNumber(Math.min(data.total, offset + data.items.length))} of ${plural(data.total, "event")}` : "No events match.";
    more.hidden = offset + data.items.length >= data.total;
  }
  await load(0);
}

function contextWithTrigger(r) {
  if (typeof r.context !== "string" || !Number.isInteger(r.context_start)) return r.text;
  const a = r.start - r.context_start, b = r.end - r.context_start;
  if (a < 0 || b > r.context.length) return r.context;
  return [r.context.slice(0, a), el("b", {}, r.context.slice(a, b)), r.context.slice(b)];
}

async function fillArticles(sec, id) {
  const data = await api("articles", { story: id, limit: 200 });
  const list = el("ul", { class: "articles" }, data.items.map(articleRow));
  sec.append(list, paged("articles", { story: id }, data.total, data.items.length,
    (items) => list.append(...items.map(articleRow))));
}

// -- articles, actors, search --------------------------------------------------------------------
export async function articlesView(root, params) {
  const filter = { source: params.get("source"), story: params.get("story") };
  const data = await api("articles", { limit: 200, ...filter });
  const list = el("ul", { class: "articles" }, data.items.map(articleRow));
  root.append(el("section", { class: "hero" }, el("h1", {}, "Articles" + (filter.source ? ` from ${filter.source}` : "")),
    el("p", { class: "sub" }, plural(data.total, "article"))),
  el("section", { class: "card" }, list, paged("articles", filter, data.total, data.items.length,
    (items) => list.append(...items.map(articleRow)))));
}

export async function actorsView(root, params) {
  const actor = params.get("actor"), story = params.get("story");
  const data = await api("actors", { actor, story, limit: 200 });
  root.append(el("section", { class: "hero" }, el("h1", {}, actor ? `Actors matching “${actor}”` : "Actors"),
    el("p", { class: "sub" }, plural(data.total, "actor"))));
  const row = (a) => el("tr", {},
    el("td", {}, el("a", { href: "#/search?q=" + encodeURIComponent(a.name) }, a.name)),
    el("td", {}, a.kind || (a.label || "").toLowerCase()), el("td", { class: "num" }, fmtNumber(a.articles)),
    el("td", { class: "num" }, fmtNumber(a.mentions)), el("td", {}, fmtDate(a.first_date)),
    el("td", {}, fmtDate(a.last_date)));
  const body = el("tbody", {}, data.items.map(row));
  const table = el("table", { class: "actors" }, el("thead", {}, el("tr", {},
    ["Actor", "Kind", "Articles", "Mentions", "First seen", "Last seen"].map((h, i) =>
      el("th", { class: i === 2 || i === 3 ? "num" : null }, h)))), body);
  root.append(el("div", { class: "card table-wrap" }, table,
    paged("actors", { actor, story }, data.total, data.items.length, (items) => body.append(...items.map(row)))));
}

export async function searchView(root, params) {
  const q = params.get("q") || "";
  if (!q.trim()) { root.append(el("p", { class: "muted" }, "Type words to search in the box above.")); return; }
  const data = await api("search", { q, limit: 100 });
  root.append(el("section", { class: "hero" }, el("h1", {}, `“${q}”`),
    el("p", { class: "sub" }, plural(data.total, "article"))));
  if (data.stories.length) {
    root.append(el("section", { class: "card" }, el("h2", {}, "Stories"), el("ul", { class: "plain" },
      data.stories.map((s) => el("li", {}, el("a", { href: "#/story/" + encodeURIComponent(s.id) }, s.label))))));
  }
  if (data.actors.length) {
    root.append(el("section", { class: "card" }, el("h2", {}, "Actors"), chips(data.actors.map((a) => a.name), 10)));
  }
  const hit = (a) => el("li", { class: "article-row" },
    el("a", { href: articleHref(a.id, a.start, a.end), class: "article-title" + (a.title ? "" : " untitled") }, titleOf(a)),
    el("div", { class: "meta" }, a.source || "unknown outlet", " · ", fmtDate(a.dct), " · ", plural(a.hits, "hit")),
    el("p", { class: "lead" }, markAll(a.snippet, data.terms || q)));
  const list = el("ul", { class: "articles" }, data.items.map(hit));
  root.append(el("section", { class: "card" }, el("h2", {}, "Articles"), list,
    paged("search", { q }, data.total, data.items.length, (items) => list.append(...items.map(hit)), 100)));
}
