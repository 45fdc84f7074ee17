// Lighthouse scores of several pages in one Chromium (Debian's, at CHROME_PATH). Reads the pages as
// JSON on stdin, [{"url": "...", "skipAudits": ["..."]}, ...], and writes the results as JSON on stdout:
// {"<url>": {"scores": {"performance": 0.98, ...}, "failed": [["<category>", "<audit id>", "<title>", score,
// "<value>"], ...], "runtimeError": null}}. PERFORMANCE_BAR: the performance score below which a page is run again.
// Usage: TOOLS=tests/.tools node lighthouse.mjs < pages.json (TOOLS: where `make test` installs Lighthouse).
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const tools = createRequire(`${process.env.TOOLS}/package.json`);
const load = (name) => import(pathToFileURL(tools.resolve(name)).href);
const chromeLauncher = await load("chrome-launcher");
const lighthouse = (await load("lighthouse")).default;

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
});
const categories = ["performance", "accessibility", "best-practices", "seo"];
let input = "";
for await (const chunk of process.stdin) input += chunk;
const pages = JSON.parse(input);
const results = {};
try {
  for (const { url, skipAudits = [] } of pages) {
    // No screenshots (the full page's, the filmstrip's, the last frame's): no score reads them, and
    // encoding them is a good part of each run's time on a loaded machine.
    const flags = {
      port: chrome.port,
      onlyCategories: categories,
      skipAudits: [...skipAudits, "screenshot-thumbnails", "final-screenshot"],
      disableFullPageScreenshot: true,
      output: "json",
      logLevel: "error",
    };
    let { lhr } = await lighthouse(url, flags);
    // A trace that missed the navigation (NO_NAVSTART, NO_FCP) says nothing of the page: run once more.
    if (lhr.runtimeError) ({ lhr } = await lighthouse(url, flags));
    // Performance is timed on a shared machine, where another process can lengthen one run's tasks:
    // below the bar, the page is measured twice more and the median of the three runs counts.
    if (lhr.categories.performance.score < Number(process.env.PERFORMANCE_BAR || 0.95)) {
      const runs = [lhr, (await lighthouse(url, flags)).lhr, (await lighthouse(url, flags)).lhr];
      runs.sort((a, b) => a.categories.performance.score - b.categories.performance.score);
      lhr = runs[1];
    }
    const failed = [];
    for (const category of categories) {
      for (const ref of lhr.categories[category].auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) failed.push([category, ref.id, audit.title, audit.score, audit.displayValue || ""]);
      }
    }
    results[url] = {
      scores: Object.fromEntries(categories.map((category) => [category, lhr.categories[category].score])),
      failed,
      runtimeError: lhr.runtimeError ? lhr.runtimeError.message : null,
    };
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(results));
