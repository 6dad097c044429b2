// Darwin's plots, drawn as plain SVG: a few hundred points at most, so no chart library (and nothing fetched from
// a CDN). Every text is set as text. Each plotted variant is a <circle class="pt" data-variant="…"> that opens its page.
"use strict";

window.DarwinPlots = (() => {
  const NS = "http://www.w3.org/2000/svg";
  const W = 420, H = 240, M = {left: 58, right: 12, top: 14, bottom: 34};
  // one colour per agent, in the order the agents first appear
  const PALETTE = ["#2563eb", "#d97706", "#059669", "#db2777", "#7c3aed", "#0891b2", "#65a30d", "#dc2626"];
  const OUTCOME = {COMPLETED: "#059669", HELD: "#d97706", FAILED: "#dc2626", TIMED_OUT: "#9ca3af", SEED: "#6b7280"};

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(NS, tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value == null) continue;
      if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of children.flat()) {
      if (child != null) node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  const title = text => svg("title", {}, text);

  function extent(values, pad) {
    let lo = Math.min(...values), hi = Math.max(...values);
    if (!isFinite(lo)) return [0, 1];
    if (lo === hi) { lo -= Math.abs(lo) * 0.05 || 0.5; hi += Math.abs(hi) * 0.05 || 0.5; }
    const margin = (hi - lo) * (pad ?? 0.08);
    return [lo - margin, hi + margin];
  }

  function ticks([lo, hi], n) {
    const step = Math.pow(10, Math.floor(Math.log10((hi - lo) / n)));
    const nice = [1, 2, 5, 10].map(f => f * step).find(s => (hi - lo) / s <= n) || step * 10;
    const out = [];
    for (let t = Math.ceil(lo / nice) * nice; t <= hi + 1e-12; t += nice) out.push(+t.toPrecision(12));
    return out;
  }

  // a frame with axes: returns the svg and the x/y scales
  function frame(id, xs, ys, labels, format) {
    const sx = v => M.left + (v - xs[0]) / (xs[1] - xs[0]) * (W - M.left - M.right);
    const sy = v => H - M.bottom - (v - ys[0]) / (ys[1] - ys[0]) * (H - M.top - M.bottom);
    const root = svg("svg", {id, class: "plot", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": labels.y});
    for (const t of ticks(ys, 5)) {
      root.append(svg("line", {class: "grid", x1: M.left, x2: W - M.right, y1: sy(t), y2: sy(t)}),
        svg("text", {class: "tick", x: M.left - 6, y: sy(t) + 4, "text-anchor": "end"}, (format || String)(t)));
    }
    for (const t of labels.xTicks || ticks(xs, 6)) {
      root.append(svg("text", {class: "tick", x: sx(t), y: H - M.bottom + 14, "text-anchor": "middle"}, String(t)));
    }
    root.append(svg("line", {class: "axis", x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom}),
      svg("line", {class: "axis", x1: M.left, x2: M.left, y1: M.top, y2: H - M.bottom}),
      svg("text", {class: "label", x: (M.left + W - M.right) / 2, y: H - 4, "text-anchor": "middle"}, labels.x));
    return {root, sx, sy};
  }

  function agentColours(points) {
    const colours = new Map();
    for (const p of points) {
      if (!colours.has(p.agentId)) colours.set(p.agentId, PALETTE[colours.size % PALETTE.length]);
    }
    return colours;
  }

  // One metric of every trained variant by generation, per agent; the control (or the baseline) as a line with the
  // noise floor as a band around it: a point inside the band is a tie with the seed program.
  function metric(series, key, label, options) {
    const points = series.points.filter(p => p[key] != null);
    const reference = series.controls.length ? series.controls.filter(c => c[key] != null)
      : points.filter(p => p.kind === "BASELINE");
    const floor = series.noiseFloor ? series.noiseFloor[key] : null;
    const generations = points.map(p => p.generation).concat(reference.map(c => c.generation));
    const gens = generations.length ? [Math.min(...generations), Math.max(...generations)] : [0, 1];
    const values = points.map(p => p[key]).concat(reference.flatMap(c => floor ? [c[key] - floor, c[key] + floor] : [c[key]]));
    const xs = [gens[0] - 0.5, gens[1] + 0.5];
    const {root, sx, sy} = frame("plot-" + key, xs, extent(values), {
      x: "generation", y: label, xTicks: Array.from({length: gens[1] - gens[0] + 1}, (_, i) => gens[0] + i)}, options.format);
    if (reference.length) {
      const sorted = [...reference].sort((a, b) => a.generation - b.generation);
      // one control spans the whole run when there is only the baseline's
      const along = sorted.length === 1 ? [{...sorted[0], generation: xs[0]}, {...sorted[0], generation: xs[1]}] : sorted;
      if (floor) {
        const upper = along.map(c => `${sx(c.generation)},${sy(c[key] + floor)}`);
        const lower = along.slice().reverse().map(c => `${sx(c.generation)},${sy(c[key] - floor)}`);
        root.append(svg("polygon", {class: "band", points: upper.concat(lower).join(" ")},
          title(`noise floor ±${options.format(floor)}: within it, a tie with the control`)));
      }
      root.append(svg("polyline", {class: "control", points: along.map(c => `${sx(c.generation)},${sy(c[key])}`).join(" ")},
        title(series.controls.length ? "control: the seed program, same training seed" : "baseline: the seed program")));
    }
    const colours = agentColours(points);
    const perGeneration = new Map();
    for (const p of points) {
      // spread a generation's variants a little so that equal values stay apart
      const slot = perGeneration.get(p.generation) || 0;
      perGeneration.set(p.generation, slot + 1);
      const x = sx(p.generation) + ((slot % 5) - 2) * 5;
      root.append(svg("circle", {class: "pt" + (p.outcome === "HELD" ? " held" : ""), cx: x, cy: sy(p[key]), r: 5,
        fill: colours.get(p.agentId), "data-variant": p.variantId, onclick: () => options.open(p.variantId)},
        title(`${p.variantId}\n${p.agentId} · generation ${p.generation}\n${label} ${options.format(p[key])}`
          + (p.outcome === "HELD" ? "\nheld by a sanity gate" : ""))));
    }
    return {svg: root, colours};
  }

  function legend(colours) {
    const items = [...colours].map(([agent, colour]) => {
      const item = document.createElement("span");
      item.className = "key";
      const dot = document.createElement("i");
      dot.style.background = colour;
      item.append(dot, agent || "?");
      return item;
    });
    const wrap = document.createElement("div");
    wrap.className = "legend";
    wrap.append(...items);
    return wrap;
  }

  // The learning curve: training loss by step, as reported while it trains.
  function curve(points) {
    const xs = extent(points.map(p => p.step), 0.02);
    const {root, sx, sy} = frame("plot-curve", xs, extent(points.map(p => p.trainLoss)),
      {x: "step", y: "training loss"}, v => v.toFixed(2));
    root.append(svg("polyline", {class: "curve", points: points.map(p => `${sx(p.step)},${sy(p.trainLoss)}`).join(" ")}));
    for (const p of points) {
      root.append(svg("circle", {class: "pt curve-pt", cx: sx(p.step), cy: sy(p.trainLoss), r: 2.5},
        title(`step ${p.step}: loss ${p.trainLoss.toFixed(3)}, ${Math.round(p.tokensPerSecond)} tok/s`)));
    }
    return root;
  }

  // The verification: each metric's champion and seed-program means with their intervals, and the paired difference
  // (champion − seed) with its interval, which decides the verdict when it lies wholly below zero for val_bpb.
  function intervals(report, format) {
    const rows = [];
    for (const m of report.metrics) {
      // the champion and the seed program on one scale, so that their intervals can be compared by eye
      const both = extent([m.champion.ci95Low, m.champion.ci95High, m.baseline.ci95Low, m.baseline.ci95High], 0.15);
      rows.push({label: `${m.metric}: champion`, mean: m.champion.mean, lo: m.champion.ci95Low, hi: m.champion.ci95High,
        cls: "champion", xs: both});
      rows.push({label: `${m.metric}: seed program`, mean: m.baseline.mean, lo: m.baseline.ci95Low, hi: m.baseline.ci95High,
        cls: "seed", xs: both});
      if (m.difference) {
        rows.push({label: `${m.metric}: Δ paired`, mean: m.difference.meanDifference, lo: m.difference.ciLow,
          hi: m.difference.ciHigh, cls: "difference", xs: extent([m.difference.ciLow, m.difference.ciHigh, 0], 0.15)});
      }
    }
    const wrap = document.createElement("div");
    wrap.className = "intervals";
    // each metric has its own scale, and the paired difference its own with zero on it: one small strip per row
    for (const row of rows) {
      const xs = row.xs;
      const sx = v => 8 + (v - xs[0]) / (xs[1] - xs[0]) * (W - 16);
      const strip = svg("svg", {class: "interval " + row.cls, viewBox: `0 0 ${W} 26`},
        row.cls === "difference" ? svg("line", {class: "zero", x1: sx(0), x2: sx(0), y1: 2, y2: 24}) : null,
        svg("line", {class: "ci", x1: sx(row.lo), x2: sx(row.hi), y1: 13, y2: 13}),
        svg("line", {class: "ci", x1: sx(row.lo), x2: sx(row.lo), y1: 7, y2: 19}),
        svg("line", {class: "ci", x1: sx(row.hi), x2: sx(row.hi), y1: 7, y2: 19}),
        svg("circle", {class: "mean", cx: sx(row.mean), cy: 13, r: 4}),
        title(`${row.label}: ${format(row.mean)} [${format(row.lo)}, ${format(row.hi)}]`));
      const label = document.createElement("div");
      label.className = "interval-label";
      label.textContent = `${row.label} ${format(row.mean)} [${format(row.lo)}, ${format(row.hi)}]`;
      wrap.append(label, strip);
    }
    return wrap;
  }

  // The family tree: a column per generation, parent → child edges, nodes coloured by outcome.
  function lineage(tree, open) {
    const columns = new Map();
    for (const n of tree.nodes) {
      if (!columns.has(n.generation)) columns.set(n.generation, []);
      columns.get(n.generation).push(n);
    }
    const gens = [...columns.keys()].sort((a, b) => a - b);
    const tallest = Math.max(1, ...[...columns.values()].map(c => c.length));
    const width = Math.max(W, 40 + gens.length * 150), height = Math.max(120, 30 + tallest * 46);
    const at = new Map();
    gens.forEach((g, i) => columns.get(g).forEach((n, j) => at.set(n.variantId, {
      x: 60 + i * ((width - 120) / Math.max(1, gens.length - 1)),
      y: (height / (columns.get(g).length + 1)) * (j + 1)})));
    const root = svg("svg", {id: "lineage", class: "lineage", viewBox: `0 0 ${width} ${height}`, width, height, role: "img",
      "aria-label": "family tree"});
    gens.forEach(g => root.append(svg("text", {class: "tick", x: at.get(columns.get(g)[0].variantId).x, y: 12,
      "text-anchor": "middle"}, g < 0 ? "seed" : "gen " + g)));
    for (const e of tree.edges) {
      const a = at.get(e.from), b = at.get(e.to);
      if (!a || !b) continue;
      const mid = (a.x + b.x) / 2;
      root.append(svg("path", {class: "edge", d: `M${a.x},${a.y} C${mid},${a.y} ${mid},${b.y} ${b.x},${b.y}`}));
    }
    for (const n of tree.nodes) {
      const p = at.get(n.variantId);
      const colour = OUTCOME[n.kind === "SEED" ? "SEED" : n.outcome] || "#ffffff";
      const node = svg("g", {class: "node" + (n.kind === "SEED" ? " seed" : ""), "data-variant": n.variantId,
          "data-outcome": n.outcome || (n.kind === "SEED" ? "SEED" : "TRAINING"), transform: `translate(${p.x},${p.y})`,
          onclick: n.kind === "SEED" ? null : () => open(n.variantId)},
        svg("circle", {r: 11, fill: colour}),
        svg("text", {class: "node-label", y: 24, "text-anchor": "middle"},
          n.kind === "SEED" ? "seed" : n.kind === "BASELINE" ? "baseline" : (n.agentId || "?")),
        title(`${n.variantId}\n${n.kind}${n.agentId ? " · " + n.agentId : ""} · ${n.outcome || "training"}`
          + (n.valBitsPerByte != null ? `\nval_bpb ${n.valBitsPerByte.toFixed(4)}` : "")));
      root.append(node);
    }
    return root;
  }

  return {metric, legend, curve, intervals, lineage, OUTCOME};
})();
