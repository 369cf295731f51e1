// The service's HTTP API as the console uses it. The key lives in sessionStorage: this tab only, gone when it closes.

const KEY = "veriscore.key";

export type Role = "client" | "auditor";
export interface Me { name: string; role: Role }

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

async function problem(response: Response): Promise<ProblemError> {
  try {
    const body = await response.json();
    return new ProblemError(response.status, body.title ?? response.statusText, body.detail ?? "");
  } catch {
    return new ProblemError(response.status, response.statusText, "");
  }
}

export async function get<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: headers() });
  if (!response.ok) throw await problem(response);
  return response.json() as Promise<T>;
}

export async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, headers: headers(body instanceof FormData ? {} : { "Content-Type": "application/json" }) };
  if (body !== undefined) init.body = body instanceof FormData ? body : JSON.stringify(body);
  const response = await fetch(path, init);
  if (!response.ok) throw await problem(response);
  return response.json() as Promise<T>;
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

export const me = () => get<Me>("/v1/me");
