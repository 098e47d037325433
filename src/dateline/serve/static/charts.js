// Inline-SVG charts: the timeline strip and the figure line charts. No library, no network.
import { el, dayNumber, fmtCompact, fmtDate, fmtNumber, PALETTE } from "./api.js";

const TICK_STEPS = [1, 2, 7, 14, 30, 61, 91, 182, 365, 730, 1825];

function dateTicks(min, max, maxTicks) {
  const span = Math.max(1, max - min);
  const step = TICK_STEPS.find((s) => span / s <= maxTicks) || TICK_STEPS[TICK_STEPS.length - 1];
  const out = [];
  for (let d = Math.ceil(min / step) * step; d <= max; d += step) out.push(d);
  if (!out.length) out.push(min);
  return out;
}

function isoOfDay(d) {
  return new Date(d * 86400000).toISOString().slice(0, 10);
}

// a round step for about n intervals up to v: 1, 2, 2.5 or 5 times a power of ten
function niceStep(v, n) {
  if (v <= 0) return 1;
  const raw = v / n, p = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

function domain(days) {
  let min = Math.min(...days), max = Math.max(...days);
  if (min === max) { min -= 1; max += 1; }
  const pad = (max - min) * 0.04;
  return [min - pad, max + pad];
}

// Positions of sorted days in [0, 1], with long empty stretches collapsed into a short break so that a
// story's dense weeks are not squeezed by one old date (e.g. a war's start referenced years later).
function gapScale(days) {
  if (days.length < 2) return { pos: () => 0.5, breaks: [] };
  const gaps = days.slice(1).map((d, i) => d - days[i]);
  const span = days[days.length - 1] - days[0];
  const typical = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)] || 1;
  const long = gaps.map((g) => g > Math.max(30, span * 0.25, typical * 8));
  const shortSum = gaps.reduce((a, g, i) => a + (long[i] ? 0 : g), 0);
  const breakWidth = Math.max(shortSum * 0.08, 1);
  const widths = gaps.map((g, i) => (long[i] ? breakWidth : g));
  const total = widths.reduce((a, b) => a + b, 0);
  const cum = [0];
  for (const w of widths) cum.push(cum[cum.length - 1] + w);
  const index = new Map(days.map((d, i) => [d, i]));
  return {
    pos: (d) => 0.03 + 0.94 * (cum[index.get(d)] / total),
    breaks: gaps.map((g, i) => (long[i] ? 0.03 + 0.94 * ((cum[i] + breakWidth / 2) / total) : null))
      .filter((v) => v !== null),
  };
}

// A horizontal strip: one lollipop per dated entry, taller = more important. Returns {node, select(i)}.
export function timelineChart(entries, { onSelect } = {}) {
  const W = 960, H = 150, L = 20, R = 20, BASE = 112;
  const dated = entries.map((e, i) => ({ e, i, d: dayNumber(e.date) })).filter((p) => p.d !== null);
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, class: "tl-chart", role: "img",
    "aria-label": `Timeline chart with ${dated.length} dated entries` });
  if (!dated.length) return { node: svg, select() {} };
  const days = [...new Set(dated.map((p) => p.d))].sort((a, b) => a - b);
  const scale = gapScale(days);
  const x = (d) => L + scale.pos(d) * (W - L - R);
  const cuts = [L, ...scale.breaks.flatMap((b) => [L + b * (W - L - R) - 7, L + b * (W - L - R) + 7]), W - R];
  for (let k = 0; k + 1 < cuts.length; k += 2) {
    svg.appendChild(el("line", { x1: cuts[k], x2: cuts[k + 1], y1: BASE, y2: BASE, class: "axis" }));
  }
  for (const b of scale.breaks) {
    const bx = L + b * (W - L - R);
    svg.appendChild(el("g", { class: "axis-break" }, el("title", {}, "time skipped"),
      el("line", { x1: bx - 9, x2: bx - 3, y1: BASE + 5, y2: BASE - 5 }),
      el("line", { x1: bx + 3, x2: bx + 9, y1: BASE + 5, y2: BASE - 5 })));
  }
  // date labels under the axis, skipping those that would overlap; the year when it changes
  let lastX = -1e9, lastYear = null;
  for (const d of days) {
    const iso = isoOfDay(d);
    if (x(d) - lastX < 62) continue;
    const withYear = iso.slice(0, 4) !== lastYear;
    svg.appendChild(el("line", { x1: x(d), x2: x(d), y1: BASE, y2: BASE + 5, class: "axis" }));
    svg.appendChild(el("text", { x: x(d), y: BASE + 19, class: "tick", "text-anchor": "middle" },
      fmtDate(iso, { year: false })));
    if (withYear) svg.appendChild(el("text", { x: x(d), y: BASE + 32, class: "tick year", "text-anchor": "middle" }, iso.slice(0, 4)));
    lastX = x(d);
    lastYear = iso.slice(0, 4);
  }
  const maxScore = Math.max(...entries.map((e) => Number(e.score) || 0), 1e-9);
  const heads = [];
  const placed = [];
  for (const { e, i, d } of dated) {
    let h = 16 + 72 * ((Number(e.score) || 0) / maxScore);
    // lift a head that would cover another one (entries on neighbouring days)
    while (placed.some(([px, ph]) => Math.abs(px - x(d)) < 15 && Math.abs(ph - h) < 15) && h < BASE - 10) h += 15;
    placed.push([x(d), h]);
    const g = el("g", { class: "tl-point", tabindex: 0, dataset: { index: i }, role: "button",
      "aria-label": `${fmtDate(e.date)}: ${e.summary || ""}`,
      onclick: () => onSelect && onSelect(i),
      onkeydown: (ev) => { if (ev.key === "Enter" && onSelect) onSelect(i); } });
    g.appendChild(el("title", {}, `${i + 1}. ${fmtDate(e.date, { weekday: true })}\n${e.summary || ""}`));
    g.appendChild(el("line", { x1: x(d), x2: x(d), y1: BASE, y2: BASE - h, class: "stem" }));
    g.appendChild(el("circle", { cx: x(d), cy: BASE - h, r: 7, class: "head" }));
    g.appendChild(el("text", { x: x(d), y: BASE - h + 3, class: "num", "text-anchor": "middle" }, String(i + 1)));
    svg.appendChild(g);
    heads[i] = g;
  }
  return {
    node: svg,
    select(i) {
      heads.forEach((g, j) => g && g.classList.toggle("selected", j === i));
    },
  };
}

// colorFor(source) -> a stable color per source within one page
export function colorScale() {
  const seen = new Map();
  return (key) => {
    if (!seen.has(key)) seen.set(key, PALETTE[seen.size % PALETTE.length]);
    return seen.get(key);
  };
}

// One series' claims over time (one category, unit, scope and kind): a color per source, one line per source. Contradictions are marked in red.
// A log scale is used when values span more than two orders of magnitude. Returns {node, sources, colorFor}.
export function figureChart(series, { onPoint } = {}) {
  const W = 460, H = 250, L = 56, R = 14, T = 14, B = 40;
  const colorFor = colorScale();
  const pts = series.lines.flatMap((l) => l.points.map((p) => ({ ...p, _src: l.source, _d: dayNumber(p.date) })))
    .filter((p) => p._d !== null && p.value !== null && p.value !== undefined);
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, class: "fig-chart", role: "img",
    "aria-label": `${series.category}: ${pts.length} claims from ${series.lines.length} sources` });
  const sources = series.lines.map((l) => l.source);
  sources.forEach(colorFor);
  if (!pts.length) return { node: svg, sources, colorFor, log: false };
  const [min, max] = domain(pts.map((p) => p._d));
  const vals = pts.map((p) => Number(p.value));
  const vmax = Math.max(...vals), vminPos = Math.min(...vals.filter((v) => v > 0), vmax);
  const log = vminPos > 0 && vmax / vminPos >= 100;
  const x = (d) => L + ((d - min) / (max - min)) * (W - L - R);
  let y, ticks;
  if (log) {
    const lo = Math.floor(Math.log10(Math.max(vminPos, 1))), hi = Math.ceil(Math.log10(vmax * 1.05));
    y = (v) => H - B - ((Math.log10(Math.max(Number(v), Math.pow(10, lo))) - lo) / (hi - lo)) * (H - T - B);
    ticks = [];
    for (let k = lo; k <= hi; k++) ticks.push(Math.pow(10, k));
  } else {
    const ystep = niceStep(vmax * 1.05, 4);
    const ymax = ystep * Math.max(1, Math.ceil((vmax * 1.05) / ystep));
    y = (v) => H - B - (Number(v) / ymax) * (H - T - B);
    ticks = [];
    for (let k = 0; k * ystep <= ymax + 1e-9; k++) ticks.push(k * ystep);
  }
  ticks.forEach((v, k) => {
    svg.appendChild(el("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), class: k ? "grid" : "axis" }));
    svg.appendChild(el("text", { x: L - 6, y: y(v) + 4, class: "tick", "text-anchor": "end" }, fmtCompact(v)));
  });
  for (const t of dateTicks(min, max, 4)) {
    svg.appendChild(el("text", { x: x(t), y: H - B + 18, class: "tick", "text-anchor": "middle" },
      fmtDate(isoOfDay(t), { year: false })));
  }
  // contradictions: a red bracket joining the disagreeing claims of one group
  const groups = new Map();
  for (const p of pts) if (p.contradiction) {
    const key = p.contradiction_group || p.date;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(p);
  }
  for (const [key, g] of groups) {
    const xs = g.map((p) => x(p._d)), ys = g.map((p) => y(p.value));
    const cx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const label = g.map((p) => `${fmtNumber(p.value)} (${p._src})`).join(" vs ");
    svg.appendChild(el("g", { class: "fig-contradiction", dataset: { group: key } },
      el("title", {}, `Sources disagree on ${fmtDate(g[0].date)}: ${label}`),
      el("line", { x1: cx, x2: cx, y1: Math.min(...ys) - 10, y2: Math.max(...ys) + 10, class: "bracket" }),
      el("text", { x: cx + 9, y: Math.min(...ys) - 12, class: "warn" }, "⚠")));
  }
  for (const source of sources) {
    const color = colorFor(source);
    const byScope = new Map();
    for (const p of pts.filter((q) => q._src === source)) {
      const k = p.scope || "";
      if (!byScope.has(k)) byScope.set(k, []);
      byScope.get(k).push(p);
    }
    for (const lp of byScope.values()) {
      lp.sort((a, b) => a._d - b._d);
      if (lp.length > 1) {
        svg.appendChild(el("polyline", { points: lp.map((p) => `${x(p._d)},${y(p.value)}`).join(" "),
          class: "fig-line", stroke: color }));
      }
    }
  }
  for (const p of pts) {
    const tip = `${p._src}: ${p.qualifier ? p.qualifier + " " : ""}${fmtNumber(p.value)} ${series.category}` +
      `${p.scope ? " (" + p.scope + ")" : ""}, ${fmtDate(p.date)}${p.outlet ? " — " + p.outlet : ""}` +
      `${p.kind ? " [" + p.kind + "]" : ""}${p.text ? "\n“" + p.text + "”" : ""}` +
      `${p.contradiction ? "\n⚠ " + (p.reason || "disagrees with another source") : ""}`;
    svg.appendChild(el("circle", { cx: x(p._d), cy: y(p.value), r: p.contradiction ? 5.5 : 4.5,
      class: "fig-point" + (p.contradiction ? " contradicted" : ""), fill: colorFor(p._src), tabindex: 0,
      onclick: () => onPoint && onPoint(p) }, el("title", {}, tip)));
  }
  return { node: svg, sources, colorFor, log };
}
