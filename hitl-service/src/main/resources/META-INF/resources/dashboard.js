// Darwin's dashboard: plain JavaScript over hitl-service's API (/api/runs…) and its POST endpoints for run requests,
// interventions and approval decisions. Every text from the API is set as text, never parsed as HTML: agents write
// reasoning and programs, and humans write guidance. The page re-reads what it shows when hitl-service tells it that
// an event of its run was stored (server-sent events on /api/updates); it never polls. Plots: plots.js; the variant
// page's code: variant.js; the run form: runform.js.
"use strict";

(() => {
  // a burst of events (a generation closing) becomes one re-read
  const COALESCE_MS = 250;
  const app = document.getElementById("app");
  const notice = document.getElementById("notice");
  const who = document.getElementById("who");
  const live = document.getElementById("live");
  let updates = null;
  let waiting = null;

  // The token arrives once in the address (?token=…, as ./darwin run prints it, the way Jupyter does): it is kept for
  // this tab only and taken out of the address bar, so that it stays out of the history, bookmarks and shared links.
  const TOKEN = "darwin.token";
  const address = new URL(window.location.href);
  if (address.searchParams.has("token")) {
    sessionStorage.setItem(TOKEN, address.searchParams.get("token"));
    address.searchParams.delete("token");
    history.replaceState(null, "", address.pathname + address.search + address.hash);
  }
  const token = () => sessionStorage.getItem(TOKEN);
  // Who the services will record is the token's name; shown here only, never sent as a claim of its own.
  function claims() {
    try {
      return JSON.parse(atob(token().split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
    } catch (e) {
      return null;
    }
  }
  function signedInAs() {
    const c = claims();
    return c && `${c.upn || c.preferred_username || c.sub} (${(c.groups || []).join(", ")})`;
  }
  // The page shows a control only to a role that may use it (an operator is also an approver, as on the server);
  // the server checks the token on every call all the same.
  const groups = () => ((claims() || {}).groups || []);
  const may = {
    operate: () => groups().includes("operator"),
    decide: () => groups().includes("operator") || groups().includes("approver"),
  };
  who.textContent = token() ? "signed in as " + (signedInAs() || "a token holder")
    : "not signed in: open the address ./darwin run printed (…/?token=…) to decide and intervene";
  const enc = encodeURIComponent;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value == null || value === false) continue;
      if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else if (key === "class") node.className = value;
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat()) {
      if (child != null && child !== false) node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  const fmt = {
    bpb: v => v == null ? "–" : v.toFixed(4),
    pct: v => v == null ? "–" : (100 * v).toFixed(1) + " %",
    num: v => v == null ? "–" : Math.round(v).toLocaleString(),
    loss: v => v == null ? "–" : v.toFixed(3),
    usd: v => v == null ? "–" : "$" + v.toFixed(3),
    p: v => v == null ? "–" : v < 1e-4 ? v.toExponential(1) : v.toFixed(4),
    time: v => v ? new Date(v).toLocaleTimeString() : "–",
    secs: v => {
      if (v == null) return "–";
      const s = Math.max(0, Math.round(v));
      return s >= 60 ? `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s` : `${s}s`;
    },
  };

  // A training budget; 0 means no limit of that kind (TrainingBudget), not a budget of nothing.
  function budget(b) {
    if (!b) return "–";
    const parts = [b.maxTokens > 0 ? fmt.num(b.maxTokens) + " tokens" : null,
      b.maxSeconds > 0 ? fmt.secs(b.maxSeconds) : null].filter(p => p);
    return parts.length === 2 ? parts.join(" or ") + ", whichever comes first"
      : parts.length ? parts[0] + " of training" : "no limit";
  }

  // The run's LLM spending against its cap: the total once it ended, the closed generations' sum until then.
  function spend(d, c) {
    const spent = d.costUsd ?? (d.generations || []).reduce((sum, g) => sum + ((g.statistics || {}).costUsd || 0), 0);
    return `${fmt.usd(spent)} of ${c.costCapUsd > 0 ? fmt.usd(c.costCapUsd) + " cap" : "the service's default cap"}`;
  }

  async function api(path, options) {
    const headers = {...((options && options.headers) || {})};
    if (token()) headers.Authorization = "Bearer " + token();
    const response = await fetch(path, {...options, headers});
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const error = new Error(body && body.error ? body.error : `${response.status} ${response.statusText}`);
      error.status = response.status;
      throw error;
    }
    return body;
  }

  const post = (path, body) => api(path, {
    method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body),
  });

  function flash(text, isError) {
    notice.textContent = text;
    notice.className = isError ? "notice error" : "notice";
    notice.hidden = false;
    clearTimeout(flash.timer);
    flash.timer = setTimeout(() => { notice.hidden = true; }, 4000);
  }

  // Shows a view now, and again each time the server says that something it shows changed (of one run, or of one
  // variant when `concerns` says which notices matter).
  function follow(refresh, runId, concerns) {
    clearTimeout(waiting);
    if (updates) updates.close();
    refresh();
    updates = new EventSource("/api/updates" + (runId ? "?runId=" + enc(runId) : ""));
    // read again once listening (and after a reconnect): what was stored before the stream opened was told to nobody
    updates.onopen = () => { live.textContent = "● live"; live.className = "live-dot on"; refresh(); };
    updates.onerror = () => { live.textContent = "○ reconnecting"; live.className = "live-dot"; };
    updates.onmessage = (message) => {
      if (concerns && !concerns(JSON.parse(message.data))) return;
      clearTimeout(waiting);
      waiting = setTimeout(refresh, COALESCE_MS);
    };
  }

  function route() {
    const variant = location.hash.match(/^#\/runs\/([^/]+)\/variants\/(.+)$/);
    const run = location.hash.match(/^#\/runs\/([^/]+)$/);
    if (variant) showVariant(decodeURIComponent(variant[1]), decodeURIComponent(variant[2]));
    else if (run) showRun(decodeURIComponent(run[1]));
    else showRuns();
  }

  const variantHref = (runId, variantId) => `#/runs/${enc(runId)}/variants/${enc(variantId)}`;
  const variantLink = (runId, variantId) => el("a", {class: "mono", href: variantHref(runId, variantId)}, variantId);

  const card = (title, ...content) => el("section", {class: "card"}, title && el("h2", {}, title), content);
  const table = (headers, rows, empty) => el("table", {class: "grid"},
    el("thead", {}, el("tr", {}, headers.map(h => el("th", {class: h.num ? "num" : null}, h.label || h)))),
    el("tbody", {}, rows.length ? rows
      : el("tr", {}, el("td", {colspan: headers.length, class: "muted"}, empty))));
  const num = (text) => el("td", {class: "num"}, text);
  const fact = (label, value) => el("div", {}, el("dt", {}, label), el("dd", {}, value ?? "–"));
  const H = (label) => ({label, num: true});
  const badge = (status) => el("span", {class: "badge " + (status || "")}, status || "UNKNOWN");
  const verdictText = (improved) => improved == null ? "–" : improved ? "improved" : "not improved";

  // ------------------------------------------------------------------ runs list

  function showRuns() {
    const list = el("div");
    const starter = el("div");
    app.replaceChildren(el("h1", {}, "Runs"), list, starter,
      el("p", {class: "muted"}, "A run appears here as soon as its RunRequested event is on darwin.runs.v1, whether ",
        "it was started here, with ./darwin run or with POST /runs on selection-service; selection-service starts it, ",
        "or ends it at once saying why it may not run."));
    // an operator starts runs; anyone else is not offered the form (and the server refuses them all the same)
    if (may.operate()) {
      api("/api/run-form").then(form => starter.replaceChildren(DarwinRunForm.card(el, form, async (config) => {
        try {
          const accepted = await post("/api/runs", config);
          flash(`Requested ${accepted.runId}: it appears above once selection-service reads it`);
        } catch (e) {
          flash(e.message, true);
        }
      }))).catch(e => flash(e.message, true));
    }
    follow(async () => {
      try {
        const runs = await api("/api/runs");
        list.replaceChildren(table(["Run", "Status", H("Generation"), H("Best val_bpb"), "Champion", "Outcome",
          "Verification"], runs.map(r => el("tr", {},
          el("td", {}, el("a", {href: "#/runs/" + enc(r.runId)}, r.name || r.runId),
            el("div", {class: "muted mono"}, r.runId)),
          el("td", {}, badge(r.status)), num(r.currentGeneration ?? "–"), num(fmt.bpb(r.bestValBitsPerByte)),
          el("td", {class: "mono"}, r.championVariantId || "–"), el("td", {}, r.outcome || "–"),
          el("td", {}, verdictText(r.verifiedImprovement)))), "No runs yet."));
      } catch (e) {
        flash(e.message, true);
      }
    });
  }

  // ------------------------------------------------------------------ one run

  function showRun(runId) {
    const base = "/runs/" + enc(runId);
    const parts = {
      head: el("div"), verdict: el("div"), training: el("div"), approvals: el("div"),
      leaderboard: el("div"), generations: el("div"), interventions: el("div"), plots: el("div", {class: "plots"}),
      lineage: el("div", {class: "scroll"}),
    };
    let approvalsShown = null;
    let plotsShown = null;

    const intervene = async (kind, fields) => {
      try {
        await post(base + "/interventions", {kind, message: "", ...fields});
        flash(`${kind} sent: selection-service applies it`);
      } catch (e) {
        flash(e.message, true);
      }
    };
    const judge = async (kind, variantId) => {
      const why = prompt(kind === "VETO" ? `Veto ${variantId}? It ranks last and never survives. Reason:`
        : `Promote ${variantId}? It survives into the next generation. Reason:`, "");
      if (why !== null) await intervene(kind, {variantId, message: why});
    };
    const decide = async (requestId, approved, comment) => {
      try {
        await post(`${base}/approvals/${enc(requestId)}/decision`, {approved, comment: comment || null});
        flash(`${approved ? "Approved" : "Refused"} ${requestId}`);
        refresh();
      } catch (e) {
        flash(e.message, true);
      }
    };

    const guidance = el("textarea", {placeholder: "Guidance for the agents, e.g. try rotary position embeddings"});
    const agent = el("input", {placeholder: "agent (all)", size: 10});
    const controls = card("Operate: pause, resume, stop, guide", el("div", {class: "controls"},
      el("button", {onclick: () => intervene("PAUSE", {message: "paused from the dashboard"})}, "Pause"),
      el("button", {onclick: () => intervene("RESUME", {message: "resumed from the dashboard"})}, "Resume"),
      el("button", {class: "danger", onclick: () => {
        if (confirm("Stop this run? The current generation closes, then the run completes.")) {
          intervene("STOP", {message: "stopped from the dashboard"});
        }
      }}, "Stop"),
      el("form", {onsubmit: async (event) => {
        event.preventDefault();
        if (!guidance.value.trim()) return;
        await intervene("GUIDANCE", {message: guidance.value.trim(), agentId: agent.value.trim() || null});
        guidance.value = "";
      }}, guidance, agent, el("button", {class: "primary", type: "submit"}, "Send guidance"))));

    app.replaceChildren(el("p", {}, el("a", {href: "#/"}, "← all runs")), parts.head, parts.verdict, controls,
      card("In training", parts.training), card("Waiting for your approval", parts.approvals),
      card("The search", parts.plots), card("Lineage: who mutated whom", parts.lineage),
      card("Leaderboard", parts.leaderboard), card("Generations", parts.generations),
      card("Interventions", parts.interventions));

    async function refresh() {
      try {
        const [detail, board, pending, series, tree] = await Promise.all([api("/api/runs/" + enc(runId)),
          api(`/api/runs/${enc(runId)}/leaderboard`), api(base + "/approvals?status=pending"),
          api(`/api/runs/${enc(runId)}/series`), api(`/api/runs/${enc(runId)}/lineage`)]);
        const ended = detail.run.status === "COMPLETED";
        controls.hidden = ended || !may.operate();
        renderHead(detail);
        renderVerdict(detail);
        renderTraining(detail.training);
        // drawn again only when they changed, so that a pointer resting on a point keeps its tooltip
        const drawn = JSON.stringify([series, tree]);
        if (drawn !== plotsShown) {
          plotsShown = drawn;
          renderPlots(series);
          parts.lineage.replaceChildren(tree.nodes.length ? DarwinPlots.lineage(tree, open)
            : el("p", {class: "muted"}, "No variant has been proposed yet."), outcomeKey());
        }
        renderLeaderboard(board, detail.run.championVariantId, ended);
        renderGenerations(detail.generations);
        renderInterventions(detail.interventions);
        // re-rendered only when the requests change, so that a comment being typed survives the polling
        const key = pending.map(a => a.requestId).join();
        if (key !== approvalsShown) {
          approvalsShown = key;
          renderApprovals(pending);
        }
      } catch (e) {
        if (e.status === 404) parts.head.replaceChildren(el("h1", {}, runId), el("p", {class: "muted"}, e.message));
        else flash(e.message, true);
      }
    }

    const open = variantId => { location.hash = variantHref(runId, variantId); };

    function renderPlots(series) {
      if (!series.points.length) {
        parts.plots.replaceChildren(el("p", {class: "muted"}, "No variant has finished training yet."));
        return;
      }
      const plots = [["valBitsPerByte", "val_bpb (lower is better)", v => v.toFixed(3)],
        ["mfu", "MFU", v => (100 * v).toFixed(1) + "%"], ["tokensPerSecond", "tokens/s", v => Math.round(v).toLocaleString()]]
        .map(([key, label, format]) => DarwinPlots.metric(series, key, label, {format, open}));
      parts.plots.replaceChildren(
        el("div", {class: "plot-row"}, plots.map((p, i) => el("figure", {}, p.svg,
          el("figcaption", {}, ["val_bpb", "MFU", "tokens/s"][i])))),
        DarwinPlots.legend(plots[0].colours),
        el("p", {class: "muted"}, series.controls.length ? "Line: each generation's control, the seed program trained "
          + "with the same seed" : "Line: the baseline, the seed program",
          series.noiseFloor ? `; band: the noise floor (${series.noiseFloor.seeds} seeds), within it a tie.` : "."),
        series.verification ? el("div", {}, el("h3", {}, "Verification: champion against the seed program"),
          DarwinPlots.intervals(series.verification, v => Math.abs(v) >= 100 ? Math.round(v).toLocaleString() : v.toFixed(4)))
          : "");
    }

    function renderHead(d) {
      const r = d.run;
      const c = d.config || {};
      parts.head.replaceChildren(el("h1", {}, r.name || r.runId, " ", badge(r.status)),
        el("div", {class: "muted mono"}, r.runId, d.statusReason ? " · " + d.statusReason : ""),
        el("dl", {class: "facts"},
          fact("Generation", `${r.currentGeneration ?? "–"} of ${c.generations ?? "?"}`),
          fact("Population", c.population), fact("Best val_bpb", fmt.bpb(r.bestValBitsPerByte)),
          fact(r.status === "COMPLETED" ? "Champion" : "Best so far", r.championVariantId || "–"),
          fact("Mutator", c.mutator ? c.mutator + (c.model ? " · " + c.model : "") : "–"),
          fact("Budget", budget(c.budget)),
          fact("Outcome", r.outcome || "–"), fact("LLM cost", spend(d, c))));
    }


    function renderVerdict(d) {
      const v = d.verification;
      if (!v) {
        parts.verdict.replaceChildren(d.run.status === "COMPLETED"
          ? card(null, el("p", {}, `The run ended (${d.run.outcome}) without a verification.`)) : "");
        return;
      }
      const bpb = v.metrics.find(m => m.metric === "val_bpb");
      const sample = s => `${fmt.bpb(s.mean)} [${fmt.bpb(s.ci95Low)}, ${fmt.bpb(s.ci95High)}] over ${s.n} seeds`;
      parts.verdict.replaceChildren(el("section", {class: "card verdict" + (v.improved ? " improved" : "")},
        el("h2", {}, v.improved ? "Verified improvement" : "No verified improvement"),
        el("p", {}, `Champion ${v.championVariantId} against the unmodified seed program ${v.baselineVariantId}, `,
          `re-trained with the same ${v.seeds.length} seeds.`),
        bpb && el("dl", {class: "facts"}, fact("Champion val_bpb", sample(bpb.champion)),
          fact("Baseline val_bpb", sample(bpb.baseline)),
          // a verdict paired by seed carries the difference; older ones carry Welch's p
          ...(bpb.difference ? [fact("Δ val_bpb (champion − seed)", `${fmt.bpb(bpb.difference.meanDifference)} `
              + `[${fmt.bpb(bpb.difference.ciLow)}, ${fmt.bpb(bpb.difference.ciHigh)}] over ${bpb.difference.pairs} pairs`),
            fact("Paired p", fmt.p(bpb.difference.pValue))] : [fact("Welch p", fmt.p(bpb.welchP))]),
          fact("False-positive rate", v.alpha)),
        ...(v.integrityFlags || []).map(f => el("p", {class: "held"}, el("strong", {}, "Held by " + f.gate), ": " + f.detail))));
    }

    function renderTraining(training) {
      parts.training.replaceChildren(training.length ? el("div", {class: "live"}, training.map(v => {
        const p = v.progress;
        const fraction = p ? Math.min(1, Math.max(0, p.fractionDone)) : 0;
        return el("div", {class: "variant"},
          el("header", {}, variantLink(runId, v.variantId),
            may.operate() && el("button", {class: "small danger", onclick: () => judge("VETO", v.variantId)}, "Veto")),
          el("div", {class: "muted"}, `generation ${v.generation} · ${v.agentId || "?"} · ${v.workerId || "?"}`,
            v.attempt > 1 ? ` · attempt ${v.attempt}` : ""),
          el("div", {class: "bar", role: "progressbar", "aria-valuenow": Math.round(100 * fraction)},
            el("span", {style: `width: ${(100 * fraction).toFixed(1)}%`})),
          el("div", {}, p ? `${fmt.pct(p.fractionDone)} · step ${fmt.num(p.step)} · loss ${fmt.loss(p.trainLoss)} · `
            + `${fmt.num(p.tokensPerSecond)} tok/s · ETA ${fmt.secs(p.etaSeconds)}` : "starting…"));
      })) : el("p", {class: "muted"}, "No variant is training right now."));
    }

    // Each request in its context: what was asked, by which agent, why, the variant that asked and what approving it
    // would change; an approver or operator decides it with a comment, anyone else reads it.
    function renderApprovals(pending) {
      parts.approvals.replaceChildren(...(pending.length ? pending.map(a => {
        const comment = el("input", {placeholder: "comment for the agent (optional)"});
        return el("div", {class: "approval", "data-request": a.requestId},
          el("div", {}, el("strong", {}, a.kind), ` asked by ${a.agentId}`,
            el("span", {class: "muted"}, " · " + fmt.time(a.requestedAt))),
          el("dl", {class: "asked"},
            el("dt", {}, "Asked for"), el("dd", {class: "mono"}, a.detail),
            el("dt", {}, "Why"), el("dd", {}, a.justification),
            el("dt", {}, "From variant"), el("dd", {}, a.variantId ? variantLink(runId, a.variantId) : "–"),
            el("dt", {}, "If approved"), el("dd", {class: "effect"}, EFFECTS[a.kind] || "the agent is told in its next prompt")),
          may.decide() ? el("div", {class: "actions"}, comment,
            el("button", {class: "primary", onclick: () => decide(a.requestId, true, comment.value)}, "Approve"),
            el("button", {class: "danger", onclick: () => decide(a.requestId, false, comment.value)}, "Decline"))
            : el("p", {class: "muted"}, "An approver or operator decides it."));
      }) : [el("p", {class: "muted"}, "Nothing is waiting for a decision.")]));
    }

    // a veto or promotion acts on the next selection: none is left once the run ended
    function renderLeaderboard(board, champion, ended) {
      parts.leaderboard.replaceChildren(table([H("#"), "Variant", H("Gen"), "Agent", "Mutator", H("val_bpb"),
        H("Perplexity"), H("MFU"), H("Tokens/s"), H("Lines ±"), ended || !may.operate() ? null : ""].filter(h => h != null), board.map(v => el("tr", {
          class: [v.variantId === champion ? "champion" : "", v.vetoed ? "vetoed" : ""].join(" ").trim() || null,
        },
        num(v.rank), el("td", {class: "mono", title: v.reasoning || ""}, variantLink(runId, v.variantId),
          v.vetoed && el("span", {class: "badge flag"}, "vetoed"), v.promoted && el("span", {class: "badge flag"}, "promoted")),
        num(v.generation), el("td", {}, v.agentId || "–"),
        el("td", {}, v.mutator ? v.mutator + (v.model ? " · " + v.model : "") : "–"),
        num(fmt.bpb(v.valBitsPerByte)), num(fmt.loss(v.perplexity)), num(fmt.pct(v.mfu)), num(fmt.num(v.tokensPerSecond)),
        num(v.linesAdded == null ? "–" : `+${v.linesAdded} −${v.linesRemoved}`),
        !ended && may.operate() && el("td", {}, el("button", {class: "small danger", onclick: () => judge("VETO", v.variantId)}, "Veto"),
          " ", el("button", {class: "small", onclick: () => judge("PROMOTE", v.variantId)}, "Promote")))),
        "No variant has finished training yet."));
    }

    function renderGenerations(generations) {
      parts.generations.replaceChildren(table([H("Gen"), "State", H("Variants"), H("Trained"), H("Failed"),
        H("Timed out"), H("Best val_bpb"), H("Median"), H("Failure rate"), H("Error rate"), H("Errors resolved"),
        H("LLM cost")], generations.map(g => {
        const s = g.statistics || {};
        const state = !g.closed ? "open" : g.verifies ? "verified: " + verdictText(g.verification && g.verification.improved)
          : "closed";
        return el("tr", {}, num(g.generation), el("td", {}, g.verifies && !g.closed ? "verifying" : state),
          num(g.closed ? s.variants : g.assignments), num(s.completed ?? "–"), num(s.failed ?? "–"),
          num(s.timedOut ?? "–"), num(fmt.bpb(s.bestValBitsPerByte)), num(fmt.bpb(s.medianValBitsPerByte)),
          num(fmt.pct(s.failureRate)), num(fmt.pct(s.proposalErrorRate)), num(fmt.pct(s.errorResolutionRate)),
          num(fmt.usd(s.costUsd)));
      }), "No generation has opened yet."));
    }

    function renderInterventions(interventions) {
      parts.interventions.replaceChildren(interventions.length ? el("ul", {class: "plain"}, interventions.map(i =>
        el("li", {}, el("span", {class: "muted"}, fmt.time(i.at), " "), el("strong", {}, i.kind), ` by ${i.by}`,
          i.variantId ? ` on ${i.variantId}` : "", i.agentId ? ` for ${i.agentId}` : "",
          i.message ? ": " + i.message : "")))
        : el("p", {class: "muted"}, "No interventions yet."));
    }

    follow(refresh, runId);
  }

  // What an approval changes, as the services that act on it do (see hitl-service's README); the decision itself is
  // only published here.
  const EFFECTS = {
    MORE_BUDGET: "selection-service trains every variant of this run with this budget from the next generation on",
    LARGER_POPULATION: "selection-service grows this run's population to this size from the next generation on",
    MORE_DATA: "the corpus is offered to the agent's training from a later generation on; validation stays on the "
      + "run's own held-out split, so scores stay comparable",
    NEW_IMPORT: "the agent's programs may use this import from its next proposal on",
    NEW_FILE: "the agent may add this file to its program from its next proposal on",
    RESTRUCTURE: "the agent may reorganise its program's files as described from its next proposal on",
  };

  const outcomeKey = () => el("div", {class: "legend"}, Object.entries(DarwinPlots.OUTCOME).map(([outcome, colour]) =>
    el("span", {class: "key"}, el("i", {style: "background:" + colour}), outcome.toLowerCase().replace("_", " "))),
    el("span", {class: "key"}, el("i", {style: "background:#fff"}), "training"));

  // ------------------------------------------------------------------ one variant

  function showVariant(runId, variantId) {
    const parts = {head: el("div"), failure: el("div"), curve: el("div"), diff: el("div"), program: el("div")};
    app.replaceChildren(el("p", {}, el("a", {href: "#/runs/" + enc(runId)}, "← run " + runId)), parts.head,
      parts.failure, card("Learning curve", parts.curve), card("Diff against its parent", parts.diff),
      card("Program", parts.program));
    let shown = null;

    async function refresh() {
      try {
        const v = await api(`/api/runs/${enc(runId)}/variants/${enc(variantId)}`);
        const m = v.metrics || {};
        parts.head.replaceChildren(el("h1", {}, v.variantId, " ", badge(v.outcome || "TRAINING")),
          el("dl", {class: "facts"}, fact("Generation", v.generation), fact("Kind", v.kind),
            fact("Agent", v.agentId), fact("Rewritten by", v.mutatorAgentId),
            fact("Parents", v.parentVariantIds.length ? el("span", {}, v.parentVariantIds.flatMap((p, i) =>
              [i ? ", " : "", variantLink(runId, p)])) : "–"),
            fact("Mutator", v.mutator ? v.mutator + (v.model ? " · " + v.model : "") : "–"),
            fact("Proposal", v.proposalStatus), fact("Attempt", v.attempt > 1 ? `${v.attempt} (repairs ${v.repairOf})` : v.attempt),
            fact("val_bpb", fmt.bpb(m.valBitsPerByte)), fact("Perplexity", fmt.loss(m.perplexity)),
            fact("MFU", fmt.pct(m.mfu)), fact("Tokens/s", fmt.num(m.tokensPerSecond)),
            fact("Parameters", fmt.num(m.parameters)), fact("Steps", fmt.num(m.steps)),
            fact("Device", m.device), fact("LLM cost", fmt.usd(v.costUsd))),
          v.integrityGates.length ? el("p", {class: "held"}, "Held by " + v.integrityGates.join(", ")) : "",
          card("Reasoning", el("p", {class: "reasoning"}, v.reasoning || "–"),
            v.validationErrors.length ? el("details", {}, el("summary", {}, `${v.validationErrors.length} failed validation(s)`),
              el("ul", {}, v.validationErrors.map(e => el("li", {class: "mono"}, e)))) : "",
            el("div", {class: "lessons"}, el("h3", {}, "What the agent was given"), v.lessons.length
              ? el("ul", {}, v.lessons.map(l => el("li", {}, l)))
              : el("p", {class: "muted"}, "No lessons: its mutator used none, or its proposal predates them."))));
        parts.failure.replaceChildren(v.failureClass ? el("section", {class: "card failure"},
          el("h2", {}, "Failed: " + v.failureClass), el("p", {class: "mono"}, v.failureMessage || ""),
          el("pre", {class: "code tail"}, v.logTail || "")) : "");
        parts.curve.replaceChildren(v.curve.length > 1 ? DarwinPlots.curve(v.curve)
          : el("p", {class: "muted"}, v.curve.length ? "One progress report so far." : "No progress report yet."));
        // the program and its diff never change: drawn once, so that a selection in them survives a live update
        if (shown !== v.source) {
          shown = v.source;
          parts.diff.replaceChildren(v.diff ? DarwinVariant.diffs(v.diff)
            : el("p", {class: "muted"}, v.kind === "BASELINE" ? "The seed program, unchanged." : "No diff."));
          parts.program.replaceChildren(v.source
            ? DarwinVariant.programFiles([{path: v.entryPath, source: v.source}, ...v.files])
            : el("p", {class: "muted"}, "Its proposal has not been seen."),
            v.filesLeftOut ? el("p", {class: "muted"}, `${v.filesLeftOut} more file(s) past what the dashboard keeps.`) : "");
        }
      } catch (e) {
        if (e.status === 404) parts.head.replaceChildren(el("h1", {}, variantId), el("p", {class: "muted"}, e.message));
        else flash(e.message, true);
      }
    }

    follow(refresh, runId, update => !update.variantId || update.variantId === variantId);
  }

  window.addEventListener("hashchange", route);
  route();
})();
