// One variant's page: who made it from what and why, its metrics and learning curve, its failure, its diff against
// its parent and the whole program. Program text is split into text nodes and spans, never parsed as HTML: agents
// write it.
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

  return {diff, program};
})();
