// Inline-SVG charts: the timeline strip and the figure line charts. No library, no network.
import { el, dayNumber, fmtDate, fmtNumber, PALETTE } from "./api.js";

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

// A horizontal strip: one lollipop per dated entry, taller = more important. Returns {node, select(i)}.
export function timelineChart(entries, { onSelect } = {}) {
  const W = 960, H = 160, L = 28, R = 28, BASE = 120;
  const dated = entries.map((e, i) => ({ e, i, d: dayNumber(e.date) })).filter((p) => p.d !== null);
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, class: "tl-chart", role: "img",
    "aria-label": `Timeline chart with ${dated.length} dated entries` });
  if (!dated.length) return { node: svg, select() {} };
  const [min, max] = domain(dated.map((p) => p.d));
  const x = (d) => L + ((d - min) / (max - min)) * (W - L - R);
  const maxScore = Math.max(...entries.map((e) => Number(e.score) || 0), 1e-9);
  svg.appendChild(el("line", { x1: L - 10, x2: W - R + 10, y1: BASE, y2: BASE, class: "axis" }));
  for (const t of dateTicks(min, max, 9)) {
    svg.appendChild(el("line", { x1: x(t), x2: x(t), y1: BASE, y2: BASE + 6, class: "axis" }));
    svg.appendChild(el("text", { x: x(t), y: BASE + 22, class: "tick", "text-anchor": "middle" },
      fmtDate(isoOfDay(t), { year: false })));
  }
  const heads = [];
  for (const { e, i, d } of dated) {
    const h = 18 + 78 * ((Number(e.score) || 0) / maxScore);
    const g = el("g", { class: "tl-point", tabindex: 0, dataset: { index: i }, role: "button",
      "aria-label": `${fmtDate(e.date)}: ${e.summary || ""}`,
      onclick: () => onSelect && onSelect(i),
      onkeydown: (ev) => { if (ev.key === "Enter" && onSelect) onSelect(i); } });
    g.appendChild(el("title", {}, `${fmtDate(e.date, { weekday: true })}\n${e.summary || ""}`));
    g.appendChild(el("line", { x1: x(d), x2: x(d), y1: BASE, y2: BASE - h, class: "stem" }));
    g.appendChild(el("circle", { cx: x(d), cy: BASE - h, r: 7, class: "head" }));
    g.appendChild(el("text", { x: x(d), y: BASE - h + 3.5, class: "num", "text-anchor": "middle" }, String(i + 1)));
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

// One category's lines (one per source) over time, contradictions marked in red.
export function figureChart(series, { colorFor, onPoint } = {}) {
  const W = 460, H = 250, L = 56, R = 14, T = 14, B = 40;
  const pts = series.lines.flatMap((l) => l.points.map((p) => ({ ...p, _src: l.source, _d: dayNumber(p.date) })))
    .filter((p) => p._d !== null && p.value !== null && p.value !== undefined);
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, class: "fig-chart", role: "img",
    "aria-label": `${series.category}: ${pts.length} claims from ${series.lines.length} sources` });
  if (!pts.length) return svg;
  const [min, max] = domain(pts.map((p) => p._d));
  const vmax = Math.max(...pts.map((p) => Number(p.value)));
  const ystep = niceStep(vmax * 1.05, 4);
  const ymax = ystep * Math.max(1, Math.ceil((vmax * 1.05) / ystep));
  const x = (d) => L + ((d - min) / (max - min)) * (W - L - R);
  const y = (v) => H - B - (Number(v) / ymax) * (H - T - B);
  for (let k = 0; k * ystep <= ymax + 1e-9; k++) {
    const v = k * ystep;
    svg.appendChild(el("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), class: k ? "grid" : "axis" }));
    svg.appendChild(el("text", { x: L - 6, y: y(v) + 4, class: "tick", "text-anchor": "end" }, fmtNumber(v)));
  }
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
    const m = el("g", { class: "fig-contradiction", dataset: { group: key } },
      el("title", {}, `Contradiction on ${fmtDate(g[0].date)}: ${label}`),
      el("line", { x1: cx, x2: cx, y1: Math.min(...ys) - 10, y2: Math.max(...ys) + 10, class: "bracket" }),
      el("text", { x: cx + 9, y: Math.min(...ys) - 12, class: "warn" }, "⚠"));
    svg.appendChild(m);
  }
  for (const line of series.lines) {
    const color = colorFor ? colorFor(line.source) : PALETTE[0];
    const lp = pts.filter((p) => p._src === line.source).sort((a, b) => a._d - b._d);
    if (lp.length > 1) {
      svg.appendChild(el("polyline", { points: lp.map((p) => `${x(p._d)},${y(p.value)}`).join(" "),
        class: "fig-line", stroke: color }));
    }
    for (const p of lp) {
      const tip = `${line.source}: ${p.qualifier ? p.qualifier + " " : ""}${fmtNumber(p.value)} ${series.category}` +
        ` (${fmtDate(p.date)})${p.outlet ? " — " + p.outlet : ""}${p.text ? "\n“" + p.text + "”" : ""}`;
      svg.appendChild(el("circle", { cx: x(p._d), cy: y(p.value), r: p.contradiction ? 5.5 : 4.5,
        class: "fig-point" + (p.contradiction ? " contradicted" : ""), fill: color, tabindex: 0,
        onclick: () => onPoint && onPoint(p) }, el("title", {}, tip)));
    }
  }
  return svg;
}
