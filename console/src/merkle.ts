// RFC 9162 verification in the browser: pure functions over WebCrypto, with typed failures.

export class VerificationError extends Error {}

const hex = (bytes: ArrayBuffer | Uint8Array) =>
  Array.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");

export function fromHex(text: string): Uint8Array {
  if (!/^([0-9a-f]{2})*$/i.test(text)) throw new VerificationError(`not hex: ${text.slice(0, 16)}`);
  return Uint8Array.from(text.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
}

async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) { all.set(part, at); at += part.length; }
  return new Uint8Array(await crypto.subtle.digest("SHA-256", all));
}

/** RFC 8785 canonical JSON: keys sorted by UTF-16 code units, numbers as ECMAScript prints them. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

export async function leafHash(data: Uint8Array): Promise<string> {
  return hex(await sha256(Uint8Array.of(0), data));
}

/** The root an inclusion proof leads to from a leaf (RFC 9162 2.1.3.2); compare it with a signed root. */
export async function rootFromInclusion(leafIndex: number, treeSize: number, leaf: string, proof: string[]): Promise<string> {
  if (leafIndex < 0 || leafIndex >= treeSize) throw new VerificationError(`leaf ${leafIndex} is not in a tree of ${treeSize}`);
  let fn = leafIndex, sn = treeSize - 1;
  let r = fromHex(leaf);
  for (const step of proof) {
    if (sn === 0) throw new VerificationError("the inclusion proof is longer than the tree is deep");
    const p = fromHex(step);
    if (fn % 2 === 1 || fn === sn) {
      r = await sha256(Uint8Array.of(1), p, r);
      if (fn % 2 === 0) { while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); } }
    } else {
      r = await sha256(Uint8Array.of(1), r, p);
    }
    fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw new VerificationError("the inclusion proof is shorter than the tree is deep");
  return hex(r);
}

export interface Jwk { kty: string; crv: string; x: string; kid: string }
export interface TreeHead { treeSize: number; rootHash: string; issuedAt: string; keyId: string; signature: string }

async function ed25519(jwk: Jwk, signature: string, data: Uint8Array<ArrayBuffer>): Promise<boolean> {
  const key = await crypto.subtle.importKey("jwk", { kty: "OKP", crv: "Ed25519", x: jwk.x }, { name: "Ed25519" }, false, ["verify"]);
  return crypto.subtle.verify({ name: "Ed25519" }, key, fromBase64(signature), data);
}

function keyFor(keys: Jwk[], keyId: string): Jwk {
  const key = keys.find((k) => k.kid === keyId);
  if (!key) throw new VerificationError(`no published key has id ${keyId}`);
  return key;
}

/** Throws unless the tree head's signature verifies over {issuedAt, rootHash, treeSize} with its key. */
export async function verifyTreeHead(head: TreeHead, keys: Jwk[]): Promise<void> {
  const body = canonicalJson({ issuedAt: head.issuedAt, rootHash: head.rootHash, treeSize: head.treeSize });
  if (!(await ed25519(keyFor(keys, head.keyId), head.signature, utf8(body)))) {
    throw new VerificationError("the tree head's signature does not verify: this is not what the service signed");
  }
}

/** Throws unless a signed record hashes to its leaf and its signature verifies; returns the leaf hash. */
export async function verifyRecord(body: unknown, keyId: string, signature: string, keys: Jwk[], leaf: string): Promise<void> {
  const bytes = utf8(canonicalJson(body));
  if ((await leafHash(bytes)) !== leaf) throw new VerificationError("the record does not hash to its leaf");
  if (!(await ed25519(keyFor(keys, keyId), signature, bytes))) throw new VerificationError("the record's signature does not verify");
}

/** Throws unless the tree of `second` leaves (root `secondRoot`) extends that of `first` (RFC 9162 2.1.4.2). */
export async function verifyConsistency(first: number, second: number, proof: string[], firstRoot: string, secondRoot: string): Promise<void> {
  if (first < 0 || second < first) throw new VerificationError(`a tree of ${second} cannot extend one of ${first}`);
  if (first === second) {
    if (proof.length || firstRoot !== secondRoot) throw new VerificationError("equal sizes need equal roots and an empty proof");
    return;
  }
  if (first === 0) return;
  if (!proof.length) throw new VerificationError("a consistency proof between different non-empty sizes cannot be empty");
  const path = (first & (first - 1)) === 0 ? [firstRoot, ...proof] : proof;
  let fn = first - 1, sn = second - 1;
  while (fn % 2 === 1) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
  let fr = fromHex(path[0]), sr = fr;
  for (const step of path.slice(1)) {
    if (sn === 0) throw new VerificationError("the consistency proof is longer than the tree is deep");
    const c = fromHex(step);
    if (fn % 2 === 1 || fn === sn) {
      fr = await sha256(Uint8Array.of(1), c, fr);
      sr = await sha256(Uint8Array.of(1), c, sr);
      if (fn % 2 === 0) { while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); } }
    } else {
      sr = await sha256(Uint8Array.of(1), sr, c);
    }
    fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw new VerificationError("the consistency proof is shorter than the tree is deep");
  if (hex(fr) !== firstRoot) throw new VerificationError("the proof does not lead to the anchored root");
  if (hex(sr) !== secondRoot) throw new VerificationError("the proof does not lead to the later root");
}
