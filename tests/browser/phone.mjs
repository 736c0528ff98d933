// A parent on a 390 px phone (issue 18, item 3): every figure a reader came for is on screen
// without scrolling sideways — a ledger's totals and closing balance, a candidate's votes and
// result, a fee's standard and basis, an appraisal's rates. Each table's cells must lie within
// the viewport's width, and the page must not scroll sideways. At 1280 px no table scrolls; without
// script a phone's tables scroll, and show that they do.
// Usage: node tests/browser/phone.mjs BUILT_SITE_DIR  (NODE_PATH must reach playwright-core).
import path from "node:path";
import { launch } from "./lib.mjs";

const dir = path.resolve(process.argv[2] || "public");
const pages = [
  ["notices/summer-repairs-2026.html", "本期结余"],
  ["notices/canteen-accounts-2026-10.html", "期末结余"],
  ["notices/excellent-teachers-2026.html", "拟当选"],
  ["notices/fee-board-2026.html", "收费依据"],
  ["notices/uniform-2026.html", "占比"],
  ["notices/staff-congress-2026-11.html", "同意"],
];
const browser = await launch();
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  for (const [rel, word] of pages) {
    await page.goto(`file://${path.join(dir, rel)}`);
    const r = await page.evaluate((word) => {
      const width = document.documentElement.clientWidth;
      const outside = [...document.querySelectorAll(".data-table td, .data-table th")]
        .filter((c) => c.offsetParent !== null && c.getBoundingClientRect().width > 0)
        .filter((c) => c.getBoundingClientRect().right > width + 1 || c.getBoundingClientRect().left < -1)
        .map((c) => c.textContent.trim().slice(0, 20));
      const seen = [...document.querySelectorAll(".data-table")].some((t) => t.innerText.includes(word));
      return { width, scroll: document.documentElement.scrollWidth, outside, seen };
    }, word);
    const ok = r.outside.length === 0 && r.scroll <= r.width && r.seen;
    console.log(`${ok ? "ok" : "FAIL"}: ${rel} at 390 px: ${r.outside.length} cell(s) off screen` +
      `${r.outside.length ? " (" + r.outside.slice(0, 4).join(" | ") + ")" : ""}, page ${r.scroll}/${r.width} px, “${word}” ${r.seen ? "shown" : "missing"}`);
    if (!ok) failed = true;
    if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}/${path.basename(rel, ".html")}-390.png`, fullPage: true });
  }
  // A desktop at 1280 px: every table fits its place, nothing scrolls sideways.
  const desktop = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  for (const [rel] of pages) {
    await desktop.goto(`file://${path.join(dir, rel)}`);
    const r = await desktop.evaluate(() => ({
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      scrolling: [...document.querySelectorAll(".data")].filter((d) => d.scrollWidth > d.clientWidth + 1).length,
    }));
    const ok = r.page <= 0 && r.scrolling === 0;
    console.log(`${ok ? "ok" : "FAIL"}: ${rel} at 1280 px: ${r.scrolling} table(s) scroll, page overflows by ${Math.max(r.page, 0)} px`);
    if (!ok) failed = true;
    if (process.env.SHOTS) await desktop.screenshot({ path: `${process.env.SHOTS}/${path.basename(rel, ".html")}-1280.png`, fullPage: true });
  }
  // Without script on a phone the tables stay tables and scroll sideways: the scroller says so
  // (shadows at the edge with more to see) and can be scrolled from the keyboard.
  const noScript = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await plain.goto(`file://${path.join(dir, pages[0][0])}`);
  const r = await plain.evaluate(() => [...document.querySelectorAll(".data")].map((d) => ({
    scrolls: d.scrollWidth > d.clientWidth + 1,
    shadow: getComputedStyle(d).backgroundImage.includes("gradient"),
    focusable: d.tabIndex === 0,
  })));
  const scrolling = r.filter((d) => d.scrolls);
  const ok = scrolling.length > 0 && scrolling.every((d) => d.shadow && d.focusable);
  console.log(`${ok ? "ok" : "FAIL"}: ${pages[0][0]} at 390 px without script: ${scrolling.length} table(s) scroll, ` +
    `${scrolling.filter((d) => d.shadow).length} show it, ${scrolling.filter((d) => d.focusable).length} take the keyboard`);
  if (!ok) failed = true;
  if (process.env.SHOTS) await plain.screenshot({ path: `${process.env.SHOTS}/noscript-390.png`, fullPage: true });
} finally {
  await browser.close();
}
if (failed) process.exit(1);
console.log(`phone layout in Chromium: ${pages.length} pages at 390 px (and 1280 px), every figure on screen; without script, scrolling tables show that they scroll`);
