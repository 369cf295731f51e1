// The caller's results (an auditor's: every client's): filters, pages, a chart of scores over time, export.

import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { api, download, ok, type Query } from "./api";
import { failure, h } from "./ui";

type Filters = Query<"/v1/inferences">;

const PAGE = 50, CHART = 500;

/** The parameters that have a value, as a query string takes them. */
const defined = (query: Filters): Record<string, string> =>
  Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined).map(([name, value]) => [name, String(value)]));

export function resultsPage(main: HTMLElement): void {
  const table = h("tbody");
  const status = h("p", { role: "status", "data-field": "results-status" });
  const older = h("button", { type: "button", class: "secondary", disabled: true }, "Older");
  const newer = h("button", { type: "button", class: "secondary", disabled: true }, "Newer");
  const chart = h("figure", { class: "history", "aria-label": "scores over time" });
  const sessionsChart = h("figure", { class: "history", "aria-label": "sessions over time", "data-field": "sessions-chart" });
  const cursors: (string | null)[] = [null]; // the cursor of each page shown so far: back is the one before
  let next: string | null = null;
  let shown = 0; // the latest page asked for: an earlier answer that arrives late is dropped

  const select = (name: string, label: string, options: string[]) => h("label", {}, label,
    h("select", { name }, h("option", { value: "" }, "any"), ...options.map((o) => h("option", { value: o }, o))));
  const form = h("form", { class: "filters", onsubmit: (event: Event) => { event.preventDefault(); cursors.splice(0, cursors.length, null); void show(); } },
    select("model", "Model ", ["stress-mlp", "fer", "biosignal"]),
    h("label", {}, "Label ", h("input", { name: "label", size: 10, placeholder: "any" })),
    select("proofStatus", "Proof ", ["none", "queued", "proving", "proven", "failed"]),
    select("onchainStatus", "On-chain ", ["none", "waiting", "pending", "proving", "sent", "retrying", "mined", "reverted", "failed"]),
    h("label", {}, "From ", h("input", { type: "date", name: "from" })),
    h("label", {}, "To ", h("input", { type: "date", name: "to" })),
    h("button", { type: "submit" }, "Show"));

  /** The filters as query parameters: dates as whole UTC days, "to" included. */
  function filters(): Filters {
    const values = new FormData(form), text = (name: string) => String(values.get(name) ?? "") || undefined;
    return {
      model: text("model"), label: text("label"), proofStatus: text("proofStatus"), onchainStatus: text("onchainStatus"),
      from: values.get("from") ? `${values.get("from")}T00:00:00Z` : undefined,
      to: values.get("to") ? new Date(Date.parse(`${values.get("to")}T00:00:00Z`) + 86_400_000).toISOString() : undefined,
    };
  }
  const listing = (query: Filters) => ok(api.GET("/v1/inferences", { params: { query } }));

  async function show(): Promise<void> {
    const cursor = cursors[cursors.length - 1], asked = ++shown;
    status.textContent = "Loading…";
    older.disabled = newer.disabled = true;
    try {
      const started = performance.now();
      const page = await listing({ ...filters(), limit: PAGE, cursor: cursor ?? undefined });
      if (asked !== shown) return;
      table.replaceChildren(...page.items.map((item) => h("tr", {},
        h("td", {}, h("a", { href: `#/results/${item.id}` }, item.id.slice(0, 8))),
        h("td", {}, item.model.id), h("td", {}, item.score100.toFixed(1)), h("td", {}, item.label),
        h("td", {}, item.proof?.status ?? "none"), h("td", {}, item.onchain?.status ?? "none"),
        h("td", {}, new Date(item.createdAt).toLocaleString()))));
      main.setAttribute("data-page-ms", String(Math.round(performance.now() - started)));
      next = page.nextCursor ?? null;
      older.disabled = !next;
      newer.disabled = cursors.length === 1;
      status.textContent = page.items.length ? `Page ${cursors.length}: ${page.items.length} results, newest first` : "No result matches.";
      if (cursors.length === 1) void draw();
    } catch (error) { if (asked === shown) status.replaceChildren(failure(error)); }
  }

  /**
   * The latest results that match, score against time, one series per model (up to 500 points), and the share of them
   * proven (over the 50 results up to each point) on a second axis.
   */
  async function draw(): Promise<void> {
    try {
      const page = await listing({ ...filters(), limit: CHART });
      const items = [...page.items].reverse();
      const models = [...new Set(items.map((i) => i.model.id))];
      const times = items.map((i) => Date.parse(i.createdAt) / 1000);
      const series = models.map((model) => items.map((i) => (i.model.id === model ? i.score * 100 : null)));
      const proven: number[] = items.map((i) => (i.proof?.status === "proven" ? 1 : 0));
      const share = proven.map((_, n) => { const window = proven.slice(Math.max(0, n - PAGE + 1), n + 1); return (100 * window.reduce((a, b) => a + b, 0)) / window.length; });
      chart.replaceChildren();
      if (!items.length) return;
      const colors = ["#2a6df4", "#00a36c", "#e5484d"];
      new uPlot({
        width: Math.min(720, main.clientWidth - 16), height: 240,
        scales: { y: { range: [0, 100] }, share: { range: [0, 100] } },
        axes: [{ label: "time", stroke: "currentColor" }, { label: "score (0-100)", stroke: "currentColor" },
          { scale: "share", side: 1, label: "proven (%)", stroke: "currentColor", grid: { show: false } }],
        series: [{}, ...models.map((model, i) => ({ label: model, stroke: colors[i % colors.length], points: { show: true, size: 4 }, width: 0 })),
          { label: "proven (% of last 50)", scale: "share", stroke: "#a0a0a0", width: 1.5, dash: [4, 4] }],
      }, [times, ...series, share] as uPlot.AlignedData, chart);
      const total = proven.reduce((a, b) => a + b, 0);
      chart.append(h("figcaption", { "data-field": "results-chart" }, `The latest ${items.length} results that match: each model's score over`
        + ` time; ${total} of them proven (${Math.round((100 * total) / items.length)}%)`));
    } catch (error) { chart.replaceChildren(failure(error)); }
  }

  /** The latest face sessions (up to 200): each one's stress and focus (their EMAs at its last frame) against its start. */
  async function drawSessions(): Promise<void> {
    try {
      const page = await ok(api.GET("/v1/sessions", { params: { query: { limit: 200 } } }));
      const items = page.items.filter((s) => s.aggregates).reverse();
      if (!items.length) return;
      new uPlot({
        width: Math.min(720, main.clientWidth - 16), height: 200,
        scales: { y: { range: [0, 100] } },
        axes: [{ label: "session started", stroke: "currentColor" }, { label: "EMA (0-100)", stroke: "currentColor" }],
        series: [{}, { label: "stress", stroke: "#e5484d", points: { show: true, size: 5 }, width: 1 },
          { label: "focus", stroke: "#00a36c", points: { show: true, size: 5 }, width: 1 }],
      }, [items.map((s) => Date.parse(s.createdAt) / 1000), items.map((s) => s.aggregates!.stress.ema * 100),
        items.map((s) => (s.aggregates!.focus ? s.aggregates!.focus.ema * 100 : null))] as uPlot.AlignedData, sessionsChart);
      sessionsChart.append(h("figcaption", {}, `Your latest ${items.length} face sessions: stress and focus at each one's last frame`
        + " (exponential moving averages over its frames)"));
    } catch (error) { sessionsChart.replaceChildren(failure(error)); }
  }

  older.addEventListener("click", () => { if (next) { cursors.push(next); void show(); } });
  newer.addEventListener("click", () => { if (cursors.length > 1) { cursors.pop(); void show(); } });
  const exportAs = (format: string) => h("button", { type: "button", class: "secondary",
    onclick: () => void download(`/v1/inferences/export?${new URLSearchParams({ format, ...defined(filters()) })}`, `veriscore-results.${format}`).catch((e) => status.append(failure(e))) },
  `Export ${format.toUpperCase()}`);

  main.replaceChildren(h("h1", {}, "Results"), form, chart, sessionsChart, status,
    h("div", { class: "table" }, h("table", { class: "results" }, h("thead", {}, h("tr", {}, ...["Result", "Model", "Score", "Label", "Proof", "On-chain", "Created"].map((t) => h("th", { scope: "col" }, t)))), table)),
    h("div", { class: "controls" }, newer, older, exportAs("csv"), exportAs("json")));
  void show();
  void drawSessions();
}
