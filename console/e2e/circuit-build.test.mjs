// A service started afresh, with an empty circuit store, builds its circuits in the background: a model's circuit in
// seconds, then its batch circuit in about a minute. A batch asked to be proven at once waits for the batch circuit,
// and its results' pages say so. Run by ConsoleBrowserIT against a second packaged service (no chain), stopped after
// this test, its build unfinished. Environment as for console.test.mjs.
import assert from "node:assert/strict";
import { test } from "node:test";
import { chromium } from "playwright-core";

const url = process.env.VERISCORE_URL;
const out = process.env.E2E_OUT ?? "target/console-e2e";

test("a proof waiting for its circuit says that the circuit is being built", async () => {
  const input = (time) => ({ left_eye_aspect: 0.18, right_eye_aspect: 0.19, brow_tension: 0.025, mouth_tension: 8.0,
    eye_symmetry: 0.12, mouth_opening: 0.05, time_of_day: time });
  const asked = await fetch(`${url}/v1/inferences`, { method: "POST",
    headers: { Authorization: `Bearer ${process.env.CLIENT_KEY}`, "Content-Type": "application/json" },
    body: JSON.stringify({ model: "stress-mlp", prove: true, inputs: [input(0.67), input(0.2)] }) });
  assert.equal(asked.status, 202, await asked.clone().text());
  const { id } = (await asked.json()).results[0];
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM });
  try {
    const p = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await p.goto(url);
    await p.getByLabel("API key").fill(process.env.CLIENT_KEY);
    await p.getByRole("button", { name: "Sign in" }).click();
    await p.locator("[data-field=who]").waitFor();
    await p.goto(`${url}/#/results/${id}`);
    const status = p.locator("[data-field=proof-status]");
    await p.locator("[data-field=proof-status][data-circuit=building]").waitFor({ timeout: 30_000 });
    // the batch circuit, or (in the first seconds) the model's own circuit, built before it
    assert.match(await status.innerText(), /^Proof: (queued|proving)\. The (batch )?circuit of stress-mlp is being built \(once per model: about/);
    assert.match(await status.getAttribute("data-status"), /^(queued|proving)$/);
    const building = await fetch(`${url}/v1/models/stress-mlp/circuit?profile=batch`);
    assert.equal(building.status, 503, "the service says the same: the batch circuit is not ready yet");
    await p.screenshot({ path: `${out}/screenshots/23-circuit-being-built.png`, fullPage: true });
  } finally {
    await browser.close();
  }
});
