// Search for Chinese notices, without dependencies: tokenises the query as the builder does
// (CJK bigrams, lower-case ASCII words, document and index numbers as whole tokens), downloads
// only the index shards of those tokens, intersects, ranks title matches first, and fetches the
// document chunks of the 20 results it shows (more on request). Needs the site served over http(s).
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
  var OPEN = "〔[(（［【〖", CLOSE = "〕])）］】〗", HYPHEN = "-－", MAX_PARTS = 8;
  function isDigit(c) { return c !== undefined && c >= "0" && c <= "9"; }
  function isWord(c) { return c !== undefined && /^[0-9a-z]$/.test(c); }
  // Full-width letters and digits as ASCII, ASCII letters in lower case (as the builder reads).
  function normalise(text) {
    return Array.from(text).map(function (c) {
      var n = c.codePointAt(0);
      if ((n >= 0xff10 && n <= 0xff19) || (n >= 0xff21 && n <= 0xff3a) || (n >= 0xff41 && n <= 0xff5a)) c = String.fromCodePoint(n - 0xfee0);
      return /^[A-Z]$/.test(c) ? c.toLowerCase() : c;
    });
  }
  // Bigrams of CJK runs (a run of one gives the character) and ASCII words of chars[from, to).
  function plain(chars, from, to, out) {
    var cjk = [], word = "";
    function flush() {
      if (cjk.length === 1) out.push(cjk[0]);
      for (var i = 0; i + 1 < cjk.length; i++) out.push(cjk[i] + cjk[i + 1]);
      cjk = [];
    }
    for (var i = from; i < to; i++) {
      var c = chars[i];
      if (isCjk(c)) { if (word) { out.push(word); word = ""; } cjk.push(c); }
      else if (isWord(c)) { flush(); word += c; }
      else { flush(); if (word) { out.push(word); word = ""; } }
    }
    flush();
    if (word) out.push(word);
  }
  // The query's tokens: a document number (〔2024〕15号 in any bracket form → [2024]15号) and an
  // index number (qhex-2025-cw-0001) are one token each, in place of their parts.
  function tokens(text) {
    var chars = normalise(text), out = [], from = 0, i = 0;
    function digits(j) { while (isDigit(chars[j])) j++; return j; }
    function word(j) { while (isWord(chars[j])) j++; return j; }
    while (i < chars.length) {
      var c = chars[i];
      if (OPEN.indexOf(c) >= 0) {
        var y1 = digits(i + 1);
        if (y1 - i - 1 === 4 && chars[y1] !== undefined && CLOSE.indexOf(chars[y1]) >= 0) {
          var n1 = digits(y1 + 1);
          if (n1 > y1 + 1 && chars[n1] === "号") {
            plain(chars, from, i, out);
            var num = chars.slice(y1 + 1, n1).join("").replace(/^0+/, "") || "0";
            out.push("[" + chars.slice(i + 1, y1).join("") + "]" + num + "号");
            i = from = n1 + 1;
            continue;
          }
        }
        i++;
      } else if (isWord(c)) {
        var parts = [[i, word(i)]];
        for (;;) {
          var e = parts[parts.length - 1][1];
          if (chars[e] !== undefined && HYPHEN.indexOf(chars[e]) >= 0 && isWord(chars[e + 1])) parts.push([e + 1, word(e + 1)]);
          else break;
        }
        var end = parts[parts.length - 1][1];
        if (parts.length > 1) {
          plain(chars, from, i, out);
          var words = parts.map(function (p) { return chars.slice(p[0], p[1]).join(""); });
          var n = Math.min(words.length, MAX_PARTS);
          for (var k = 0; k + n <= words.length; k++) out.push(words.slice(k, k + n).join("-"));
          from = end;
        }
        i = end;
      } else {
        i++;
      }
    }
    plain(chars, from, chars.length, out);
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
  var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  // A posting list: ascending document numbers as deltas, or (a common token) a bitmap of six
  // documents per character.
  function ids(list) {
    var out = [], acc = 0;
    if (typeof list === "string") {
      for (var i = 0; i < list.length; i++) {
        var v = B64.indexOf(list[i]);
        for (var b = 0; b < 6; b++) if (v & (1 << b)) out.push(i * 6 + b);
      }
      return out;
    }
    list.forEach(function (d) { acc += d; out.push(acc); });
    return out;
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
  // ("archive/2025-2026/"), each with its own shards and documents. A hit whose title (or
  // document or index number) holds every token of the query ranks first.
  function searchIn(base, meta, toks, filters) {
    var keys = toks.concat(filters);
    var shards = keys.map(function (t) { return shardOf(t, meta.shards); });
    var unique = shards.filter(function (s, i, a) { return a.indexOf(s) === i; });
    return Promise.all(unique.map(function (s) { return get(base + "search/s/" + s + ".json"); })).then(function (maps) {
      function list(key, i) { return ids(maps[unique.indexOf(shards[i])][key] || []); }
      var lists = keys.map(function (t, i) { return list(t, i); });
      var titles = toks.map(function (t, i) {
        var set = {};
        list("^" + t, i).forEach(function (id) { set[id] = true; });
        return set;
      });
      lists.sort(function (a, b) { return a.length - b.length; });
      var sets = lists.slice(1).map(function (l) {
        var set = {};
        l.forEach(function (id) { set[id] = true; });
        return set;
      });
      var hits = lists[0].filter(function (id) { return sets.every(function (s) { return s[id]; }); });
      return { base: base, meta: meta, hits: hits, titles: titles };
    });
  }
  // Each search has its number: results of one overtaken by a newer one are dropped.
  var generation = 0;
  function run(q, kind, year) {
    var gen = ++generation;
    out.textContent = "";
    var toks = tokens(q).filter(function (t, i, a) { return a.indexOf(t) === i; });
    if (!toks.length) { status.textContent = ""; return; }
    var filters = [];
    if (kind) filters.push("k:" + kind);
    if (year) filters.push("y:" + year);
    status.textContent = L.searching || "…";
    get("search/meta.json").then(function (meta) {
      // The live board first, then each archived school year (newest first), marked as such.
      var bases = [""].concat((meta.archives || []).map(function (y) { return "archive/" + y + "/"; }));
      return Promise.all(bases.map(function (b, i) {
        var m = i === 0 ? Promise.resolve(meta) : get(b + "search/meta.json");
        return m.then(function (m) { return searchIn(b, m, toks, filters); }).catch(function () { return null; });
      })).then(function (found) {
        if (!found[0]) throw new Error("search");
        if (gen !== generation) return null;
        return show(found.filter(Boolean), q.split(/\s+/).filter(Boolean), meta.archived_label || "");
      });
    }).catch(function () { status.textContent = L.unavailable || ""; });
  }
  var PAGE = 20;
  // All hits ranked (title matches first, then the live board before the archives, then board
  // order), shown a page at a time: only the document chunks of the shown page are fetched.
  function show(sets, words, archivedLabel) {
    var hits = [];
    sets.forEach(function (set, s) {
      set.hits.forEach(function (id) {
        var inTitle = set.titles.every(function (t) { return t[id]; });
        hits.push({ set: set, id: id, rank: [inTitle ? 0 : 1, s, id] });
      });
    });
    hits.sort(function (a, b) {
      for (var i = 0; i < 3; i++) if (a.rank[i] !== b.rank[i]) return a.rank[i] - b.rank[i];
      return 0;
    });
    var list = el("ol", null, "notice-list search-list");
    out.appendChild(list);
    var more = el("button", (L.more || "{n}").replace("{n}", ""), "search-more");
    more.type = "button";
    more.hidden = true;
    out.appendChild(more);
    var chunks = {}, shown = 0;
    function chunk(h) {
      var c = Math.floor(h.id / h.set.meta.chunk), key = h.set.base + c;
      return chunks[key] || (chunks[key] = get(h.set.base + "search/d/" + c + ".json"));
    }
    function page() {
      var slice = hits.slice(shown, shown + PAGE);
      more.disabled = true;
      return Promise.all(slice.map(chunk)).then(function (docs) {
        var first = null;
        slice.forEach(function (h, i) {
          var d = docs[i][h.id % h.set.meta.chunk];
          var li = el("li", null, "notice-item");
          var a = el("a", d.t, "notice-title");
          a.href = root + h.set.base + d.u;
          li.appendChild(a);
          var kind = (h.set.meta.kinds || []).filter(function (k) { return k[0] === d.k; })[0];
          var line = (kind ? kind[1] : d.k) + " · " + d.d + " · " + d.y;
          if (h.set.base) {
            li.className += " archived";
            line += " · " + archivedLabel;
          }
          li.appendChild(el("p", line, "notice-meta"));
          li.appendChild(snippet(d.s, words));
          list.appendChild(li);
          if (!first) first = a;
        });
        if (shown > 0 && first && first.focus) first.focus();
        shown += slice.length;
        var left = hits.length - shown;
        more.hidden = left <= 0;
        more.disabled = false;
        more.textContent = (L.more || "{n}").replace("{n}", String(Math.min(left, PAGE)));
        status.textContent = (L.count || "{n}").replace("{n}", String(hits.length));
      });
    }
    more.onclick = function () {
      page().catch(function () { status.textContent = L.unavailable || ""; });
    };
    return page();
  }
  var params = new URLSearchParams(location.search);
  var q = params.get("q") || "";
  form.q.value = q;
  if (form.kind) form.kind.value = params.get("kind") || "";
  if (form.year) form.year.value = params.get("year") || "";
  if (location.protocol === "file:") { status.textContent = L.file || ""; return; }
  run(q, params.get("kind") || "", params.get("year") || "");
  // Search as you type: a pause of 300 ms in the typing runs the search and puts the query in
  // the address (so Back and a shared link keep it); Enter still submits the form.
  var timer = null;
  function typed() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var kind = form.kind ? form.kind.value : "", year = form.year ? form.year.value : "";
      var p = new URLSearchParams();
      p.set("q", form.q.value);
      if (kind) p.set("kind", kind);
      if (year) p.set("year", year);
      history.replaceState(null, "", "?" + p.toString());
      run(form.q.value, kind, year);
    }, 300);
  }
  form.q.addEventListener("input", typed);
  if (form.kind) form.kind.addEventListener("change", typed);
  if (form.year) form.year.addEventListener("change", typed);
})();
