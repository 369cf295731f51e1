// A finished face session: its signed summary, and its proven frames checked as a result's proof is.

import { api, ok, type Proof, type Schemas } from "./api";
import { type Aggregates, fusedFacts } from "./scan";
import { check, facts, failure, h } from "./ui";

/** The API's SummaryView, with the signed summary's own fields (a free-form object in the API's schema). */
type Summary = Omit<Schemas["SummaryView"], "summary"> & {
  summary: {
    openedAt: string; createdAt: string; stressModel: { id: string; version: string };
    aggregates: Aggregates & { durationSeconds: number };
    proven?: { sampling: string; frames: number[]; results: string[]; meanStress: number };
  };
};

export function sessionPage(main: HTMLElement, id: string): () => void {
  const stop = new AbortController();
  const head = h("section", {}, "Loading…");
  const proofStatus = h("p", { "data-field": "proof-status", role: "status" }, "");
  const proofPart = h("section", { "aria-label": "proof" });
  main.replaceChildren(h("h1", {}, "Session summary"), head, h("h2", {}, "Proven frames"), proofStatus, proofPart);

  ok(api.GET("/v1/sessions/{id}/summary", { params: { path: { id } } })).then((answer) => {
    const view = answer as Summary;
    const s = view.summary, a = s.aggregates;
    head.replaceChildren(
      facts([
        ["Session", view.sessionId, "session-id"],
        ["Frames", a.frames, "frames"],
        ["Duration", `${a.durationSeconds.toFixed(1)} s`, "duration"],
        ["Stress EMA", (a.stress.ema * 100).toFixed(1), "stress-ema"],
        ["Focus EMA", a.focus ? `${(a.focus.ema * 100).toFixed(0)} (${(a.focus.focusedShare * 100).toFixed(0)} % of frames focused)` : "–", "focus-ema"],
        ["PERCLOS", `${(a.perclos * 100).toFixed(1)} %`, "perclos"],
        ["Signed", new Date(view.createdAt).toLocaleString(), "signed"],
      ]),
      a.fused ? fusedFacts(a.fused) : "",
      h("p", { class: "hint" }, "The summary is a record of the transparency log: an auditor checks its signature and inclusion at ",
        h("code", {}, view.recordsHref), "."),
    );
    if (!s.proven) { proofStatus.textContent = "Not proven: finished without proof."; return; }
    return watch(s.proven);
  }).catch((error) => { if (!stop.signal.aborted) head.replaceChildren(failure(error)); });

  /** Polls the proven frames' proof (one batch proof) until it is done, then checks what it states against the summary. */
  async function watch(proven: NonNullable<Summary["summary"]["proven"]>): Promise<void> {
    proofStatus.textContent = `${proven.results.length} frames (${proven.sampling}): proving…`;
    for (;;) {
      if (stop.signal.aborted) return;
      const proofs = await Promise.all(proven.results.map((result) => ok(api.GET("/v1/inferences/{id}/proof", { params: { path: { id: result } } })).catch(() => null)));
      const states = proofs.map((p) => p?.status ?? "queued");
      if (states.every((state) => state === "proven" || state === "failed")) {
        const failed = states.filter((state) => state === "failed").length;
        proofStatus.textContent = failed ? `${failed} of ${states.length} proofs failed` : `Proven: ${states.length} frames in one batch proof`;
        proofStatus.setAttribute("data-status", failed ? "failed" : "proven");
        if (!failed) show(proven, proofs as Proof[]);
        return;
      }
      proofStatus.setAttribute("data-status", "proving");
      await new Promise((resolve) => setTimeout(resolve, 1500));
    }
  }

  function show(proven: NonNullable<Summary["summary"]["proven"]>, proofs: Proof[]): void {
    const scores = proofs.map((p) => 1 / (1 + Math.exp(-(p.statement?.logit ?? 0))));
    const mean = scores.reduce((sum, v) => sum + v, 0) / scores.length;
    const verify = h("button", { type: "button", onclick: () => void verifyProof(verify, proofs[0]) }, "Verify with EZKL");
    proofPart.replaceChildren(
      check(Math.abs(mean - proven.meanStress) < 0.01, `mean stress from the proven logits ${(mean * 100).toFixed(2)}, the summary says `
        + `${(proven.meanStress * 100).toFixed(2)} (within quantization)`, "mean-stress"),
      check(proofs.every((p) => Math.abs((1 / (1 + Math.exp(-(p.statement?.logit ?? 0)))) - p.statement!.score) < 1e-6),
        "each frame's score = sigmoid(its proven logit)", "sigmoid"),
      h("div", { class: "controls" }, verify),
      h("ol", { "aria-label": "proven frames" }, ...proven.results.map((result, i) => h("li", {},
        h("a", { href: `#/results/${result}` }, `frame ${proven.frames[i]}`), ` stress ${(scores[i] * 100).toFixed(1)}`))),
      h("p", { class: "hint" }, "Each frame is a result of its own: open one to download its proof for the kit, or to record it on-chain."),
    );
  }

  async function verifyProof(button: HTMLButtonElement, proof: Proof): Promise<void> {
    button.disabled = true;
    try {
      const answer = await ok(api.POST("/v1/proofs:verify", { body: { model: "stress-mlp", proof: proof.proof ?? {} } }));
      proofPart.append(check(answer.valid, answer.valid ? "EZKL verifies the frames' batch proof under the batch circuit's verifying key"
        : `EZKL rejects the proof: ${answer.reason}`, "ezkl-verify"));
    } catch (error) { proofPart.append(failure(error)); } finally { button.disabled = false; }
  }

  return () => stop.abort();
}
