// One result: its proof, pushed live from queued to proven, checked, downloaded, and recorded on-chain.

import type { Hex } from "viem";
import { api, download, events, ok, type Onchain, type Proof, type Result, type Role, type Schemas } from "./api";
import { check, facts, failure, h } from "./ui";

/** A model's input schema (JSON Schema), as far as the kit command needs it: the features' order. */
interface InputSchema { required?: string[]; properties?: Record<string, unknown> }

const SCORES = "function scores(bytes32) view returns (bytes32 verifyingKey, uint256 inputCommitment, int128 logit, bool stressed, uint64 blockNumber)";

/** A short, plain-language account of a section, folded away once read. */
function explained(title: string, field: string, ...paragraphs: string[]): HTMLElement {
  return h("details", { class: "explained", "data-explains": field }, h("summary", {}, title), ...paragraphs.map((p) => h("p", {}, p)));
}

export function resultPage(main: HTMLElement, id: string, role: Role): () => void {
  const stop = new AbortController();
  const head = h("section", {}, "Loading…");
  const proofStatus = h("p", { "data-field": "proof-status", role: "status" }, "");
  const proofPart = h("section", { "aria-label": "proof" });
  const chainStatus = h("p", { "data-field": "onchain-status", role: "status" }, "");
  const chainPart = h("section", { "aria-label": "on-chain record" });
  let shownProof = "", shownChain = "", proof: Proof | null = null, stored: Result | null = null;
  let chainArgs: { rpcUrl: string; registry: string } | null = null;
  const kitLine = h("code", { "data-field": "kit-command" }, "");
  const kitChainHint = h("p", { class: "hint" }, "Once the result is recorded on-chain, the command also reads its record from the"
    + " chain (--rpc-url, --registry).");
  const record = h("button", { type: "button", onclick: () => void recordOnchain() }, "Record on-chain");
  const prove = h("button", { type: "button", hidden: true, onclick: () => void proveNow() }, "Prove");
  let watching = new AbortController();
  const models = ok(api.GET("/v1/models"));
  stop.signal.addEventListener("abort", () => watching.abort());

  let descriptions: Record<string, string> = {};
  void models.then((list) => { descriptions = Object.fromEntries(list.map((m) => [m.id, m.description])); }).catch(() => undefined);
  const description = (model: string) => descriptions[model] ?? "a model served by this service";
  main.replaceChildren(h("h1", {}, "Result"), head, h("h2", {}, "Proof"), proofStatus, prove,
    explained("What a proof guarantees, and what it does not", "proof-meaning",
      "A zero-knowledge proof that the published model (the SHA-256 below) turns the features of this result into this score,"
        + " without showing the features: they are committed, with a secret salt only you get, so you can check that it is"
        + " yours and nobody else can guess them.",
      "Not proven: that the features came from your face or your wearable (that step runs on the service, as any model"
        + " would), nor that the model is right. A proof made with a development SRS (see the banner) convinces no one but"
        + " you: whoever generated the SRS could forge one."),
    proofPart, h("h2", {}, "On-chain"),
    explained("What recording on-chain adds", "onchain-meaning",
      "The chain's own verifier contract checks the proof, then the registry keeps the commitment, the score and the label"
        + " under this result's id: anyone can read it from the chain without asking this service, and it cannot be changed"
        + " afterwards. A development chain is a local one: it shows how it works, not a public record."),
    chainStatus, chainPart);

  ok(api.GET("/v1/inferences/{id}", { params: { path: { id } } })).then((result) => {
    stored = result;
    head.replaceChildren(facts([
      ["Result", result.id, "result-id"],
      ["Model", `${result.model.id} ${result.model.version}`, "model"],
      ["Score", result.score100.toFixed(1), "score"],
      ["Label", result.label, "label"],
      ["Created", new Date(result.createdAt).toLocaleString(), "created"],
    ]), explained("What this score means", "score-meaning",
      `${result.model.id}: ${description(result.model.id)}.`,
      "The result is signed by the service into its transparency log when it is stored: an auditor can check that it is"
        + " there and was never changed. A score describes what the model reads; it is not a diagnosis."),
    role === "auditor" ? h("p", {}, h("a", { href: `#/audit/${id}` }, "Check its records' inclusion in the signed log")) : "",
    scoredPart(result));
    void models.then(() => {
      const line = head.querySelector("[data-explains=score-meaning] p");
      if (line) line.textContent = `${result.model.id}: ${description(result.model.id)}.`;
    });
    return watch();
  }).catch((error) => { if (!stop.signal.aborted) head.replaceChildren(failure(error)); });

  /** What was scored: the features the service computed from an image (a client's own input is its to keep), and warnings. */
  function scoredPart(result: Result): HTMLElement {
    const input = result.input ? facts(Object.entries(result.input).map(([name, value]): [string, string, string] =>
      [name.replace(/_/g, " "), typeof value === "number" ? value.toFixed(4) : String(value), `feature-${name}`]))
      : h("p", {}, `The input as sent (SHA-256 ${result.inputSha256.slice(0, 16)}…): the service keeps it and signs its hash.`);
    return h("details", { class: "explained", open: true, "data-field": "scored" }, h("summary", {}, "What was scored"), input,
      result.warnings.length ? h("ul", { "aria-label": "quality warnings", "data-field": "warnings" }, ...result.warnings.map((w) => h("li", {}, w)))
        : h("p", { "data-field": "warnings" }, "No quality warnings."));
  }

  /**
   * Follows the result's status as the service pushes it. A stream ends by itself once nothing more is pending (its
   * last event says so); one cut short (the service restarted, the network went) is opened again after a pause.
   */
  async function watch(): Promise<void> {
    watching.abort();
    const mine = (watching = new AbortController());
    for (let last = false; !last && !mine.signal.aborted;) {
      try {
        await events(`/v1/inferences/${id}/events`, (data) => {
          const status = data as Schemas["Status"];
          last = status.last;
          update(status);
        }, mine.signal);
      } catch (error) {
        if (mine.signal.aborted) return;
        proofStatus.setAttribute("title", `reconnecting: ${(error as Error).message}`);
      }
      if (!last) await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }

  /**
   * While a proof waits (queued, or started and waiting inside its job), says so when it waits for a circuit, built once
   * per model (at start-up, in the background).
   */
  async function circuitProgress(status: string): Promise<void> {
    for (const profile of [undefined, "batch"]) {
      const { response } = await api.GET("/v1/models/{id}/circuit", { params: { path: { id: stored?.model.id ?? "" }, query: { profile } } });
      if (response.status === 503 && shownProof === status) {
        proofStatus.textContent = `Proof: ${status}. The ${profile ? "batch " : ""}circuit of ${stored?.model.id} is being built (once per`
          + ` model: about ${profile ? "a minute" : "10 s"} on two cores); the proof goes on as soon as it is ready.`;
        proofStatus.setAttribute("data-circuit", "building");
        return;
      }
    }
  }

  async function proveNow(): Promise<void> {
    prove.disabled = true;
    try {
      await ok(api.POST("/v1/inferences/{id}/proof", { params: { path: { id } } }));
      await watch();
    } catch (error) {
      if (!watching.signal.aborted) proofPart.replaceChildren(failure(error));
    } finally { prove.disabled = false; }
  }

  function update(status: Pick<Schemas["Status"], "proof" | "onchain">): void {
    const p = status.proof?.status ?? "none";
    if (p !== shownProof) {
      shownProof = p;
      proofStatus.textContent = p === "none" ? "Not proven yet." : `Proof: ${p}${status.proof?.reason ? ` (${status.proof.reason})` : ""}`;
      proofStatus.setAttribute("data-status", p);
      proofStatus.removeAttribute("data-circuit");
      if (p === "queued" || p === "proving") void circuitProgress(p);
      void provable().then((yes) => {
        prove.hidden = !(p === "none" && yes && role === "client");
        if (p === "none" && !yes) {
          proofStatus.textContent = `${stored?.model.id} cannot be proven: it has no circuit (only the stress model has one). This`
            + " result is signed into the transparency log, which is what vouches for it.";
          proofStatus.setAttribute("data-status", "unprovable");
          record.disabled = true;
        }
      });
      if (p === "proven") void showProof();
    }
    const c = status.onchain?.status ?? "none";
    if (c !== shownChain) {
      shownChain = c;
      const why = c === "waiting" ? "for other results to share one batch proof and one transaction; alone after the batch window"
        : c === "proving" ? "the same statement proven again for the chain, in a circuit whose verifier costs far less gas"
        : status.onchain?.reason;
      chainStatus.textContent = c === "none" ? "" : `On-chain: ${c}${why ? ` (${why})` : ""}`;
      chainStatus.setAttribute("data-status", c);
      record.disabled = !["none", "reverted", "failed"].includes(c);
      if (c === "mined" && status.onchain) void showOnchain(status.onchain);
    }
  }

  async function showProof(): Promise<void> {
    try {
      const shown = (proof = await ok(api.GET("/v1/inferences/{id}/proof", { params: { path: { id } } })));
      const s = shown.statement!, c = shown.circuit!, srs = c.srs;
      const score = 1 / (1 + Math.exp(-(s.logit ?? 0)));
      const verify = h("button", { type: "button", onclick: () => void verifyProof(verify) }, "Verify with EZKL");
      proofPart.replaceChildren(
        facts([
          ["Input commitment", h("code", {}, s.inputCommitment), "commitment"],
          ["Logit", s.logit?.toFixed(6) ?? "–", "logit"],
          ["Score", (s.score * 100).toFixed(2), "statement-score"],
          ["Label", s.label, "statement-label"],
          ["EZKL", `${c.ezklVersion} (${c.profile}, logrows ${c.logrows})`, "ezkl"],
          ["Proven model SHA-256", h("code", {}, c.provenModelSha256), "proven-model"],
          ["Settings SHA-256", h("code", {}, c.settingsSha256), "settings"],
          ["Verifying key SHA-256", h("code", {}, c.verifyingKeySha256), "verifying-key"],
          ["SRS", `${srs.development ? "DEVELOPMENT (locally generated)" : "trusted setup"} ${srs.sha256.slice(0, 16)}…`, "srs"],
        ]),
        check(Math.abs(score - s.score) < 1e-6, `score = sigmoid(logit) = ${(score * 100).toFixed(2)}`, "sigmoid"),
        check(s.label === stored?.label && Math.abs(s.score - stored.score) < 0.01,
          `the proof states the stored result: ${stored?.label}, ${stored ? (stored.score * 100).toFixed(1) : "?"} (within quantization)`, "statement-matches"),
        h("div", { class: "controls" }, verify, record, ...downloads()),
        h("p", { class: "hint" }, "The commitment hides the features and the salt. Recompute it, and check everything else,"
          + " with the third-party kit: download proof-answer.json, and settings.json, vk.key and kzg.srs into circuit/, then run"),
        h("pre", {}, kitLine),
        kitChainHint,
      );
      kitLine.textContent = kitCommand(await inputOrder(stored?.model.id));
    } catch (error) { proofPart.replaceChildren(failure(error)); }
  }

  /**
   * The verification kit's complete command for this proof: the features in the model's input order (its schema's),
   * and, once recorded, the chain to read the record from.
   */
  function kitCommand(order: string[]): string {
    const features = order.map((name) => stored?.input?.[name]).filter((value) => value !== undefined).join(",");
    const onchain = chainArgs ? ` --rpc-url ${chainArgs.rpcUrl} --registry ${chainArgs.registry}` : "";
    return `./veriscore verify --proof proof-answer.json --circuit circuit${features ? ` --features ${features}` : ""}${onchain}`;
  }

  async function inputOrder(model?: string): Promise<string[]> {
    const schema = (await models).find((m) => m.id === model)?.inputSchema as InputSchema | undefined;
    return schema?.required ?? Object.keys(schema?.properties ?? {});
  }

  async function provable(): Promise<boolean> {
    return (await models).some((m) => m.id === stored?.model.id && m.provable);
  }

  function downloads(): HTMLElement[] {
    const file = (name: string, path: string) => h("button", { type: "button", class: "secondary", onclick: () => void download(path, name).catch((e) => proofPart.append(failure(e))) }, name);
    const json = (name: string, value: unknown) => h("button", {
      type: "button", class: "secondary", onclick: () => {
        const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: "application/json" }));
        Object.assign(document.createElement("a"), { href: url, download: name }).click();
      },
    }, name);
    const circuit = "/v1/models/stress-mlp/circuit";
    return [json("proof.json", proof?.proof), json("proof-answer.json", proof),
      file("settings.json", `${circuit}/settings.json`),
      file("vk.key", `${circuit}/vk.key`), file("kzg.srs", `${circuit}/kzg.srs`)];
  }

  async function verifyProof(button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    try {
      const answer = await ok(api.POST("/v1/proofs:verify", { body: { model: "stress-mlp", proof: proof?.proof ?? {} } }));
      proofPart.append(check(answer.valid, answer.valid ? "EZKL verifies the proof under the circuit's verifying key" : `EZKL rejects the proof: ${answer.reason}`, "ezkl-verify"));
    } catch (error) { proofPart.append(failure(error)); } finally { button.disabled = false; }
  }

  async function recordOnchain(): Promise<void> {
    record.disabled = true;
    try {
      await ok(api.POST("/v1/inferences/{id}/onchain", { params: { path: { id } } }));
    } catch (error) { chainPart.append(failure(error)); record.disabled = false; }
  }

  async function showOnchain(onchain: Onchain): Promise<void> {
    chainPart.replaceChildren(facts([
      ["Transaction", h("code", {}, onchain.txHash ?? ""), "tx"],
      ["Block", onchain.blockNumber ?? "", "block"],
      ["Gas", onchain.gasUsed ?? "", "gas"],
      ["Recorded proof", onchain.recordProof ? `this result's statement proven again with the ${onchain.recordProof.profile} circuit`
        : "this result's proof", "record-proof"],
    ]));
    try {
      const chain = await ok(api.GET("/v1/chain"));
      const rpc = chain.network.rpcUrl;
      if (!rpc) { chainPart.append(h("p", {}, "Read the registry with your own node: the service shows the RPC URL of development chains only.")); return; }
      chainArgs = { rpcUrl: rpc, registry: chain.contracts.scoreRegistry };
      kitLine.textContent = kitCommand(await inputOrder(stored?.model.id));
      kitChainHint.hidden = true;
      const { createPublicClient, http, parseAbi } = await import("viem"); // loaded only for this read
      const client = createPublicClient({ transport: http(rpc) });
      const resultId = `0x${id.replace(/-/g, "")}${"0".repeat(32)}` as Hex;
      const [, commitment, logit, stressed, block] = await client.readContract({
        address: chain.contracts.scoreRegistry as Hex, abi: parseAbi([SCORES]), functionName: "scores", args: [resultId],
      });
      const statement = proof?.statement ?? (await ok(api.GET("/v1/inferences/{id}/proof", { params: { path: { id } } }))).statement!;
      const expected = BigInt(`0x${statement.inputCommitment.replace(/^0x/, "").match(/../g)!.reverse().join("")}`);
      chainPart.append(
        h("p", {}, `Read back by this browser from ${rpc}, ScoreRegistry ${chain.contracts.scoreRegistry}:`),
        facts([["Block (chain)", String(block), "chain-block"], ["Logit (quantized)", String(logit), "chain-logit"],
          ["Stressed", String(stressed), "chain-stressed"]]),
        check(commitment === expected, "the registry holds the proof's input commitment", "chain-commitment"),
        check(Number(block) === onchain.blockNumber, "recorded in the block the service reported", "chain-block-match"),
        check(stressed === ((statement.logit ?? 0) >= 0), "the registry's label bit matches the proven logit's sign", "chain-label"),
      );
    } catch (error) { chainPart.append(failure(error)); }
  }

  return () => stop.abort();
}
