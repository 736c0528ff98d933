// Bytes one search query transfers (before compression): runs the built site's own search.js
// under Node with a minimal DOM, `fetch` reading the output folder and counting what it reads,
// for the first page of results. Usage:
//   node benches/search_transfer.mjs OUTPUT_DIR [QUERY…]
// (default queries: 收费 优秀教师 食堂采购 课后服务费 〔2025〕12号 家长会).
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";

const [outDir, ...given] = process.argv.slice(2);
const queries = given.length ? given : ["收费", "优秀教师", "食堂采购", "课后服务费", "〔2025〕12号", "家长会"];
const script = fs.readFileSync(path.join(outDir, "search.js"), "utf8");

function runQuery(q) {
  return new Promise((resolve) => {
    const files = [];
    let bytes = 0;
    const made = [];
    const node = (tag) => ({ tag, children: [], className: "", textContent: "", href: "", style: {},
      appendChild(c) { this.children.push(c); if (c.tag) made.push(c); return c; },
      setAttribute() {}, addEventListener() {}, focus() {} });
    const out = node("div"), status = node("p");
    const form = { q: { value: "", addEventListener() {} }, kind: { value: "", addEventListener() {} },
      year: { value: "", addEventListener() {} },
      getAttribute: (a) => (a === "data-root" ? "" : "{}") };
    const ctx = {
      document: { getElementById: (id) => ({ "search-form": form, "search-results": out, "search-status": status })[id],
        createElement: (tag) => node(tag), createTextNode: (t) => ({ textContent: t }) },
      location: { search: "?q=" + encodeURIComponent(q), protocol: "http:" },
      URLSearchParams, TextEncoder, Promise, JSON, Math, Array, String, Object, console, setTimeout,
      fetch: (p) => {
        const f = path.join(outDir, p);
        if (!fs.existsSync(f)) return Promise.resolve({ ok: false });
        const text = fs.readFileSync(f, "utf8");
        files.push(p);
        bytes += Buffer.byteLength(text);
        return Promise.resolve({ ok: true, json: () => Promise.resolve(JSON.parse(text)) });
      },
    };
    ctx.globalThis = ctx;
    vm.runInNewContext(script, ctx);
    const started = Date.now();
    const poll = setInterval(() => {
      if (!/^\d+( \+)?$/.test(status.textContent) && Date.now() - started < 20000) return;
      clearInterval(poll);
      const shown = made.filter((n) => n.tag === "li").length;
      resolve({ q, status: status.textContent, shown, files: files.length,
        shards: files.filter((f) => f.includes("/s/")).length, chunks: files.filter((f) => f.includes("/d/")).length, bytes });
    }, 5);
  });
}

for (const q of queries) {
  const r = await runQuery(q);
  console.log(`${r.q}\t${(r.bytes / 1024).toFixed(1)} KB\t${r.files} files (${r.shards} shards, ${r.chunks} chunks)\t${r.status} results, ${r.shown} shown`);
}
