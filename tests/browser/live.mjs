// Live reload in a real browser: `gongkai serve` on a copy of a fixture site, a notice open in
// headless Chromium, then, as a clerk would: save an edit and see the new text appear by
// itself; save a broken notice and see the error overlay; fix it and see the overlay go; change
// the stylesheet and see the new style without a reload.
// Usage: node tests/browser/live.mjs GONGKAI_BINARY FIXTURE_DIR  (NODE_PATH must reach
// playwright-core). Exit 1 on any failure.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { launch } from "./lib.mjs";


const [bin, fixture] = process.argv.slice(2).map((p) => path.resolve(p));
const site = fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-live-"));
fs.cpSync(fixture, site, { recursive: true });

const server = spawn(bin, ["serve", "--port", "0", "--now", "2026-11-28", "--poll", "100"], {
  cwd: site,
  stdio: ["ignore", "pipe", "inherit"],
});
const address = await new Promise((resolve, reject) => {
  let seen = "";
  server.stdout.on("data", (chunk) => {
    seen += chunk;
    const m = seen.match(/(http:\/\/[^/\s]+)\//);
    if (m) resolve(m[1]);
  });
  server.on("exit", () => reject(new Error(`gongkai serve exited:\n${seen}`)));
});

const browser = await launch();
let failed = false;
try {
  const page = await browser.newPage();
  const consoleErrors = [];
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  // The live-reload connection is open once the server answered it.
  const connected = page.waitForResponse((r) => r.url().includes("/__gongkai/events"));
  await page.goto(`${address}/notices/excellent-teachers.html`);
  await connected;

  const notice = path.join(site, "content/2026-2027/selection/excellent-teachers.md");
  const text = fs.readFileSync(notice, "utf8");
  const step = async (what, fn) => {
    const started = Date.now();
    await fn();
    console.log(`ok: ${what} (${Date.now() - started} ms)`);
  };
  await step("an edit appears in the open tab by itself", async () => {
    fs.writeFileSync(notice, text.replace("经评审", "经学校评审小组（浏览器测试）评审"));
    await page.waitForFunction(() => document.body.innerText.includes("浏览器测试"), null, { timeout: 20000 });
    if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT });
  });
  await step("a broken save shows the error overlay", async () => {
    fs.writeFileSync(path.join(site, "content/broken.md"), "---\ntitle: 坏\nkind: nonsense\ndate: 2026-01-05\n---\n");
    await page.waitForSelector("#gongkai-errors", { timeout: 20000 });
    const overlay = await page.textContent("#gongkai-errors");
    // The site is Chinese (zh-CN): the clerk reads the overlay in Chinese.
    for (const want of ["网站未能重建", "content/broken.md:3:1", "未知的公示类别 `nonsense`", "提示:"]) {
      if (!overlay.includes(want)) throw new Error(`overlay without ${want}:\n${overlay}`);
    }
  });
  await step("fixing it removes the overlay", async () => {
    fs.rmSync(path.join(site, "content/broken.md"));
    await page.waitForSelector("#gongkai-errors", { state: "detached", timeout: 20000 });
    if (!(await page.textContent("body")).includes("浏览器测试")) throw new Error("the page lost the edit");
  });
  await step("a stylesheet change is applied without a reload", async () => {
    await page.evaluate(() => { window.__notReloaded = true; });
    fs.mkdirSync(path.join(site, "static"), { recursive: true });
    fs.writeFileSync(path.join(site, "static/style.css"), "body { background: rgb(1, 2, 3); }\n");
    await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor === "rgb(1, 2, 3)", null, { timeout: 20000 });
    if (!(await page.evaluate(() => window.__notReloaded === true))) throw new Error("the page was reloaded");
  });
  const csp = consoleErrors.filter((e) => e.includes("Content Security Policy"));
  if (csp.length) throw new Error(`blocked by the preview's CSP:\n${csp.join("\n")}`);
} catch (e) {
  console.log(`FAILED: ${e.message}`);
  failed = true;
} finally {
  await browser.close();
  server.kill();
  fs.rmSync(site, { recursive: true, force: true });
}
if (failed) process.exit(1);
console.log("live reload in Chromium: 4 checks passed");
