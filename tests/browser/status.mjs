// The notice-period status as a reader's browser shows it, in headless Chromium with the clock
// set: a period that ends at 17:00 says so on its last day and is closed from 17:00 on; a plain
// period stays open all of its last day. The page is opened from disk (file://), as a clerk
// previews a built folder.
// Usage: node tests/browser/status.mjs GONGKAI_BINARY (NODE_PATH must reach playwright-core).
// Exit 1 on any failure.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { launch } from "./lib.mjs";


const bin = path.resolve(process.argv[2]);
const site = fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-status-"));
fs.mkdirSync(path.join(site, "content"));
fs.writeFileSync(path.join(site, "site.yaml"), "title: 校务公开\nschool: 测试学校\n");
const notice = (slug, end) => `---\ntitle: ${slug}公示\nkind: notice\ndate: 2025-11-10\nslug: ${slug}\nperiod: {start: 2025-11-10, end: ${end}}\n---\n正文\n`;
fs.writeFileSync(path.join(site, "content/evening.md"), notice("evening", "2025-11-14 17:00"));
fs.writeFileSync(path.join(site, "content/day.md"), notice("day", "2025-11-14"));
// Built days before: the static text says 剩余…; the script must correct it.
execFileSync(bin, ["build", "--now", "2025-11-11"], { cwd: site, stdio: ["ignore", "pipe", "inherit"] });

const browser = await launch();
let failed = false;
const expect = (what, got, want) => {
  const ok = got === want;
  if (!ok) failed = true;
  console.log(`${ok ? "ok  " : "FAIL"} ${what}: ${JSON.stringify(got)}${ok ? "" : ` (want ${JSON.stringify(want)})`}`);
};
try {
  // 16:59 and 17:00 in Shanghai on 2025-11-14.
  for (const [utc, evening, day] of [
    ["2025-11-14T08:59:00Z", "公示中 · 今日17:00截止", "公示中 · 剩余1个工作日"],
    ["2025-11-14T09:00:00Z", "公示期满", "公示中 · 剩余1个工作日"],
    ["2025-11-14T16:30:00Z", "公示期满", "公示期满"],
  ]) {
    const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    await page.clock.setFixedTime(new Date(utc));
    for (const [slug, want] of [["evening", evening], ["day", day]]) {
      await page.goto("file://" + path.join(site, "public/notices", `${slug}.html`));
      await page.waitForFunction(() => document.querySelector(".as-of")?.hidden === true, null, { timeout: 10000 });
      expect(`${slug} at ${utc}`, (await page.textContent("span.status")).trim(), want);
    }
    await context.close();
  }
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  await browser.close();
  fs.rmSync(site, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
