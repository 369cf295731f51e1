// @ts-check
// Scores one input with a proof, waits until it is proven and checks what the proof states, through a client typed
// from the service's OpenAPI document (the console's build type-checks this file against it).
// Run: V=http://127.0.0.1:8080 CLIENT_KEY=vsk_... node score.mjs
import createClient from "openapi-fetch";

/** @type {import("openapi-fetch").Client<import("../src/generated/openapi").paths>} */
const api = createClient({ baseUrl: process.env.V, headers: { Authorization: `Bearer ${process.env.CLIENT_KEY}` } });

const asked = await api.POST("/v1/inferences", { body: { model: "stress-mlp", prove: true, input: {
  left_eye_aspect: 0.18, right_eye_aspect: 0.19, brow_tension: 0.025, mouth_tension: 8.0,
  eye_symmetry: 0.12, mouth_opening: 0.05, time_of_day: 0.67 } } });
if (!asked.data) throw new Error(`not scored: ${asked.error?.detail}`);
const result = "results" in asked.data ? asked.data.results[0] : asked.data;

let proof;
do {
  await new Promise((resolve) => setTimeout(resolve, 500));
  ({ data: proof } = await api.GET("/v1/inferences/{id}/proof", { params: { path: { id: result.id } } }));
} while (proof?.status === "queued" || proof?.status === "proving");
if (proof?.status !== "proven" || !proof.statement) throw new Error(`not proven: ${proof?.reason}`);
if (proof.statement.label !== result.label) throw new Error("the proof states another label");
console.log(`${result.id}: ${result.label} ${result.score100}, proven (logit ${proof.statement.logit})`);
