// The console in a real Chromium: run by app's ConsoleBrowserIT against the packaged service and its development chain.
// Environment: VERISCORE_URL, CLIENT_KEY, AUDITOR_KEY, CAMERA_Y4M (the fake camera's video), E2E_OUT, CHROMIUM, and for
// the verification kit: JAVA, AUDITOR_JAR, EZKL_PYTHON; uploads: PHOTO, RECORDING; E2E_SCAN_SECONDS (default 15), how
// long the live scan is measured.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { chromium } from "playwright-core";

const url = process.env.VERISCORE_URL;
const out = process.env.E2E_OUT ?? "target/console-e2e";
const shots = `${out}/screenshots`;
const figures = {};
const violations = []; // Content-Security-Policy violations Chromium reported, in every page
const started = performance.now();
let browser;

before(async () => {
  mkdirSync(shots, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM,
    args: ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
      `--use-file-for-fake-video-capture=${process.env.CAMERA_Y4M}`],
  });
});

after(async () => {
  await browser?.close();
  figures.browserTestSeconds = Math.round((performance.now() - started) / 100) / 10;
  writeFileSync(`${out}/figures.json`, JSON.stringify(figures, null, 2));
  console.log("FIGURES", JSON.stringify(figures));
});

async function page(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  await context.grantPermissions(["camera"], { origin: url });
  const opened = await context.newPage();
  opened.on("pageerror", (error) => console.log("page error:", error.message));
  opened.on("console", (message) => {
    if (message.type() === "error" && message.text().includes("Content Security Policy")) {
      violations.push(message.text());
    }
  });
  return opened;
}

async function signIn(p, key) {
  await p.goto(url);
  await p.getByLabel("API key").fill(key);
  await p.getByRole("button", { name: "Sign in" }).click();
  await p.locator("[data-field=who]").waitFor();
}

const shot = (p, name) => p.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
const field = (p, name) => p.locator(`[data-field="${name}"]`);
const checkOf = (p, name) => p.locator(`[data-check="${name}"]`);

test("a wrong key is refused, a client key signs in with the keyboard alone, and the banners are shown", async () => {
  const p = await page();
  await p.goto(url);
  await shot(p, "01-sign-in");
  await p.getByLabel("API key").fill("vsk_wrong");
  await p.keyboard.press("Enter");
  await p.getByRole("alert").waitFor();
  assert.match(await p.getByRole("alert").innerText(), /credential|key/i);
  await p.getByLabel("API key").focus();
  await p.keyboard.type(process.env.CLIENT_KEY);
  await p.keyboard.press("Enter");
  await field(p, "who").waitFor();
  assert.equal(await field(p, "who").innerText(), "test-client (client)");
  assert.match(await p.locator("[data-banner=srs]").innerText(), /INSECURE: this SRS was generated locally for development/);
  assert.match(await p.locator("[data-banner=chain]").innerText(), /^Development chain/);
  await p.keyboard.press("Tab"); // from the page's main region to its first control
  assert.equal(await p.evaluate(() => document.activeElement?.textContent), "Start camera", "Tab reaches the scan's controls");
  await p.context().close();
});

test("a live scan streams frames, draws the face and the readings, then proves, verifies and records a frame on-chain", async () => {
  const p = await page();
  await signIn(p, process.env.CLIENT_KEY);
  await p.getByRole("button", { name: "Start camera" }).click();
  await p.locator("canvas.overlay[data-face=yes]").waitFor({ timeout: 60_000 });
  await field(p, "stress").waitFor();
  await p.waitForTimeout(3_000); // past the first frames, which warm the service's models up
  const before = Number(await field(p, "frames").innerText());
  const from = performance.now();
  // Over the measured window (at least one loop of the camera's video), the head pose as the page shows it: the video's
  // last face turns its head (s1-left, then mirrored), from the image's left (yaw below -20) to its right.
  const yaws = [];
  for (const until = from + Number(process.env.E2E_SCAN_SECONDS ?? 15) * 1000; performance.now() < until;) {
    const yaw = await p.locator("main").getAttribute("data-yaw");
    if (yaw) yaws.push(Number(yaw));
    await p.waitForTimeout(100);
  }
  const frames = Number(await field(p, "frames").innerText()) - before;
  const latencies = JSON.parse(await p.locator("main").getAttribute("data-latency-ms")).slice(-frames);
  latencies.sort((a, b) => a - b);
  figures.scan = {
    framesPerSecond: Math.round((frames / ((performance.now() - from) / 1000)) * 10) / 10,
    latencyP50Ms: Math.round(latencies[Math.floor(latencies.length * 0.5)]),
    latencyP99Ms: Math.round(latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)]),
    frames,
  };
  console.log("scan", figures.scan);
  assert.ok(frames > 0, "frames were answered");
  const runs = yaws.map((y) => (y < -20 ? "N" : y > 20 ? "P" : "Z")).filter((run, i, all) => i === 0 || run !== all[i - 1]).join("");
  figures.yawRuns = runs;
  assert.ok(runs.includes("NP"), `a turn to the right reads from negative to positive yaw: ${runs} (${yaws.join(",")})`);
  assert.ok(!runs.includes("PN"), `never the other way: ${runs}`);
  assert.match(await field(p, "stress").innerText(), /^\d+\.\d$/);
  assert.match(await field(p, "emotion").innerText(), /^\w+ \d+ %$/);
  assert.equal(await p.locator(".charts figure .uplot").count(), 5, "each live chart drawn by uPlot, with its axes");
  assert.match(await p.locator(".charts figure").first().getAttribute("aria-label"), /^Stress EMA: \d+(\.\d)? score 0-100$/);
  assert.ok(await p.locator(".charts figure").first().getByText("score 0-100").count() > 0, "the unit on the value axis");
  await shot(p, "02-live-scan");

  const proveClicked = performance.now();
  await p.getByRole("button", { name: "Prove this frame" }).click();
  await p.waitForURL(/#\/results\//);
  const seen = [];
  await p.exposeFunction("statusSeen", (status) => seen.push(status));
  await p.evaluate(() => {
    const target = document.querySelector("[data-field=proof-status]");
    const report = () => window.statusSeen(target?.getAttribute("data-status"));
    report();
    new MutationObserver(report).observe(target, { attributes: true });
  });
  await p.locator("[data-field=proof-status][data-status=proven]").waitFor({ timeout: 180_000 });
  figures.proveToProvenSeconds = Math.round((performance.now() - proveClicked) / 100) / 10;
  assert.ok(seen.includes("proven"), `pushed statuses: ${seen}`);
  await checkOf(p, "sigmoid").waitFor();
  assert.equal(await checkOf(p, "sigmoid").getAttribute("data-ok"), "true");
  assert.equal(await checkOf(p, "statement-matches").getAttribute("data-ok"), "true");
  assert.match(await field(p, "srs").innerText(), /DEVELOPMENT/);
  for (const section of ["score-meaning", "proof-meaning", "onchain-meaning"]) {
    await p.locator(`[data-explains=${section}] summary`).click();
  }
  assert.match(await p.locator("[data-explains=score-meaning]").innerText(), /synthetic data/, "the model card's caveat");
  assert.match(await p.locator("[data-explains=proof-meaning]").innerText(), /Not proven: that the features came from your face/);
  assert.match(await p.locator("[data-explains=onchain-meaning]").innerText(), /cannot be changed/);
  await p.getByRole("button", { name: "Verify with EZKL" }).click();
  await checkOf(p, "ezkl-verify").waitFor({ timeout: 60_000 });
  assert.equal(await checkOf(p, "ezkl-verify").getAttribute("data-ok"), "true");
  const kit = mkdtempSync(`${out}/kit-`);
  mkdirSync(`${kit}/circuit`);
  for (const name of ["proof-answer.json", "settings.json", "vk.key", "kzg.srs"]) {
    const download = p.waitForEvent("download");
    await p.getByRole("button", { name }).click();
    await (await download).saveAs(name === "proof-answer.json" ? `${kit}/${name}` : `${kit}/circuit/${name}`);
  }
  const command = (await field(p, "kit-command").innerText()).trim().split(/\s+/);
  assert.deepEqual(command.slice(0, 2), ["./veriscore", "verify"]);
  const kitRun = spawnSync(process.env.JAVA, ["-cp", process.env.AUDITOR_JAR, "io.veriscore.auditor.Verify",
    ...command.slice(2), "--python", process.env.EZKL_PYTHON], { cwd: kit, encoding: "utf8" });
  console.log(kitRun.stdout, kitRun.stderr);
  assert.equal(kitRun.status, 0, "the kit verifies what the console downloaded, as the console says to run it");
  assert.match(kitRun.stdout, /PASS commitment/);
  await shot(p, "03-proven");

  await p.getByRole("button", { name: "Record on-chain" }).click();
  await checkOf(p, "chain-commitment").waitFor({ timeout: 180_000 });
  figures.proveToRecordedSeconds = Math.round((performance.now() - proveClicked) / 100) / 10;
  for (const name of ["chain-commitment", "chain-block-match", "chain-label"]) {
    assert.equal(await checkOf(p, name).getAttribute("data-ok"), "true", name);
  }
  assert.match(await field(p, "tx").innerText(), /^0x[0-9a-f]{64}$/);
  assert.ok(Number(await field(p, "gas").innerText()) > 0);
  await p.locator("[data-field=kit-command]", { hasText: "--rpc-url" }).waitFor();
  const complete = (await field(p, "kit-command").innerText()).trim().split(/\s+/);
  const onchainRun = spawnSync(process.env.JAVA, ["-cp", process.env.AUDITOR_JAR, "io.veriscore.auditor.Verify",
    ...complete.slice(2), "--python", process.env.EZKL_PYTHON], { cwd: kit, encoding: "utf8" });
  console.log(onchainRun.stdout, onchainRun.stderr);
  assert.equal(onchainRun.status, 0, "the complete command the console shows once recorded passes, the chain included");
  assert.match(onchainRun.stdout, /PASS onchain/);
  figures.resultId = await field(p, "result-id").innerText();
  await shot(p, "04-recorded-on-chain");

  await p.goto(`${url}/#/audit`);
  await field(p, "denied").waitFor();
  await shot(p, "05-client-cannot-audit");
  await p.context().close();
});

test("the live scan shows gaze and focus, fuses a wearable recording, and finishes a proven session", async () => {
  const p = await page();
  await signIn(p, process.env.CLIENT_KEY);
  await p.getByRole("button", { name: "Start camera" }).click();
  await field(p, "pose").waitFor({ timeout: 60_000 });
  await p.locator("[data-field=focus]", { hasText: "face" }).waitFor();
  assert.match(await field(p, "focus").innerText(), /^\d+ \(face \d+, eyes \d+\)$/);
  assert.match(await field(p, "gaze").innerText(), /% of an eye's width$/);
  await p.getByLabel("Attach a wearable recording to this session").setInputFiles(process.env.RECORDING);
  await field(p, "fused").waitFor({ timeout: 60_000 });
  assert.match(await field(p, "fused").innerText(), /^\d+\.\d$/);
  assert.equal(await p.locator("[data-modality]").count() + await p.locator("[data-abstained]").count(), 3,
    "each modality's contribution, or why it abstained");
  await shot(p, "15-focus-and-fusion");

  await p.getByRole("button", { name: "Finish and prove this session" }).click();
  await p.waitForURL(/#\/sessions\//);
  figures.sessionId = new URL(p.url()).hash.split("/")[2];
  await p.locator("[data-field=proof-status][data-status=proven]").waitFor({ timeout: 240_000 });
  for (const name of ["mean-stress", "sigmoid"]) {
    assert.equal(await checkOf(p, name).getAttribute("data-ok"), "true", name);
  }
  await p.getByRole("button", { name: "Verify with EZKL" }).click();
  await checkOf(p, "ezkl-verify").waitFor({ timeout: 60_000 });
  assert.equal(await checkOf(p, "ezkl-verify").getAttribute("data-ok"), "true");
  assert.ok(Number(await field(p, "frames").innerText()) > 0);
  await shot(p, "16-session-summary");
  await p.context().close();
});

test("the auditor verifies the tree head and a result's inclusion in the browser; a tampered head is flagged", async () => {
  const p = await page();
  await signIn(p, process.env.AUDITOR_KEY);
  await checkOf(p, "tree-head").waitFor();
  assert.equal(await checkOf(p, "tree-head").getAttribute("data-ok"), "true");
  await p.getByLabel("Result id").fill(figures.resultId);
  await p.getByRole("button", { name: "Check inclusion" }).click();
  await checkOf(p, "inclusion").first().waitFor();
  const inclusions = await checkOf(p, "inclusion").evaluateAll((all) => all.map((e) => e.getAttribute("data-ok")));
  assert.ok(inclusions.length >= 3, `result, proof and on-chain records: ${inclusions}`);
  assert.deepEqual([...new Set(inclusions)], ["true"]);
  assert.equal(await checkOf(p, "anchor").getAttribute("data-ok"), "true", await checkOf(p, "anchor").textContent());
  const anchored = await checkOf(p, "anchored").evaluateAll((all) => all.map((e) => e.getAttribute("data-ok")));
  assert.ok(anchored.length >= 1 && anchored.every((ok) => ok === "true"), `records anchored on-chain: ${anchored}`);
  await p.getByRole("button", { name: "Re-check the log" }).click();
  await checkOf(p, "recheck").waitFor({ timeout: 120_000 });
  assert.equal(await checkOf(p, "recheck").getAttribute("data-ok"), "true");
  const exported = p.waitForEvent("download");
  await p.getByRole("button", { name: "Export the log" }).click();
  const lines = readFileSync(await (await exported).path(), "utf8").trim().split("\n").map((line) => JSON.parse(line));
  assert.ok(lines.length >= 4, `the export holds the entries and tree heads: ${lines.length} lines`);
  await shot(p, "06-audit");

  await p.route(/\/v1\/audit\/tree-head$/, async (route) => {
    const response = await route.fetch();
    const head = await response.json();
    head.rootHash = head.rootHash.replace(/^./, (c) => (c === "0" ? "1" : "0"));
    await route.fulfill({ response, json: head });
  });
  await p.reload();
  await checkOf(p, "tree-head").waitFor();
  assert.equal(await checkOf(p, "tree-head").getAttribute("data-ok"), "false");
  assert.match(await checkOf(p, "tree-head").innerText(), /does not verify/);
  await shot(p, "07-tampered-tree-head");
  await p.context().close();
});

test("a photo and a wearable recording are uploaded and scored; the results are listed", async () => {
  const p = await page();
  await signIn(p, process.env.CLIENT_KEY);
  await p.getByLabel(/^Photo/).setInputFiles(process.env.PHOTO);
  await p.getByRole("button", { name: "Score photo" }).click();
  await p.waitForURL(/#\/results\//);
  assert.match(await field(p, "model").innerText(), /^stress-mlp /);
  assert.match(await field(p, "score").innerText(), /^\d+\.\d$/);
  assert.match(await field(p, "feature-left_eye_aspect").innerText(), /^\d\.\d{4}$/, "the features computed from the photo");
  assert.ok(await field(p, "warnings").isVisible(), "its quality warnings, or that there are none");
  await p.locator("[data-field=proof-status][data-status=none]").waitFor();
  let cut = 0; // the status stream opened by Prove is cut once: the page opens it again
  await p.route(/\/events$/, async (route) => { cut++; await route.abort("connectionreset"); await p.unroute(/\/events$/); });
  await p.getByRole("button", { name: "Prove", exact: true }).click(); // a result stored without a proof, proven later
  await p.locator("[data-field=proof-status][data-status=proven]").waitFor({ timeout: 120_000 });
  await checkOf(p, "statement-matches").waitFor();
  assert.equal(await checkOf(p, "statement-matches").getAttribute("data-ok"), "true");
  assert.equal(cut, 1, "the cut stream was the one Prove opened");
  await shot(p, "10-photo-result-proven-later");
  await p.goto(`${url}/#/scan`);
  await p.getByLabel(/^Wearable recording/).setInputFiles(process.env.RECORDING);
  await p.getByRole("button", { name: "Score recording" }).click();
  await p.getByText(/^3 one-minute windows scored/).waitFor({ timeout: 60_000 });
  assert.equal(await p.locator("[data-window]").count(), 3, "each window with its label and probability");
  await p.locator("[data-window] a").first().click();
  await p.locator("[data-field=proof-status][data-status=unprovable]").waitFor();
  assert.match(await field(p, "proof-status").innerText(), /^biosignal cannot be proven/);
  assert.equal(await p.getByRole("button", { name: "Record on-chain" }).count(), 0, "nothing to record without a proof");
  await p.goto(`${url}/#/results`);
  await p.locator("table.results tbody tr").nth(4).waitFor();
  const models = await p.locator("table.results tbody tr td:nth-child(2)").allInnerTexts();
  assert.deepEqual(models.slice(0, 4), ["biosignal", "biosignal", "biosignal", "stress-mlp"], "newest first");
  await shot(p, "11-results");
  await p.context().close();
});

test("the results history filters, pages through thousands of results, charts them and exports them", async () => {
  // 2,048 results seeded through the API, in batches of 256
  const input = (i) => ({ left_eye_aspect: 0.15 + (i % 30) / 100, right_eye_aspect: 0.2, brow_tension: 0.03, mouth_tension: 6,
    eye_symmetry: 0.1, mouth_opening: 0.1, time_of_day: (i % 100) / 100 });
  for (let batch = 0; batch < 8; batch++) {
    const seeded = await fetch(`${url}/v1/inferences`, { method: "POST", headers: { Authorization: `Bearer ${process.env.CLIENT_KEY}`,
      "Content-Type": "application/json" }, body: JSON.stringify({ model: "stress-mlp", inputs: Array.from({ length: 256 }, (_, i) => input(batch * 256 + i)) }) });
    assert.equal(seeded.status, 201);
  }
  const p = await page();
  await signIn(p, process.env.CLIENT_KEY);
  await p.goto(`${url}/#/results`);
  await p.locator("table.results tbody tr").nth(49).waitFor();
  figures.resultsPageMs = Number(await p.locator("main").getAttribute("data-page-ms"));
  await p.locator(".history canvas").first().waitFor();
  assert.match(await field(p, "results-chart").innerText(), /^The latest 500 results that match: .* \d+ of them proven \(\d+%\)$/);
  await field(p, "sessions-chart").locator("canvas").first().waitFor(); // the live scan's session, among others
  assert.match(await field(p, "sessions-chart").locator("figcaption").innerText(), /^Your latest \d+ face sessions: stress and focus/);
  await p.getByLabel("Model").selectOption("stress-mlp");
  await p.getByLabel("Label").fill("stressed");
  await p.getByRole("button", { name: "Show" }).click();
  await p.locator("[data-field=results-status]", { hasText: "Page 1" }).waitFor();
  const labels = await p.locator("table.results tbody tr td:nth-child(4)").allInnerTexts();
  assert.equal(labels.length, 50);
  assert.ok(labels.every((label) => label === "stressed"), "filtered by label");
  const first = await p.locator("table.results tbody tr td a").first().innerText();
  await p.getByRole("button", { name: "Older" }).click();
  await p.locator("[data-field=results-status]", { hasText: "Page 2" }).waitFor();
  assert.notEqual(await p.locator("table.results tbody tr td a").first().innerText(), first);
  await p.getByRole("button", { name: "Newer" }).click();
  await p.locator("[data-field=results-status]", { hasText: "Page 1" }).waitFor();
  assert.equal(await p.locator("table.results tbody tr td a").first().innerText(), first, "back to the same first page");
  await shot(p, "22-results-history");
  const saved = {};
  for (const format of ["csv", "json"]) {
    const download = p.waitForEvent("download");
    await p.getByRole("button", { name: `Export ${format.toUpperCase()}` }).click();
    saved[format] = `${out}/results.${format}`;
    await (await download).saveAs(saved[format]);
  }
  const rows = readFileSync(saved.csv, "utf8").trim().split("\n");
  assert.equal(rows[0], "id,createdAt,model,modelVersion,score,label,proof,onchain,inputSha256");
  const exported = JSON.parse(readFileSync(saved.json, "utf8"));
  assert.equal(exported.length, rows.length - 1, "the same results in both formats");
  assert.ok(exported.length > 50, `${exported.length} stressed stress-mlp results exported: more than the page shows`);
  assert.ok(exported.every((r) => r.label === "stressed" && r.model.id === "stress-mlp"));
  await p.getByLabel("Label").fill(""); // the frame recorded on-chain in the live scan's test, whatever its label
  await p.getByLabel("On-chain").selectOption("mined");
  await p.getByRole("button", { name: "Show" }).click();
  await p.locator("[data-field=results-status]:not(:has-text('Loading'))").waitFor();
  const onchain = await p.locator("table.results tbody tr td:nth-child(6)").allInnerTexts();
  assert.ok(onchain.length > 0 && onchain.every((state) => state === "mined"), `mined results only: ${onchain}`);
  figures.exportedResults = exported.length;
  await p.context().close();
});

test("the console fits a phone's width", async () => {
  const p = await page({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  await signIn(p, process.env.CLIENT_KEY);
  await p.getByRole("button", { name: "Start camera" }).waitFor();
  const fits = () => p.evaluate(() => document.documentElement.scrollWidth <= 375);
  assert.ok(await fits(), "no sideways scrolling");
  await shot(p, "08-phone-scan");
  await p.goto(`${url}/#/results/${figures.resultId}`);
  await checkOf(p, "chain-commitment").waitFor({ timeout: 30_000 });
  assert.ok(await fits(), "no sideways scrolling");
  assert.ok(await p.getByRole("button", { name: "Record on-chain" }).isDisabled(), "recorded once: not offered again");
  await shot(p, "09-phone-result");
  await p.context().close();
});

test("the console follows the system's dark mode, has a favicon, readable health and no black box for a camera that is off", async () => {
  const favicon = await fetch(`${url}/favicon.svg`);
  assert.equal(favicon.status, 200);
  assert.match(favicon.headers.get("content-type") ?? "", /svg/);
  for (const scheme of ["light", "dark"]) {
    const p = await page({ colorScheme: scheme });
    await signIn(p, process.env.CLIENT_KEY);
    await p.locator("[data-field=health][data-status]").waitFor();
    assert.match(await field(p, "health").innerText(), /^Service: database, .*: all working$/);
    assert.ok(await p.locator(".stage .off").isVisible(), "the camera's place says it is off");
    const background = await p.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const [r, g, b] = background.match(/\d+/g).map(Number);
    assert.ok(scheme === "dark" ? r + g + b < 150 : r + g + b > 600, `${scheme}: background ${background}`);
    await shot(p, `17-${scheme}-scan`);
    await p.goto(`${url}/#/results/${figures.resultId}`);
    await checkOf(p, "chain-commitment").waitFor({ timeout: 30_000 });
    await shot(p, `18-${scheme}-result`);
    await p.goto(`${url}/#/results`);
    await p.locator("table.results tbody tr").first().waitFor();
    await shot(p, `19-${scheme}-results`);
    await p.goto(`${url}/#/sessions/${figures.sessionId}`);
    await p.locator("[data-field=proof-status][data-status=proven]").waitFor({ timeout: 60_000 });
    await shot(p, `20-${scheme}-session-summary`);
    await p.context().close();
    const auditor = await page({ colorScheme: scheme });
    await signIn(auditor, process.env.AUDITOR_KEY);
    await auditor.goto(`${url}/#/audit`);
    await auditor.locator("h1").waitFor();
    await shot(auditor, `21-${scheme}-audit`);
    await auditor.context().close();
  }
});

test("the console runs under a strict Content-Security-Policy: nothing it does is refused, an injected inline script is", async () => {
  const p = await page();
  const answer = await p.goto(url);
  const policy = answer.headers()["content-security-policy"];
  assert.match(policy, /script-src 'self'/);
  assert.doesNotMatch(policy, /unsafe-inline/);
  assert.equal(answer.headers()["x-content-type-options"], "nosniff");
  assert.deepEqual(violations, [], "no violation in the tests before: the console needs nothing the policy refuses");
  await p.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<img src="/favicon-none" onerror="window.injected = 1">'));
  await p.waitForTimeout(500);
  assert.equal(await p.evaluate(() => window.injected), undefined, "an inline event handler does not run");
  assert.ok(violations.some((v) => v.includes("inline event handler") || v.includes("script-src")), violations.join("\n"));
  await p.context().close();
});
