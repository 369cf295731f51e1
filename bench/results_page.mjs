// The console's results page in headless Chromium against the seeded service: the time to show 50 rows (the page's own
// measure, request to rows in the table) on opening it and under the label filter; the median of 10 loads each.
// Arguments: the service's URL and a client key. Run by bench/results with console/'s playwright-core.
const { chromium } = await import(new URL("../console/node_modules/playwright-core/index.mjs", import.meta.url).href);

const [url, key] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium" });
const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
await page.goto(url);
await page.getByLabel("API key").fill(key);
await page.getByRole("button", { name: "Sign in" }).click();
await page.locator("[data-field=who]").waitFor();
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
const shown = async () => { await page.locator("[data-field=results-status]", { hasText: "Page 1: 50 results" }).waitFor(); return Number(await page.locator("main").getAttribute("data-page-ms")); };
const opened = [], filtered = [];
for (let i = 0; i < 12; i++) {
  await page.goto(`${url}/#/scan`);
  await page.goto(`${url}/#/results`);
  opened.push(await shown());
  await page.getByLabel("Label").fill("stressed");
  await page.getByRole("button", { name: "Show" }).click();
  filtered.push(await shown());
}
console.log(`the console's results page, 50 rows shown (request to rows in the table, Chromium): opened ${median(opened.slice(2))} ms,`
  + ` label=stressed ${median(filtered.slice(2))} ms (median of 10 after 2 warm-ups)`);
await browser.close();
