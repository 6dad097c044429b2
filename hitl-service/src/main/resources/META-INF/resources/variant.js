// One variant's page: who made it from what and why, its metrics and learning curve, its failure, its diff against
// its parent file by file and the whole program, one tab per file. Program text is split into text nodes and spans,
// never parsed as HTML: agents write it, paths included.
"use strict";

window.DarwinVariant = (() => {
  const KEYWORDS = new Set(("abstract boolean break byte case catch char class continue default do double else enum "
    + "extends final finally float for if implements import instanceof int interface long new package private "
    + "protected public record return short static super switch this throw throws try var void while true false null")
    .split(" "));
  // comments, strings, numbers and words, in that order of precedence
  const TOKEN = /(\/\/.*$|\/\*.*?(\*\/|$))|("(?:\\.|[^"\\])*"?)|(\b\d[\d_.eE]*[fFdDlL]?\b)|(\b[A-Za-z_]\w*\b)/g;

  function highlight(line) {
    const out = [];
    let last = 0;
    for (const m of line.matchAll(TOKEN)) {
      const cls = m[1] ? "tok-comment" : m[3] ? "tok-string" : m[4] ? "tok-number"
        : KEYWORDS.has(m[5]) ? "tok-keyword" : null;
      if (!cls) continue;
      if (m.index > last) out.push(line.slice(last, m.index));
      const span = document.createElement("span");
      span.className = cls;
      span.textContent = m[0];
      out.push(span);
      last = m.index + m[0].length;
    }
    if (last < line.length) out.push(line.slice(last));
    return out;
  }

  function codeLine(cls, text, body) {
    const line = document.createElement("span");
    line.className = "line " + cls;
    line.append(...body, "\n");
    return line;
  }

  // a unified diff, its added and removed lines marked, each line's Java highlighted
  function diff(text) {
    const pre = document.createElement("pre");
    pre.className = "code diff";
    for (const line of text.split("\n")) {
      if (line === "") continue;
      const cls = line.startsWith("+++") || line.startsWith("---") ? "file" : line.startsWith("@@") ? "hunk"
        : line.startsWith("+") ? "added" : line.startsWith("-") ? "removed" : "context";
      const body = cls === "file" || cls === "hunk" ? [line] : [line.slice(0, 1), ...highlight(line.slice(1))];
      pre.append(codeLine(cls, line, body));
    }
    return pre;
  }

  // A multi-file unified diff cut at each file's "--- a/…" / "+++ b/…" pair: [{path, change, text}], in the diff's
  // order; "/dev/null" on one side is a file added or removed. A diff without file lines is one section.
  function sections(text) {
    const lines = text.split("\n");
    const out = [];
    let current = null;
    for (let i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("--- ") && (lines[i + 1] || "").startsWith("+++ ")) {
        const from = lines[i].slice(4).replace(/^a\//, "").replace(/\t.*$/, "");
        const to = lines[i + 1].slice(4).replace(/^b\//, "").replace(/\t.*$/, "");
        current = {path: to === "/dev/null" ? from : to,
          change: from === "/dev/null" ? "added" : to === "/dev/null" ? "removed" : "changed", lines: [lines[i], lines[i + 1]]};
        out.push(current);
        i++;
      } else {
        if (!current) out.push(current = {path: null, change: "changed", lines: []});
        current.lines.push(lines[i]);
      }
    }
    return out.map(s => ({path: s.path, change: s.change, text: s.lines.join("\n")}));
  }

  // the diff of each file under its path, so that a change in a helper file is not lost below the entry's
  function diffs(text) {
    const parts = sections(text);
    if (parts.length === 1 && parts[0].path === null) return diff(text);
    const box = document.createElement("div");
    box.className = "diffs";
    for (const part of parts) {
      const head = document.createElement("h3");
      head.className = "file-path " + part.change;
      head.dataset.path = part.path || "";
      head.textContent = (part.path || "(no file name)") + (part.change === "changed" ? "" : " — " + part.change);
      const section = document.createElement("section");
      section.className = "file-diff";
      section.append(head, diff(part.text));
      box.append(section);
    }
    return box;
  }

  // The program as tabs, the entry file first: [{path, source}]; one file is shown at a time, chosen by its tab.
  function programFiles(files) {
    if (files.length === 1) return program(files[0].source);
    const box = document.createElement("div");
    const tabs = document.createElement("nav");
    tabs.className = "file-tabs";
    tabs.setAttribute("role", "tablist");
    const shown = document.createElement("div");
    const select = (file, tab) => {
      for (const t of tabs.children) t.setAttribute("aria-selected", String(t === tab));
      shown.replaceChildren(program(file.source));
    };
    files.forEach((file, i) => {
      const tab = document.createElement("button");
      tab.className = "small file-tab";
      tab.type = "button";
      tab.setAttribute("role", "tab");
      tab.dataset.path = file.path;
      tab.textContent = file.path + (i === 0 ? " (entry)" : "");
      tab.addEventListener("click", () => select(file, tab));
      tabs.append(tab);
    });
    box.append(tabs, shown);
    select(files[0], tabs.children[0]);
    return box;
  }

  function program(text) {
    const pre = document.createElement("pre");
    pre.className = "code program";
    text.split("\n").forEach((line, i) => {
      const number = document.createElement("span");
      number.className = "ln";
      number.textContent = String(i + 1).padStart(4);
      pre.append(codeLine("", line, [number, " ", ...highlight(line)]));
    });
    return pre;
  }

  return {diff, diffs, program, programFiles, sections};
})();
