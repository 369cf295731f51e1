// Small DOM helpers: the console has no framework, so that its bundle stays small.

type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, unknown> = {}, ...children: Child[]):
    HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") element.addEventListener(name.slice(2), value as EventListener);
    else if (name === "class") element.className = String(value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** A definition list of label/value rows; each value cell carries data-field for tests and screen readers alike. */
export function facts(rows: [string, Child, string?][]): HTMLDListElement {
  return h("dl", { class: "facts" }, ...rows.flatMap(([label, value, field]) =>
    [h("dt", {}, label), h("dd", { "data-field": field ?? label.toLowerCase().replace(/\W+/g, "-") }, value)]));
}

export function check(ok: boolean, text: string, field: string): HTMLElement {
  return h("p", { class: ok ? "check ok" : "check bad", "data-check": field, "data-ok": String(ok) }, ok ? "✓ " : "✗ ", text);
}

export function failure(error: unknown): HTMLElement {
  return h("p", { class: "error", role: "alert" }, error instanceof Error ? error.message : String(error));
}

/** A line chart of the last values, drawn on a canvas; min/max fixed when given. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
