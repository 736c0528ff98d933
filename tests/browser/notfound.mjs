// The 404 page in a real browser, where it is served from: the preview (`gongkai serve`, which
// answers under the base_url's path as the published host does), a published copy under the
// base path, and a copy put under another sub-path (found by the page's script). In each, a missing address deep in the site
// gets the styled 404 page whose home link leads to that copy's board.
// Usage: node tests/browser/notfound.mjs GONGKAI_BINARY FIXTURE_DIR  (NODE_PATH must reach
// playwright-core; the fixture's site.yaml has a base_url with a path). Exit 1 on any failure.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { launch } from "./lib.mjs";


const [bin, fixture] = process.argv.slice(2).map((p) => path.resolve(p));
const site = fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-404-"));
fs.cpSync(fixture, site, { recursive: true });
const base = fs.readFileSync(path.join(site, "site.yaml"), "utf8").match(/base_url:\s*(\S+)/)[1];
const basePath = new URL(base).pathname; // e.g. /xwgk/

// The published copy, built once.
const out = path.join(site, "public");
const built = spawnSync(bin, ["build", "--now", "2026-11-28"], { cwd: site, encoding: "utf8" });
if (built.status !== 0) throw new Error(`build failed:\n${built.stderr}`);

// A static server putting the built site under `prefix`, answering 404.html for what is missing,
// as a web server configured with `ErrorDocument 404` does.
function staticServer(prefix) {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = null;
    if (url.startsWith(prefix)) {
      let rel = url.slice(prefix.length);
      if (rel === "" || rel.endsWith("/")) rel += "index.html";
      const p = path.join(out, rel);
      if (p.startsWith(out) && fs.existsSync(p) && fs.statSync(p).isFile()) file = p;
    }
    const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript" };
    if (file) {
      res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
      res.end(req.method === "HEAD" ? undefined : fs.readFileSync(file));
    } else {
      res.writeHead(404, { "content-type": types[".html"] });
      res.end(req.method === "HEAD" ? undefined : fs.readFileSync(path.join(out, "404.html")));
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const serve = spawn(bin, ["serve", "--port", "0", "--now", "2026-11-28"], {
  cwd: site,
  stdio: ["ignore", "pipe", "inherit"],
});
const preview = await new Promise((resolve, reject) => {
  let seen = "";
  serve.stdout.on("data", (chunk) => {
    seen += chunk;
    const m = seen.match(/(http:\/\/[^/\s]+)\//);
    if (m) resolve(m[1]);
  });
  serve.on("exit", () => reject(new Error(`gongkai serve exited:\n${seen}`)));
});
const published = await staticServer(basePath);
const moved = await staticServer("/elsewhere/school/");
const origin = (s) => `http://127.0.0.1:${s.address().port}`;

const browser = await launch();
let failed = false;
try {
  // The preview answers under the base path as the published host does, so its 404 page links
  // from there too.
  for (const [where, root] of [
    ["the preview", `${preview}${basePath}`],
    ["the published site", `${origin(published)}${basePath}`],
    ["a copy under another sub-path", `${origin(moved)}/elsewhere/school/`],
  ]) {
    const page = await browser.newPage();
    const response = await page.goto(`${root}notices/no/such/notice.html`);
    const status = response.status();
    // Styled: the theme's stylesheet is loaded and applies (the header rule has a colour).
    await page.waitForFunction(
      () => [...document.styleSheets].some((s) => s.href && s.href.endsWith("/style.css") && s.cssRules.length > 0),
      null, { timeout: 10000 }
    ).catch(() => {});
    const sheet = await page.evaluate(() =>
      [...document.styleSheets].map((s) => s.href).find((h) => h && h.endsWith("/style.css")) || null);
    const styled = await page.evaluate(() =>
      [...document.styleSheets].some((s) => { try { return s.href && s.cssRules.length > 0; } catch { return false; } }));
    const home = await page.evaluate(() => {
      const a = [...document.querySelectorAll("main a")].pop();
      return a ? a.href : null;
    });
    // The home link leads to this copy's board.
    let board = false;
    if (home) {
      const r = await page.goto(home);
      board = r.status() === 200 && (await page.locator("h1.board-title").count()) === 1;
    }
    const ok = status === 404 && styled && sheet === `${root}style.css` && home === `${root}index.html` && board;
    console.log(`${ok ? "ok" : "FAIL"}: 404 from ${where}: status ${status}, stylesheet ${sheet}, home ${home}, board ${board}`);
    if (!ok) failed = true;
    await page.close();
  }
} finally {
  await browser.close();
  serve.kill();
  published.close();
  moved.close();
  fs.rmSync(site, { recursive: true, force: true });
}
if (failed) process.exit(1);
console.log("404 in Chromium: 3 checks passed");
