// The caller's results, newest first (an auditor sees every client's).

import { get } from "./api";
import { failure, h } from "./ui";

interface Item { id: string; model: { id: string }; score100: number; label: string; createdAt: string; proof?: { status: string } }

export function resultsPage(main: HTMLElement): void {
  const table = h("tbody");
  const more = h("button", { type: "button", class: "secondary", hidden: true }, "More");
  let cursor: string | null = null;
  async function load(): Promise<void> {
    try {
      const page = await get<{ items: Item[]; nextCursor: string | null }>(`/v1/inferences?limit=25${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      table.append(...page.items.map((item) => h("tr", {},
        h("td", {}, h("a", { href: `#/results/${item.id}` }, item.id.slice(0, 8))),
        h("td", {}, item.model.id), h("td", {}, item.score100.toFixed(1)), h("td", {}, item.label),
        h("td", {}, item.proof?.status ?? "none"), h("td", {}, new Date(item.createdAt).toLocaleString()))));
      cursor = page.nextCursor;
      more.hidden = !cursor;
    } catch (error) { main.append(failure(error)); }
  }
  more.addEventListener("click", () => void load());
  main.replaceChildren(h("h1", {}, "Results"),
    h("div", { class: "table" }, h("table", {}, h("thead", {}, h("tr", {}, ...["Result", "Model", "Score", "Label", "Proof", "Created"].map((t) => h("th", { scope: "col" }, t)))), table)),
    more);
  void load();
}
