// Compiles every contract in src/ with the pinned solc-js (no compiler download), writing for each contract
// build/<Name>.abi and (but for interfaces) build/<Name>.bin, from which web3j generates the Java wrappers.
// Warnings are shown for our own sources only: EZKL's generated verifier is kept byte for byte as EZKL wrote it.
// Usage: node scripts/compile.js [OUT_DIR]
const fs = require("fs");
const path = require("path");
const solc = require("solc");

const root = path.join(__dirname, "..");
const out = path.resolve(process.argv[2] || path.join(root, "build"));
const sources = {};
for (const file of fs.readdirSync(path.join(root, "src")).filter((f) => f.endsWith(".sol")).sort()) {
  sources[file] = { content: fs.readFileSync(path.join(root, "src", file), "utf8") };
}
const input = {
  language: "Solidity",
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: "shanghai",
    outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"] } },
  },
};
const imports = (name) => {
  try {
    return { contents: fs.readFileSync(require.resolve(name, { paths: [root] }), "utf8") };
  } catch (e) {
    return { error: `cannot import ${name}: ${e.message}` };
  }
};

const output = JSON.parse(solc.compile(JSON.stringify(input), { import: imports }));
const errors = (output.errors || []).filter((e) => e.severity === "error");
const generated = (e) => (e.sourceLocation?.file || "").startsWith("Halo2Verifier");
for (const e of (output.errors || []).filter((e) => !generated(e))) console.error(e.formattedMessage);
if (errors.length > 0) process.exit(1);

fs.mkdirSync(out, { recursive: true });
for (const file of Object.keys(sources)) {
  for (const [name, contract] of Object.entries(output.contracts[file])) {
    fs.writeFileSync(path.join(out, `${name}.abi`), JSON.stringify(contract.abi));
    if (contract.evm.bytecode.object.length === 0) continue; // an interface
    fs.writeFileSync(path.join(out, `${name}.bin`), contract.evm.bytecode.object);
    const runtime = contract.evm.deployedBytecode.object.length / 2;
    console.log(`${name}: ${runtime} bytes deployed (EIP-170 limit 24576), solc ${solc.version()}`);
  }
}
