// Accessibility check (WCAG 2.1 A and AA rules of axe-core) of a built board in headless
// Chromium: the board, a list page and one notice of each kind (found from the kind lists), plus
// the search page, the disclosure guide and the catalogue; each at a desktop's 1280 px and a
// phone's 390 px. Usage: node tests/browser/axe.mjs PUBLIC_DIR  (NODE_PATH must reach
// playwright-core and axe-core). Exit 1 on any violation.
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { launch } from "./lib.mjs";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const dir = path.resolve(process.argv[2] || "public");
const pages = ["index.html", "finance/index.html", "search.html", "years/index.html", "kiosk.html",
  "guide.html", "catalogue/index.html", "catalogue/2025-2026.html",
  // The bundled notices that show the newer structures: a standing fee board with priced parts,
  // 收费性质 groups and several official channels; student aid by tier without names; canteen
  // accounts by category with shares; a consultation with a procurement; a vote of two motions.
  "notices/fee-board-2026.html", "notices/national-grant-2026-autumn.html",
  "notices/canteen-accounts-2026-10.html", "notices/uniform-2026.html", "notices/staff-congress-2026-11.html"];
// One notice page of each kind, live or archived.
const found = {};
function walk(d) {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (p.includes(`${path.sep}notices${path.sep}`) && p.endsWith(".html")) {
      const m = fs.readFileSync(p, "utf8").match(/<article class="notice kind-(\w+)"/);
      if (m && !found[m[1]]) found[m[1]] = path.relative(dir, p);
    }
  }
}
// Live pages first (the current theme), then archived ones.
walk(path.join(dir, "notices"));
if (fs.existsSync(path.join(dir, "archive"))) walk(path.join(dir, "archive"));
for (const kind of ["finance", "evaluation", "selection", "notice"]) {
  if (!found[kind]) { console.log(`no ${kind} notice found`); process.exit(1); }
  pages.push(found[kind]);
}

const browser = await launch();
let violations = 0;
const widths = [1280, 390];
try {
  for (const width of widths) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  for (const rel of pages) {
    // An archived year stays byte for byte as published, with the theme of its day (made
    // before tables became cards on phones): it is checked at the desktop width only.
    if (width < 1280 && rel.startsWith("archive/")) continue;
    const page = await context.newPage();
    await page.goto(pathToFileURL(path.join(dir, rel)).href);
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(() =>
      globalThis.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
    for (const v of result.violations) {
      violations += v.nodes.length;
      console.log(`${rel} at ${width} px: ${v.id} (${v.impact}): ${v.help}`);
      for (const n of v.nodes.slice(0, 3)) console.log(`    ${n.target.join(" ")}: ${n.failureSummary.split("\n").join(" ")}`);
    }
    console.log(`${rel} at ${width} px: ${result.violations.length} rule(s) violated, ${result.passes.length} passed`);
    await page.close();
  }
  await context.close();
  }
} finally {
  await browser.close();
}
console.log(`axe-core: ${pages.length} pages at ${widths.join(" and ")} px, ${violations} violation(s)`);
process.exit(violations ? 1 : 0);
