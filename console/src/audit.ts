// The auditor's view: the signed tree head and any result's inclusion, verified in this browser; the service's re-check.

import { api, download, ok, type Schemas } from "./api";
import type { Hex } from "viem";
import { rootFromInclusion, verifyConsistency, verifyRecord, verifyTreeHead, type Jwk, type TreeHead } from "./merkle";
import { check, facts, failure, h } from "./ui";

type Anchor = Schemas["AnchoredHead"];

export function auditPage(main: HTMLElement, resultId?: string): () => void {
  const headPart = h("section", { "aria-label": "tree head" }, "Loading the signed tree head…");
  const inclusionOut = h("div", { role: "status" });
  const recheckOut = h("div", { role: "status" });
  let keys: Jwk[] = [];
  const treeHead = (treeSize?: number): Promise<TreeHead> => ok(api.GET("/v1/audit/tree-head", { params: { query: { treeSize } } }));

  async function loadHead(): Promise<void> {
    try {
      keys = (await ok(api.GET("/v1/keys"))).keys;
      const head = await treeHead();
      let verdict: HTMLElement;
      try {
        await verifyTreeHead(head, keys);
        verdict = check(true, `signature verified in this browser (Ed25519, key ${head.keyId.slice(0, 12)}…)`, "tree-head");
      } catch (error) {
        verdict = check(false, (error as Error).message, "tree-head");
      }
      headPart.replaceChildren(facts([
        ["Tree size", head.treeSize, "tree-size"],
        ["Root hash", h("code", {}, head.rootHash), "root-hash"],
        ["Issued", head.issuedAt, "issued-at"],
      ]), verdict);
    } catch (error) { headPart.replaceChildren(failure(error)); }
  }

  async function checkInclusion(resultId: string): Promise<void> {
    inclusionOut.replaceChildren("Checking…");
    try {
      const records = await ok(api.GET("/v1/audit/records/{inferenceId}", { params: { path: { inferenceId: resultId } } }));
      const lines: HTMLElement[] = [];
      const anchored = records.anchor ? await anchorCheck(records.anchor, lines) : null;
      for (const entry of records.entries) {
        try {
          await verifyRecord(entry.body, entry.keyId, entry.signature, keys, entry.leafHash);
          if (!entry.inclusion) { lines.push(check(true, `${entry.kind}: signed; not yet in a tree head`, "inclusion")); continue; }
          const i = entry.inclusion;
          const root = await rootFromInclusion(i.leafIndex, i.treeSize, entry.leafHash, i.proof);
          const head = await treeHead(i.treeSize);
          await verifyTreeHead(head, keys);
          lines.push(check(root === head.rootHash,
            `${entry.kind} record (leaf ${i.leafIndex}): signature verified, included in the signed tree of ${i.treeSize}`, "inclusion"));
          if (anchored && i.treeSize === anchored.to && root === anchored.root) {
            lines.push(i.leafIndex < anchored.size
              ? check(true, `${entry.kind} record: in the tree anchored on-chain (its first ${anchored.size} entries)`, "anchored")
              : h("p", { "data-check": "not-anchored" }, `${entry.kind} record: newer than the anchored tree of ${anchored.size}; the next anchor takes it`));
          }
        } catch (error) {
          lines.push(check(false, `${entry.kind} record: ${(error as Error).message}`, "inclusion"));
        }
      }
      inclusionOut.replaceChildren(...(lines.length ? lines : [h("p", {}, "No records for this result.")]));
    } catch (error) { inclusionOut.replaceChildren(failure(error)); }
  }

  /**
   * The anchored tree head: its root read by this browser from the registry, and the latest signed tree proven to extend
   * it. Answers what an entry's inclusion must lead to for the entry to count as anchored.
   */
  async function anchorCheck(anchor: Anchor, lines: HTMLElement[]): Promise<{ size: number; to: number; root: string } | null> {
    try {
      const chain = await ok(api.GET("/v1/chain"));
      const rpc = chain.network.rpcUrl;
      if (!rpc || chain.network.chainId !== anchor.chainId) {
        lines.push(h("p", {}, `The log is anchored on chain ${anchor.chainId}, ScoreRegistry ${anchor.registry}, tree size ${anchor.treeSize}: read anchoredRoots(${anchor.treeSize}) with your own node, or check it with veriscore-verify --records.`));
        return null;
      }
      const { createPublicClient, http, parseAbi } = await import("viem"); // loaded only for this read
      const client = createPublicClient({ transport: http(rpc) });
      const onChain = (await client.readContract({ address: anchor.registry as Hex, functionName: "anchoredRoots",
        abi: parseAbi(["function anchoredRoots(uint64) view returns (bytes32)"]), args: [BigInt(anchor.treeSize)] })).slice(2);
      const later = await treeHead(anchor.consistency.to);
      await verifyTreeHead(later, keys);
      await verifyConsistency(anchor.treeSize, later.treeSize, anchor.consistency.proof, onChain, later.rootHash);
      lines.push(check(true, `The log's first ${anchor.treeSize} entries are anchored on chain ${anchor.chainId} (ScoreRegistry ${anchor.registry}${anchor.blockNumber ? `, block ${anchor.blockNumber}` : ""}): root read by this browser, and the signed tree of ${later.treeSize} extends it`, "anchor"));
      return { size: anchor.treeSize, to: later.treeSize, root: later.rootHash };
    } catch (error) {
      lines.push(check(false, `on-chain anchor: ${(error as Error).message}`, "anchor"));
      return null;
    }
  }

  const form = h("form", {
    onsubmit: (event: Event) => {
      event.preventDefault();
      void checkInclusion(String(new FormData(event.target as HTMLFormElement).get("result")).trim());
    },
  }, h("label", {}, "Result id ", h("input", { name: "result", required: true, size: 38, autocomplete: "off", value: resultId })),
  h("button", { type: "submit" }, "Check inclusion"));

  const recheck = h("button", {
    type: "button", onclick: async () => {
      recheck.disabled = true;
      recheckOut.replaceChildren("Re-checking the whole log…");
      try {
        const report = await ok(api.POST("/v1/audit/verify", { params: { query: { proofSample: 3 } } }));
        recheckOut.replaceChildren(
          check(report.consistent, `${report.entriesChecked} entries checked up to tree size ${report.treeSize}: ${report.discrepancies.length} findings`, "recheck"),
          h("ul", {}, ...report.discrepancies.map((d) => h("li", {}, `${d.entryId ?? ""} ${d.problem}`))));
      } catch (error) { recheckOut.replaceChildren(failure(error)); } finally { recheck.disabled = false; }
    },
  }, "Re-check the log");
  const exportButton = h("button", { type: "button", class: "secondary",
    onclick: () => void download("/v1/audit/export?proofs=true", "veriscore-log.jsonl").catch((e) => recheckOut.replaceChildren(failure(e))) },
  "Export the log");

  main.replaceChildren(
    h("h1", {}, "Audit"),
    h("h2", {}, "Latest signed tree head"), headPart,
    h("h2", {}, "Inclusion of a result"), form, inclusionOut,
    h("h2", {}, "Service re-check and export"), h("div", { class: "controls" }, recheck, exportButton), recheckOut,
  );
  void loadHead().then(() => { if (resultId) void checkInclusion(resultId); });
  return () => undefined;
}
