// Search for Chinese notices, without dependencies: tokenises the query as the builder does
// (CJK bigrams, lower-case ASCII words), downloads only the index shards of those tokens and the
// document chunks it shows, and intersects. Needs the site to be served over http(s).
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var out = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var root = form ? form.getAttribute("data-root") || "" : "";
  var L = JSON.parse((form && form.getAttribute("data-labels")) || "{}");

  function isCjk(c) {
    var n = c.codePointAt(0);
    return (n >= 0x3400 && n <= 0x4dbf) || (n >= 0x4e00 && n <= 0x9fff) || (n >= 0xf900 && n <= 0xfaff) || (n >= 0x20000 && n <= 0x2fa1f);
  }
  function tokens(text) {
    var out = [], cjk = [], word = "";
    function flush() {
      if (cjk.length === 1) out.push(cjk[0]);
      for (var i = 0; i + 1 < cjk.length; i++) out.push(cjk[i] + cjk[i + 1]);
      cjk = [];
    }
    Array.from(text).forEach(function (c) {
      var n = c.codePointAt(0);
      if ((n >= 0xff10 && n <= 0xff19) || (n >= 0xff21 && n <= 0xff3a) || (n >= 0xff41 && n <= 0xff5a)) c = String.fromCodePoint(n - 0xfee0);
      if (isCjk(c)) { if (word) { out.push(word); word = ""; } cjk.push(c); }
      else if (/^[0-9A-Za-z]$/.test(c)) { flush(); word += c.toLowerCase(); }
      else { flush(); if (word) { out.push(word); word = ""; } }
    });
    flush();
    if (word) out.push(word);
    return out;
  }
  function shardOf(token, shards) {
    var h = 0x811c9dc5, bytes = new TextEncoder().encode(token);
    for (var i = 0; i < bytes.length; i++) { h ^= bytes[i]; h = Math.imul(h, 0x01000193) >>> 0; }
    return h % shards;
  }
  // Exposed for tests: the builder tokenises and hashes the same way.
  globalThis.gongkaiSearch = { tokens: tokens, shardOf: shardOf };
  if (!form || !out) return;

  function get(path) {
    return fetch(root + path).then(function (r) { if (!r.ok) throw new Error(path); return r.json(); });
  }
  function ids(deltas) {
    var acc = 0;
    return deltas.map(function (d) { acc += d; return acc; });
  }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function snippet(text, words) {
    var at = -1, len = 0;
    words.forEach(function (w) { var i = text.indexOf(w); if (i >= 0 && (at < 0 || i < at)) { at = i; len = w.length; } });
    var p = el("p", null, "notice-summary");
    if (at < 0) { p.textContent = text.slice(0, 90); return p; }
    var start = Math.max(0, at - 30);
    p.appendChild(document.createTextNode((start > 0 ? "…" : "") + text.slice(start, at)));
    p.appendChild(el("mark", text.slice(at, at + len)));
    p.appendChild(document.createTextNode(text.slice(at + len, at + len + 60) + "…"));
    return p;
  }
  // The hits of the query in one index: the live site's (base "") or an archive's
  // ("archive/2025-2026/"), each with its own shards and documents.
  function searchIn(base, toks) {
    return get(base + "search/meta.json").then(function (meta) {
      var shards = toks.map(function (t) { return shardOf(t, meta.shards); });
      var unique = shards.filter(function (s, i, a) { return a.indexOf(s) === i; });
      return Promise.all(unique.map(function (s) { return get(base + "search/s/" + s + ".json"); })).then(function (maps) {
        var lists = toks.map(function (t, i) { return ids(maps[unique.indexOf(shards[i])][t] || []); });
        lists.sort(function (a, b) { return a.length - b.length; });
        var hits = lists[0].filter(function (id) { return lists.every(function (l) { return l.indexOf(id) >= 0; }); });
        return { base: base, meta: meta, hits: hits };
      });
    });
  }
  function run(q, kind, year) {
    out.textContent = "";
    var toks = tokens(q).filter(function (t, i, a) { return a.indexOf(t) === i; });
    if (!toks.length) { status.textContent = ""; return; }
    status.textContent = L.searching || "…";
    get("search/meta.json").then(function (meta) {
      // The live board first, then each archived school year (newest first), marked as such.
      var bases = [""].concat((meta.archives || []).map(function (y) { return "archive/" + y + "/"; }));
      return Promise.all(bases.map(function (b) {
        return searchIn(b, toks).catch(function () { return null; });
      })).then(function (found) {
        if (!found[0]) throw new Error("search");
        return showFrom(found.filter(Boolean), q.split(/\s+/).filter(Boolean), kind, year, meta.archived_label || "");
      });
    }).catch(function () { status.textContent = L.unavailable || ""; });
  }
  function showFrom(sets, words, kind, year, archivedLabel) {
    var shown = 0, list = el("ol", null, "notice-list search-list");
    out.appendChild(list);
    var hits = [];
    sets.forEach(function (set) { set.hits.forEach(function (id) { hits.push({ set: set, id: id }); }); });
    var chunks = {};
    function next(i) {
      if (i >= hits.length || shown >= 20) {
        status.textContent = (L.count || "{n}").replace("{n}", String(shown)) + (shown >= 20 && i < hits.length ? " +" : "");
        return Promise.resolve();
      }
      var set = hits[i].set, id = hits[i].id;
      var c = Math.floor(id / set.meta.chunk), key = set.base + c;
      var p = chunks[key] || (chunks[key] = get(set.base + "search/d/" + c + ".json"));
      return p.then(function (docs) {
        var d = docs[id % set.meta.chunk];
        if ((!kind || d.k === kind) && (!year || d.y === year)) {
          var li = el("li", null, "notice-item");
          var a = el("a", d.t, "notice-title");
          a.href = root + set.base + d.u;
          li.appendChild(a);
          var line = d.n + " · " + d.d + " · " + d.y;
          if (set.base) {
            li.className += " archived";
            line += " · " + archivedLabel;
          }
          li.appendChild(el("p", line, "notice-meta"));
          li.appendChild(snippet(d.s, words));
          list.appendChild(li);
          shown++;
        }
        return next(i + 1);
      });
    }
    return next(0);
  }
  var params = new URLSearchParams(location.search);
  var q = params.get("q") || "";
  form.q.value = q;
  if (form.kind) form.kind.value = params.get("kind") || "";
  if (form.year) form.year.value = params.get("year") || "";
  if (location.protocol === "file:") { status.textContent = L.file || ""; return; }
  run(q, params.get("kind") || "", params.get("year") || "");
})();
