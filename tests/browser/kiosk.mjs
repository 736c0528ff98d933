// The lobby screen (kiosk.html) as it hangs in the hall (issue 18, item 4), in headless Chromium:
// over one full cycle of slides, driven by Playwright's clock (no sleeps), every table row on a
// slide lies inside the slide area, above the footer; every data row of every table is shown
// exactly once (counted on a copy without script, which must show everything and scroll); the
// header row, the caption numbered （2/3） and the totals of a table (total rows or figures under
// it; every table but a fee schedule has some) are on every page of it; table text is at least 40 px at
// 1920×1080. At 1920×1080, 1366×768 and 1080×1920 (portrait), and after a resize from the first
// to the last; the fixture also with at most 3 rows a slide (rows_per_page). The bundled board
// must show a donation notice's income and its use.
// Usage: node tests/browser/kiosk.mjs PUBLIC_DIR [GONGKAI_BINARY FIXTURE_DIR]
// (the fixture, with a table of every kind, is built for 2026-11-28 in a copy). NODE_PATH must
// reach playwright-core; SHOTS=DIR keeps a screenshot of each slide. Exit 1 on any failure.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { launch } from "./lib.mjs";


const copies = [];
const sites = [{ name: "bundled", dir: path.resolve(process.argv[2] || "public"), words: ["捐款收入", "捐款使用"], plain: [] }];
if (process.argv[3] && process.argv[4]) {
  const [bin, fixture] = process.argv.slice(3, 5).map((p) => path.resolve(p));
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-kiosk-"));
  copies.push(copy);
  fs.cpSync(fixture, copy, { recursive: true });
  execFileSync(bin, ["build", "--now", "2026-11-28"], { cwd: copy, stdio: ["ignore", "pipe", "inherit"] });
  // The same page as a site with `kiosk: {rows_per_page: 3}` gets it: at most 3 rows a slide.
  const page = fs.readFileSync(path.join(copy, "public/kiosk.html"), "utf8");
  fs.writeFileSync(path.join(copy, "public/kiosk-max3.html"), page.replace("<body ", '<body data-max-rows="3" '));
  sites.push({ name: "every-kind", dir: path.join(copy, "public"),
    words: ["捐款收入", "捐款使用", "捐赠物资", "学生伙食", "教工伙食", "各年级代收费标准", "成交内容", "投票结果",
      "意见统计", "表决情况", "资助档次", "优秀教师", "优秀班主任", "测评结果", "收费项目及标准"],
    // Tables with no total of their own (a fee schedule lists standards, not sums).
    plain: ["收费项目及标准"], capped: "kiosk-max3.html" });
}
const screens = [[1920, 1080], [1366, 768], [1080, 1920]];
const shots = process.env.SHOTS ? path.resolve(process.env.SHOTS) : null;
if (shots) fs.mkdirSync(shots, { recursive: true });

// In the page: a table's key (its data-table, else its notice's title and caption without the
// page number) and each row's (its data-row, else its text).
const KEYS = `
  const pageMark = /[（(]\\s*\\d+\\s*\\/\\s*\\d+\\s*[）)]\\s*$/;
  function tableKey(t) {
    if (t.dataset.table) return t.dataset.table;
    const slide = t.closest(".slide");
    const title = slide && slide.querySelector("h2") ? slide.querySelector("h2").textContent.trim() : "";
    const caption = t.caption ? t.caption.textContent.trim().replace(pageMark, "") : "";
    return title + " / " + caption;
  }
  function rowKey(r) { return r.dataset.row !== undefined ? r.dataset.row : r.textContent.trim(); }
`;

/** What the page shows without script: every table's rows and totals, each reachable by scrolling. */
async function reference(browser, file, [width, height]) {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width, height } });
  const page = await context.newPage();
  await page.goto(file);
  const r = await page.evaluate((keys) => {
    const f = new Function(keys + "return { tableKey, rowKey };");
    const { tableKey, rowKey } = f();
    // A reader scrolls only what is not cut off by overflow: hidden (scripts could scroll it).
    const scrollable = (el) => {
      for (let a = el.parentElement; a; a = a.parentElement) {
        const y = getComputedStyle(a).overflowY;
        if ((y === "hidden" || y === "clip") && a.scrollHeight > a.clientHeight + 1) return false;
      }
      return true;
    };
    const tables = {};
    const hidden = [];
    for (const t of document.querySelectorAll(".slide table")) {
      const key = tableKey(t);
      const entry = tables[key] || (tables[key] = { rows: [], foot: 0, figures: 0, caption: t.caption ? t.caption.textContent : "" });
      for (const row of t.tBodies[0] ? t.tBodies[0].rows : []) {
        entry.rows.push(rowKey(row));
        row.scrollIntoView({ block: "center" });
        const b = row.getBoundingClientRect();
        const hit = document.elementFromPoint(b.left + Math.min(b.width / 2, 40), b.top + b.height / 2);
        if (b.height === 0 || b.top < 0 || b.bottom > innerHeight || !row.contains(hit) || !scrollable(row)) hidden.push(key + " #" + rowKey(row));
      }
      entry.foot = Math.max(entry.foot, t.tFoot ? t.tFoot.rows.length : 0);
      const next = t.nextElementSibling;
      entry.figures = Math.max(entry.figures, next && next.matches(".kiosk-figures") ? next.children.length : 0);
    }
    return { tables, hidden };
  }, KEYS);
  await context.close();
  return r;
}

/** The checks on the slide shown: its rows and totals inside the slide area, above the footer. */
function checkSlide({ keys, minFont }) {
  const f = new Function(keys + "return { tableKey, rowKey };");
  const { tableKey, rowKey } = f();
  const shown = document.querySelectorAll(".slide.active");
  const out = { problems: [], rows: [], tables: [], captions: [], font: null, index: -1 };
  if (shown.length !== 1) { out.problems.push(`${shown.length} slides shown at once`); return out; }
  const slide = shown[0];
  out.index = [...document.querySelectorAll(".slide")].indexOf(slide);
  const area = document.querySelector(".kiosk-slides").getBoundingClientRect();
  const header = document.querySelector(".kiosk-header").getBoundingClientRect();
  const footer = document.querySelector(".kiosk-footer").getBoundingClientRect();
  const top = Math.max(area.top, header.bottom), bottom = Math.min(area.bottom, footer.top);
  const inside = (el, what) => {
    const b = el.getBoundingClientRect();
    const hit = document.elementFromPoint(b.left + Math.min(b.width / 2, 40), b.top + b.height / 2);
    if (b.height === 0 || b.top < top - 0.5 || b.bottom > bottom + 0.5 || b.left < -0.5 || b.right > innerWidth + 0.5
      || !(el === hit || el.contains(hit))) {
      out.problems.push(`${what} “${el.textContent.trim().slice(0, 24)}” at ${Math.round(b.top)}–${Math.round(b.bottom)} px, ` +
        `the slide area is ${Math.round(top)}–${Math.round(bottom)} px`);
    }
  };
  // A notice's own slide: its title, facts, summary and QR code, all in view.
  for (const el of slide.querySelectorAll(":scope > h2, .kiosk-meta, .kiosk-period, .kiosk-summary, .kiosk-qr")) {
    inside(el, "text");
  }
  for (const t of slide.querySelectorAll("table")) {
    const key = tableKey(t);
    out.tables.push(key);
    out.captions.push(t.caption ? t.caption.textContent.trim() : "");
    if (t.caption) inside(t.caption, "caption");
    if (!t.tHead || !t.tHead.rows.length) out.problems.push(`${key}: no header row`);
    else inside(t.tHead.rows[0], "header row");
    for (const row of t.tBodies[0] ? t.tBodies[0].rows : []) {
      inside(row, "row");
      out.rows.push([key, rowKey(row)]);
    }
    const foot = t.tFoot ? [...t.tFoot.rows] : [];
    for (const row of foot) inside(row, "total");
    const next = t.nextElementSibling;
    const figures = next && next.matches(".kiosk-figures") ? [...next.children] : [];
    for (const fig of figures) inside(fig, "figure");
    out.tables[out.tables.length - 1] = { key, foot: foot.length, figures: figures.length,
      caption: t.caption ? t.caption.textContent.trim() : "" };
    const cell = t.querySelector("tbody td");
    if (cell) {
      const size = parseFloat(getComputedStyle(cell).fontSize);
      out.font = out.font === null ? size : Math.min(out.font, size);
      if (minFont && size < minFont) out.problems.push(`${key}: cells at ${size} px, under ${minFont} px`);
    }
  }
  return out;
}

/** One full cycle of the screen in `page`: each slide checked, then the clock run on. */
async function cycle(page, ref, site, label, minFont, maxRows) {
  const seconds = await page.evaluate(() => Number(document.body.dataset.seconds) || 15);
  const count = await page.evaluate(() => document.querySelectorAll(".slide").length);
  const numbering = await page.evaluate(() => document.body.dataset.pageLabel || "");
  const problems = [], seen = {}, perSlide = [], captions = [], pages = {};
  let fonts = [];
  for (let i = 0; i < count; i++) {
    const r = await page.evaluate(checkSlide, { keys: KEYS, minFont });
    if (r.index !== i) problems.push(`step ${i}: slide ${r.index} is shown`);
    for (const p of r.problems) problems.push(`slide ${i + 1}: ${p}`);
    for (const [key, row] of r.rows) (seen[key] || (seen[key] = [])).push(row);
    for (const t of r.tables) {
      (pages[t.key] || (pages[t.key] = [])).push(t.caption);
      const want = ref.tables[t.key];
      if (!want) { problems.push(`slide ${i + 1}: table ${t.key} is not on the page without script`); continue; }
      if (t.foot + t.figures === 0 && !site.plain.some((w) => want.caption.includes(w))) {
        problems.push(`slide ${i + 1}: ${t.key} shows no totals`);
      } else if (t.foot < want.foot || t.figures < want.figures) {
        problems.push(`slide ${i + 1}: ${t.key} shows ${t.foot} total row(s) and ${t.figures} figure(s) of ${want.foot} and ${want.figures}`);
      }
    }
    if (r.tables.length) perSlide.push(r.rows.length);
    if (r.rows.length > maxRows) problems.push(`slide ${i + 1}: ${r.rows.length} rows, over the cap of ${maxRows}`);
    captions.push(...r.captions);
    if (r.font !== null) fonts.push(r.font);
    if (shots) await page.screenshot({ path: path.join(shots, `${site.name}-${label}-${String(i + 1).padStart(2, "0")}.png`) });
    await page.clock.runFor(seconds * 1000);
  }
  // A cycle longer than data-refresh-minutes ends in a reload (never one before its end).
  const shown = () => page.evaluate(() => [...document.querySelectorAll(".slide")].findIndex((s) => s.classList.contains("active")));
  let back = await shown().catch(() => null);
  if (page.reloaded || back === null) {
    await page.waitForLoadState("load");
    back = await shown();
  }
  if (back !== 0) problems.push(`after ${count} slides the screen shows slide ${back + 1}, not the first`);
  for (const [key, want] of Object.entries(ref.tables)) {
    const got = (seen[key] || []).slice().sort();
    const expected = want.rows.slice().sort();
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      const missing = expected.filter((r) => !got.includes(r));
      const twice = got.filter((r, i) => got.indexOf(r) !== i);
      problems.push(`${key}: ${got.length} row(s) shown over the cycle of ${expected.length}` +
        `${missing.length ? `; never shown: ${missing.slice(0, 4).join(" | ")}` : ""}${twice.length ? `; twice: ${twice.slice(0, 4).join(" | ")}` : ""}`);
    }
  }
  // Each page of a table of several carries its number in the caption; a table of one, none.
  for (const [key, list] of Object.entries(pages)) {
    list.forEach((caption, i) => {
      const number = numbering.replace("{page}", i + 1).replace("{pages}", list.length);
      const base = ref.tables[key] ? ref.tables[key].caption.trim() : "";
      const want = list.length > 1 ? base + number.trim() : base;
      if (caption.replace(/\s+/g, "") !== want.replace(/\s+/g, "")) problems.push(`${key}: caption “${caption}”, not “${want}”`);
    });
  }
  for (const w of site.words) {
    if (!captions.some((c) => c.includes(w))) problems.push(`no table captioned “${w}” over the cycle`);
  }
  return { count, problems, perSlide, font: fonts.length ? Math.min(...fonts) : null, reloaded: page.reloaded };
}

const browser = await launch();
let failed = false;
const report = (ok, line, problems) => {
  console.log(`${ok ? "ok" : "FAIL"}: ${line}`);
  for (const p of problems.slice(0, 12)) console.log(`    ${p}`);
  if (problems.length > 12) console.log(`    … and ${problems.length - 12} more`);
  if (!ok) failed = true;
};
try {
  for (const site of sites) {
    const runs = screens.map((s) => ({ load: s, show: s, name: "kiosk.html", maxRows: Infinity }));
    runs.push({ load: screens[0], show: screens[2], name: "kiosk.html", maxRows: Infinity });
    if (site.capped) runs.push({ load: screens[0], show: screens[0], name: site.capped, maxRows: 3 });
    for (const { load, show, name, maxRows } of runs) {
      const file = pathToFileURL(path.join(site.dir, name)).href;
      const label = (load === show ? `${show[0]}x${show[1]}` : `${load[0]}x${load[1]}-to-${show[0]}x${show[1]}`) +
        (maxRows < Infinity ? `-max${maxRows}` : "");
      const ref = await reference(browser, file, show);
      const rows = Object.values(ref.tables).reduce((n, t) => n + t.rows.length, 0);
      report(ref.hidden.length === 0,
        `${site.name} without script at ${show[0]}×${show[1]}: ${Object.keys(ref.tables).length} tables, ${rows} rows, ` +
        `${rows - ref.hidden.length} reachable by scrolling`, ref.hidden.map((h) => `not reachable: ${h}`));
      const context = await browser.newContext({ viewport: { width: load[0], height: load[1] } });
      const page = await context.newPage();
      await page.clock.install({ time: new Date("2026-11-28T09:00:00+08:00") });
      await page.goto(file);
      page.on("framenavigated", (frame) => { if (frame === page.mainFrame()) page.reloaded = true; });
      if (load !== show) {
        // Wait for the resize event itself, then for the script's pause after it.
        await page.evaluate(() => { window.resized = new Promise((r) => addEventListener("resize", r, { once: true })); });
        await page.setViewportSize({ width: show[0], height: show[1] });
        await page.evaluate(() => window.resized);
        await page.clock.runFor(1000);
      }
      const minFont = show[0] === 1920 && show[1] === 1080 ? 40 : 0;
      const r = await cycle(page, ref, site, label, minFont, maxRows);
      report(r.problems.length === 0,
        `${site.name} at ${label.replace(/(\d)x(\d)/g, "$1×$2")}: ${r.count} slides, rows per table slide ${r.perSlide.join(",")}, ` +
        `table text ${r.font === null ? "–" : r.font.toFixed(1)} px${r.reloaded ? ", reloaded after the cycle" : ""}`, r.problems);
      await context.close();
    }
  }
  // A resize in the middle of a slide lays the screen out again: the slide then in view gets its
  // full time, not what was left of it.
  {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await page.clock.install({ time: new Date("2026-11-28T09:00:00+08:00") });
    await page.goto(pathToFileURL(path.join(path.resolve(sites[0].dir), "kiosk.html")).href);
    const seconds = await page.evaluate(() => Number(document.body.dataset.seconds) || 15);
    const shown = () => page.evaluate(() => [...document.querySelectorAll(".slide")].findIndex((s) => s.classList.contains("active")));
    await page.clock.runFor((seconds - 5) * 1000);
    await page.evaluate(() => { window.resized = new Promise((r) => addEventListener("resize", r, { once: true })); });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.evaluate(() => window.resized);
    await page.clock.runFor(200 + (seconds - 1) * 1000);
    const kept = await shown();
    await page.clock.runFor(1500);
    const after = await shown();
    report(kept === 0 && after === 1,
      `a resize ${seconds - 5} s into the first slide: it stays ${seconds} s more (slide ${kept + 1}, then ${after + 1})`, []);
    await context.close();
  }
} finally {
  await browser.close();
  for (const copy of copies) fs.rmSync(copy, { recursive: true, force: true });
}
if (failed) process.exit(1);
console.log(`lobby screen in Chromium: ${sites.length} board(s) at ${screens.length} sizes and after a resize, ` +
  "a full cycle each: no row clipped, every row once, totals on every page");
