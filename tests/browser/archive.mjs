// Archived years as a reader meets them, in headless Chromium: after a school year is archived,
// the live site's search finds its notices (marked 已归档, linking into the archive), the kind
// list leads to the archived year's list, and a withdrawn notice's old URL says so.
// Usage: node tests/browser/archive.mjs GONGKAI_BINARY FIXTURE_DIR [SCREENSHOT_DIR]
// (NODE_PATH must reach playwright-core). Exit 1 on any failure.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { launch, serve } from "./lib.mjs";


const [bin, fixture] = process.argv.slice(2, 4).map((p) => path.resolve(p));
const shots = process.argv[4] ? path.resolve(process.argv[4]) : null;
const site = fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-archive-"));
fs.cpSync(fixture, site, { recursive: true });
const run = (...args) => execFileSync(bin, args, { cwd: site, stdio: ["ignore", "pipe", "inherit"] });
run("archive", "2025-2026", "--now", "2026-09-01");
fs.mkdirSync(path.join(site, "content/2026-2027"), { recursive: true });
fs.writeFileSync(path.join(site, "content/2026-2027/new.md"),
  "---\ntitle: 新学年评选公示\nkind: selection\ndate: 2026-09-01\nslug: new-2026\naward: 甲\ncandidates: [{name: 张三, result: selected}]\n---\n");
fs.writeFileSync(path.join(site, "content/2026-2027/gone.md"),
  "---\ntitle: 将撤除的通知\nkind: notice\ndate: 2026-09-01\nslug: gone-2026\n---\n正文\n");
run("build", "--now", "2026-09-02");
fs.rmSync(path.join(site, "content/2026-2027/gone.md"));
run("build", "--now", "2026-09-02");

// The built site over http (search needs it), as a web server would serve it.
const root = path.join(site, "public");
const { server, base } = await serve(root);

const browser = await launch();
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${base}/search.html?q=${encodeURIComponent("评选公示")}`);
  await page.waitForSelector("#search-results li.archived", { timeout: 20000 });
  const items = await page.$$eval("#search-results li", (lis) => lis.map((li) => ({
    title: li.querySelector("a").textContent, href: li.querySelector("a").getAttribute("href"),
    meta: li.querySelector(".notice-meta").textContent, archived: li.classList.contains("archived"),
  })));
  const live = items.find((i) => i.title === "新学年评选公示");
  const old = items.find((i) => i.title === "星期五发布的评选公示");
  if (!live || live.archived) throw new Error(`live result missing: ${JSON.stringify(items)}`);
  if (!old || !old.archived || !old.meta.includes("已归档") || !old.href.endsWith("archive/2025-2026/notices/friday.html"))
    throw new Error(`archived result wrong: ${JSON.stringify(items)}`);
  if (shots) await page.screenshot({ path: path.join(shots, "search.png") });
  console.log("ok: search finds the archived notice, marked 已归档");
  await page.click(`a[href$="archive/2025-2026/notices/friday.html"]`);
  await page.waitForURL(/archive\/2025-2026\/notices\/friday\.html$/);
  console.log("ok: the archived result opens the archived page");

  await page.goto(`${base}/selection/index.html`);
  await page.click('a[href$="archive/2025-2026/selection/index.html"]');
  await page.waitForURL(/archive\/2025-2026\/selection\/index\.html$/);
  if (!(await page.textContent("body")).includes("星期五发布的评选公示")) throw new Error("archived list lacks the notice");
  console.log("ok: the kind list leads to the archived year's list");

  await page.goto(`${base}/notices/gone-2026.html`);
  const text = await page.textContent("body");
  if (!text.includes("本公示已撤除") || !text.includes("将撤除的通知")) throw new Error(`withdrawn page: ${text}`);
  if (shots) await page.screenshot({ path: path.join(shots, "withdrawn.png") });
  console.log("ok: a withdrawn notice's URL says it was withdrawn");
} catch (e) {
  console.log(`FAILED: ${e.message}`);
  failed = true;
} finally {
  await browser.close();
  server.close();
  fs.rmSync(site, { recursive: true, force: true });
}
if (failed) process.exit(1);
console.log("archived years in Chromium: 4 checks passed");
