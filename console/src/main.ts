// The console: sign in with a key, then scan, prove and record (client) or audit (auditor). Hash routes, no framework.

import "./style.css";
import { api, me, ok, session, type Schemas } from "./api";
import { auditPage } from "./audit";
import { resultPage } from "./result";
import { resultsPage } from "./results";
import { scanPage } from "./scan";
import { sessionPage } from "./session";
import { failure, h } from "./ui";

const main = document.getElementById("main")!;
const nav = document.getElementById("nav")!;
const banners = document.getElementById("banners")!;
let leave: () => void = () => undefined;
type Me = Schemas["Me"];
let caller: Me | null = null;

function navigate(hash: string): void {
  if (location.hash === hash) void route(); else location.hash = hash;
}

async function route(): Promise<void> {
  leave();
  leave = () => undefined;
  if (!session.key()) { caller = null; signIn(); return; }
  if (!caller) {
    try { caller = await me(); } catch (error) { session.signOut(); signIn(error); return; }
  }
  showNav(caller);
  const [, page, id] = location.hash.split("/");
  if (page === "audit") {
    if (caller.role !== "auditor") { deny("The audit view needs an auditor key; this key belongs to a client."); return; }
    leave = auditPage(main, id);
  } else if (page === "results" && id) {
    leave = resultPage(main, id, caller.role);
  } else if (page === "results") {
    resultsPage(main);
  } else if (page === "sessions" && id) {
    leave = sessionPage(main, id);
  } else if (caller.role === "client") {
    leave = scanPage(main, navigate);
  } else {
    navigate("#/audit");
    return;
  }
  main.focus();
}

function signIn(error?: unknown): void {
  nav.replaceChildren();
  const input = h("input", { id: "key", name: "key", type: "password", required: true, autocomplete: "off", size: 48, placeholder: "vsk_…" });
  main.replaceChildren(
    h("h1", {}, "Sign in"),
    h("p", {}, "Paste an API key. It is kept for this tab only and sent only to this service."),
    h("form", {
      onsubmit: (event: Event) => {
        event.preventDefault();
        session.signIn(input.value.trim());
        navigate("#/");
      },
    }, h("label", { for: "key" }, "API key "), input, h("button", { type: "submit" }, "Sign in")),
    error ? failure(error) : "",
  );
  input.focus();
}

function showNav(who: Me): void {
  const link = (href: string, text: string) => h("a", { href, "aria-current": location.hash.startsWith(href) ? "page" : undefined }, text);
  nav.replaceChildren(
    ...(who.role === "client" ? [link("#/scan", "Live scan"), link("#/results", "Results")] : [link("#/audit", "Audit"), link("#/results", "Results")]),
    h("span", { class: "who", "data-field": "who" }, `${who.name} (${who.role})`),
    h("button", { type: "button", class: "secondary", onclick: () => { session.signOut(); caller = null; navigate("#/"); } }, "Sign out"),
  );
}

function deny(text: string): void {
  main.replaceChildren(h("h1", {}, "Not for this key"), h("p", { class: "error", role: "alert", "data-field": "denied" }, text));
}

/** Permanent warnings: a development SRS makes proofs forgeable; a development chain records nothing anyone else sees. */
async function showBanners(): Promise<void> {
  const shown: HTMLElement[] = [];
  try {
    const circuit = await ok(api.GET("/v1/models/{id}/circuit", { params: { path: { id: "stress-mlp" } } }));
    if (circuit.srs.development) shown.push(h("p", { class: "banner", "data-banner": "srs" }, circuit.srs.warning ?? "INSECURE: a development SRS"));
  } catch { /* no circuit yet: nothing proven to warn about */ }
  try {
    const chain = await ok(api.GET("/v1/chain"));
    if (chain.network.development) {
      const text = chain.warning ?? "development chain";
      shown.push(h("p", { class: "banner", "data-banner": "chain" }, text.charAt(0).toUpperCase() + text.slice(1)));
    }
  } catch { /* no chain configured */ }
  banners.replaceChildren(...shown);
}

window.addEventListener("hashchange", () => void route());
void showBanners();
void route();
