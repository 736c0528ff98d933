// Search as a reader meets it, in headless Chromium: a document number typed into the search page
// (any bracket form, without the issuing body) finds the notice citing it first, and a query with
// more than 20 results shows them 20 at a time with a "show more" button that keeps the page still.
// Usage: node tests/browser/search.mjs GONGKAI_BINARY FIXTURE_DIR [SCREENSHOT_DIR]
// (NODE_PATH must reach playwright-core). Exit 1 on any failure.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { launch, serve } from "./lib.mjs";


const [bin, fixture] = process.argv.slice(2, 4).map((p) => path.resolve(p));
const shots = process.argv[4] ? path.resolve(process.argv[4]) : null;
const site = fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-search-"));
fs.cpSync(fixture, site, { recursive: true });
const dir = path.join(site, "content/2026-2027/many");
fs.mkdirSync(dir, { recursive: true });
for (let i = 1; i <= 45; i++) {
  const day = String((i % 28) + 1).padStart(2, "0");
  fs.writeFileSync(path.join(dir, `n${i}.md`),
    `---\ntitle: 第${i}号班级活动安排\nkind: notice\ndate: 2026-10-${day}\nslug: many-${i}\n---\n` +
    `本周安排课外活动，涉及2024年度15项内容，见3号楼。\n`);
}
fs.writeFileSync(path.join(dir, "price.md"),
  "---\ntitle: 课后服务收费调整通知\nkind: notice\ndate: 2026-09-05\nslug: price\n---\n根据青发改价格〔2024〕15号文件，调整课后服务收费。\n");
execFileSync(bin, ["build", "--now", "2026-11-28"], { cwd: site, stdio: ["ignore", "pipe", "inherit"] });

const root = path.join(site, "public");
const { server, base } = await serve(root);

const browser = await launch();
let failed = false, checks = 0;
const titles = (page) => page.$$eval("#search-results li a.notice-title", (as) => as.map((a) => a.textContent));
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  for (const q of ["〔2024〕15号", "[2024]15号"]) {
    await page.goto(`${base}/search.html`);
    await page.fill("#search-q", q);
    await Promise.all([page.waitForURL(/search\.html\?q=/), page.press("#search-q", "Enter")]);
    await page.waitForSelector("#search-results li", { timeout: 20000 });
    const found = await titles(page);
    if (found[0] !== "课后服务收费调整通知" || found.length !== 1) throw new Error(`${q}: ${JSON.stringify(found)}`);
    console.log(`ok: ${q} finds the notice citing 青发改价格〔2024〕15号 first`);
    checks++;
  }

  await page.goto(`${base}/search.html?q=${encodeURIComponent("班级活动")}`);
  await page.waitForSelector("#search-results li", { timeout: 20000 });
  let found = await titles(page);
  const status = await page.textContent("#search-status");
  if (found.length !== 20 || !status.includes("45")) throw new Error(`first page: ${found.length} shown, status ${status}`);
  const more = page.getByRole("button", { name: /再显示|more/i });
  const label = await more.textContent();
  if (!/\S/.test(label)) throw new Error("the show-more button has no text");
  const before = await page.$eval("#search-results li", (li) => li.getBoundingClientRect().top + window.scrollY);
  await more.click();
  await page.waitForFunction(() => document.querySelectorAll("#search-results li").length === 40);
  const after = await page.$eval("#search-results li", (li) => li.getBoundingClientRect().top + window.scrollY);
  if (before !== after) throw new Error(`the results moved: ${before} → ${after}`);
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.textContent);
  found = await titles(page);
  if (focused !== found[20]) throw new Error(`focus is on ${focused}, not the first new result ${found[20]}`);
  await more.click();
  await page.waitForFunction(() => document.querySelectorAll("#search-results li").length === 45);
  if (await more.isVisible()) throw new Error("show more is still offered after the last result");
  found = await titles(page);
  if (new Set(found).size !== 45) throw new Error(`duplicates: ${JSON.stringify(found)}`);
  if (shots) await page.screenshot({ path: path.join(shots, "search-more.png"), fullPage: true });
  console.log("ok: 45 results shown 20 at a time, focus on the first new one, the list stays put");
  checks++;

  // Search as you type: results follow the typing without a submit (debounced), the address
  // follows the query, and the page has one search box.
  await page.goto(`${base}/search.html`);
  const boxes = await page.$$eval("input[type=search]", (l) => l.filter((i) => i.offsetParent !== null).length);
  if (boxes !== 1) throw new Error(`${boxes} search boxes on the search page`);
  await page.type("#search-q", "〔2024〕15号", { delay: 30 });
  await page.waitForFunction(() => {
    const a = document.querySelector("#search-results li a.notice-title");
    return a && a.textContent === "课后服务收费调整通知";
  }, null, { timeout: 20000 });
  if (!decodeURIComponent(page.url()).includes("q=〔2024〕15号")) throw new Error(`the address is ${page.url()}`);
  console.log("ok: results follow the typing, the address follows the query, one search box");
  checks++;
} catch (e) {
  console.log(`FAILED: ${e.message}`);
  failed = true;
} finally {
  await browser.close();
  server.close();
  fs.rmSync(site, { recursive: true, force: true });
}
if (failed) process.exit(1);
console.log(`search in Chromium: ${checks} checks passed`);
