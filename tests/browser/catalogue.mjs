// The catalogue (公开目录) and the disclosure guide (公开指南) as a reader uses them, in headless
// Chromium on a built board: the catalogue filters by keyword, kind, department and "open only"
// and sorts by date and index number without a server (from the headers, and on a phone from
// the sort menu); an archived year's page leads into the
// archive; at 390 px neither page scrolls sideways and every cell is on screen.
// Usage: node tests/browser/catalogue.mjs BUILT_SITE_DIR  (NODE_PATH must reach playwright-core).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { launch } from "./lib.mjs";

const dir = path.resolve(process.argv[2] || "public");
const url = (rel) => pathToFileURL(path.join(dir, rel)).href;
let failed = 0;
function check(ok, what) {
  console.log(`${ok ? "ok" : "FAIL"}: ${what}`);
  if (!ok) failed++;
}

const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(url("catalogue/index.html"));
  const visible = () => page.evaluate(() =>
    [...document.querySelectorAll(".catalogue-table tbody tr")].filter((tr) => !tr.hidden).map((tr) => ({
      text: tr.textContent, kind: tr.dataset.kind, dept: tr.dataset.department, date: tr.dataset.date,
      index: tr.cells[0].textContent.trim(), open: tr.querySelector(".status-open") !== null,
    })));
  const count = () => page.locator(".catalogue-count").textContent();
  const all = await visible();
  check(all.length > 10 && await page.locator(".catalogue-filter").isVisible(),
    `the filter shows over ${all.length} rows: “${await count()}”`);

  // A keyword: the rows that contain it, and the count says so.
  await page.fill(".catalogue-filter input[name=q]", "食堂");
  let rows = await visible();
  const want = all.filter((r) => r.text.includes("食堂")).length;
  check(rows.length === want && want > 0 && rows.every((r) => r.text.includes("食堂")) &&
    (await count()).includes(`${want} / ${all.length}`), `keyword 食堂: ${rows.length} row(s), “${await count()}”`);
  await page.fill(".catalogue-filter input[name=q]", "");

  // A kind (学生资助 is a kind to parents), then a department.
  await page.selectOption(".catalogue-filter select[name=kind]", "学生资助");
  rows = await visible();
  check(rows.length > 0 && rows.length === all.filter((r) => r.kind === "学生资助").length &&
    rows.every((r) => r.kind === "学生资助"), `kind 学生资助: ${rows.length} row(s)`);
  await page.selectOption(".catalogue-filter select[name=kind]", "");
  await page.selectOption(".catalogue-filter select[name=department]", "总务处");
  rows = await visible();
  check(rows.length > 0 && rows.every((r) => r.dept === "总务处"), `department 总务处: ${rows.length} row(s)`);
  await page.selectOption(".catalogue-filter select[name=department]", "");

  // Open for objections only.
  await page.check(".catalogue-filter input[name=open]");
  rows = await visible();
  check(rows.length > 0 && rows.length === all.filter((r) => r.open).length && rows.every((r) => r.open),
    `open only: ${rows.length} row(s)`);
  await page.uncheck(".catalogue-filter input[name=open]");
  check((await visible()).length === all.length, "clearing the filters shows every row again");

  // Sorting: by date (newest first as built; a click turns it), then by index number.
  const dates = (rs) => rs.map((r) => r.date);
  const sorted = (xs, cmp) => xs.every((x, i) => i === 0 || cmp(xs[i - 1], x) <= 0);
  check(sorted(dates(all).reverse(), (a, b) => a.localeCompare(b)), "built newest first");
  await page.click("th[data-sort=date] button");
  rows = await visible();
  check(sorted(dates(rows), (a, b) => a.localeCompare(b)) &&
    await page.getAttribute("th[data-sort=date]", "aria-sort") === "ascending", "sorted by date, oldest first");
  await page.click("th[data-sort=index] button");
  rows = await visible();
  const collator = new Intl.Collator("zh-CN", { numeric: true });
  check(sorted(rows.map((r) => r.index), collator.compare), `sorted by index number: ${rows[0].index} first`);
  if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}/catalogue-1280.png`, fullPage: true });

  // An archived year: its rows say so and lead into the archive, to pages that exist.
  const years = await page.$$eval(".other-years a", (as) => as.map((a) => a.getAttribute("href")));
  const archivedYear = years.find((h) => h !== "../catalogue/index.html");
  check(Boolean(archivedYear), `the year navigation lists ${years.length} years`);
  await page.goto(url(path.join("catalogue", archivedYear)));
  const links = await page.$$eval(".catalogue-table tbody tr", (trs) => trs.map((tr) => ({
    href: tr.querySelector("a").getAttribute("href"), mark: tr.cells[5].textContent.trim() })));
  const archived = links.filter((l) => l.href.includes("archive/"));
  check(archived.length > 0 && archived.every((l) => l.mark === "已归档" &&
    fs.existsSync(path.join(dir, "catalogue", decodeURIComponent(l.href)))),
    `${archivedYear}: ${archived.length} archived notices, each marked and its page there`);

  // A phone: nothing off screen, sideways or not.
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  for (const rel of ["catalogue/index.html", "guide.html"]) {
    await phone.goto(url(rel));
    const r = await phone.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const outside = [...document.querySelectorAll("main td, main th, main p, main dd, main li, main select, main input")]
        .filter((c) => c.getBoundingClientRect().width > 0)
        .filter((c) => c.getBoundingClientRect().right > width + 1 || c.getBoundingClientRect().left < -1)
        .map((c) => c.textContent.trim().slice(0, 20));
      return { width, scroll: document.documentElement.scrollWidth, outside };
    });
    check(r.outside.length === 0 && r.scroll <= r.width,
      `${rel} at 390 px: page ${r.scroll}/${r.width} px, ${r.outside.length} element(s) off screen ${r.outside.slice(0, 3).join(" | ")}`);
    if (process.env.SHOTS) await phone.screenshot({ path: `${process.env.SHOTS}/${rel.replace("/", "-")}-390.png` });
  }
  // On a phone the column headers are hidden: the sort menu sorts.
  await phone.goto(url("catalogue/index.html"));
  await phone.selectOption(".catalogue-filter select[name=sort]", "date-ascending");
  const phoneDates = await phone.$$eval(".catalogue-table tbody tr", (trs) => trs.map((tr) => tr.dataset.date));
  check(await phone.isVisible(".catalogue-filter select[name=sort]") &&
    sorted(phoneDates, (a, b) => a.localeCompare(b)) && phoneDates[0] < phoneDates[phoneDates.length - 1],
    `at 390 px the sort menu sorts oldest first: ${phoneDates[0]} … ${phoneDates[phoneDates.length - 1]}`);
} finally {
  await browser.close();
}
if (failed) process.exit(1);
console.log("catalogue and guide in Chromium: every check passed");
