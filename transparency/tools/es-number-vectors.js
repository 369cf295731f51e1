// Writes test vectors for EcmaNumber: "<IEEE-754 bits in hex> <ECMAScript Number::toString>" per line, computed by
// this Node.js (V8), the same kind of engine as the published ES6 number test file. Deterministic (seeded).
// Run: node transparency/tools/es-number-vectors.js > transparency/src/test/resources/es-number-vectors.txt
let seed = 0x9e3779b97f4a7c15n;
function next64() { // xorshift64*
  seed ^= seed >> 12n; seed ^= (seed << 25n) & 0xffffffffffffffffn; seed ^= seed >> 27n;
  return (seed * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn;
}
const view = new DataView(new ArrayBuffer(8));
const lines = [];
function add(bits) {
  view.setBigUint64(0, bits);
  const x = view.getFloat64(0);
  if (Number.isFinite(x)) lines.push(bits.toString(16).padStart(16, '0') + ' ' + String(x));
}
function addNumber(x) { view.setFloat64(0, x); add(view.getBigUint64(0)); }
for (let i = 0; i < 6000; i++) add(next64());                                  // any double
for (let i = 0; i < 3000; i++) add(next64() & 0x800fffffffffffffn);             // subnormals
for (let i = 0; i < 3000; i++) add((next64() & 0x000fffffffffffffn) | (BigInt(1023 - 30 + Number(next64() % 80n)) << 52n)); // 1e-9 .. 1e24
for (let i = 0; i < 2000; i++) addNumber(Number(next64() % 2000000n) / 1000);   // short decimals
for (let e = -330; e <= 310; e++) for (const m of [1, 2, 5, 9.999999999999999, 1.0000000000000002]) addNumber(m * Math.pow(10, e));
for (let d = -64n; d <= 64n; d++) { addNumber(Number(2n ** 53n + d)); addNumber(Number(10n ** 21n + d * 65536n)); }
for (const b of [1n, 2n, 3n, 0x000fffffffffffffn, 0x0010000000000000n, 0x7fefffffffffffffn, 0x7feffffffffffffen, 0x8000000000000000n])
  add(b);
process.stdout.write(lines.join('\n') + '\n');
