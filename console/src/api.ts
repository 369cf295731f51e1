// The service's HTTP API as the console uses it: a client typed from the service's OpenAPI document (console/openapi.json,
// generated into src/generated at build), so that an API change the console does not follow fails its type check.
// The key lives in sessionStorage: this tab only, gone when it closes.

import createClient from "openapi-fetch";
import type { components, paths } from "./generated/openapi";

const KEY = "veriscore.key";

/** The service's schemas, by the names its OpenAPI document gives them. */
export type Schemas = components["schemas"];
/** The query parameters an operation takes. */
export type Query<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never;
export type Role = "client" | "auditor";
export type Result = Schemas["InferenceView"];
export type Proof = Schemas["ProofView"];
export type Model = Schemas["ModelView"];
export type Chain = Schemas["ChainView"];
export type Onchain = Schemas["OnchainView"];
export type Circuit = Schemas["CircuitView"];

/** An RFC 9457 problem the service answered with. */
export class ProblemError extends Error {
  constructor(readonly status: number, readonly title: string, detail: string) {
    super(detail || title);
  }
}

export const session = {
  key: (): string | null => sessionStorage.getItem(KEY),
  signIn: (key: string) => sessionStorage.setItem(KEY, key),
  signOut: () => sessionStorage.removeItem(KEY),
};

export function headers(extra: Record<string, string> = {}): Record<string, string> {
  const key = session.key();
  return key ? { Authorization: `Bearer ${key}`, ...extra } : extra;
}

/** The API, every request with the signed-in key. */
export const api = createClient<paths>({ baseUrl: location.origin });
api.use({
  onRequest({ request }) {
    const key = session.key();
    if (key) request.headers.set("Authorization", `Bearer ${key}`);
    return request;
  },
});

/** The results a POST /v1/inferences answered: its one result, or each of a batch's (a recording's windows, say). */
export const scored = (answer: Result | Schemas["Batch"]): Result[] => ("results" in answer ? answer.results : [answer]);

/** An answer's data; an RFC 9457 problem (or any other failure) thrown as a ProblemError. */
export async function ok<T>(answer: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await answer;
  if (!response.ok) {
    const body = (error ?? {}) as { title?: string; detail?: string };
    throw new ProblemError(response.status, body.title ?? response.statusText, body.detail ?? "");
  }
  return data as T;
}

async function problem(response: Response): Promise<ProblemError> {
  try {
    const body = await response.json();
    return new ProblemError(response.status, body.title ?? response.statusText, body.detail ?? "");
  } catch {
    return new ProblemError(response.status, response.statusText, "");
  }
}

/** A file the API serves, fetched with the key and handed to the browser as a download. */
export async function download(path: string, name: string): Promise<void> {
  const response = await fetch(path, { headers: headers() });
  if (!response.ok) throw await problem(response);
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement("a"), { href: url, download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Server-sent events read over fetch, since EventSource cannot send the Authorization header. Calls onEvent for each
 * event's data until the stream ends or the signal aborts.
 */
export async function events(path: string, onEvent: (data: unknown) => void, signal: AbortSignal): Promise<void> {
  const response = await fetch(path, { headers: headers({ Accept: "text/event-stream" }), signal });
  if (!response.ok || !response.body) throw await problem(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const data = buffer.slice(0, end).split("\n").filter((line) => line.startsWith("data:"))
        .map((line) => line.slice(5).trimStart()).join("\n");
      buffer = buffer.slice(end + 2);
      if (data) onEvent(JSON.parse(data));
    }
  }
}

export const me = () => ok(api.GET("/v1/me"));
