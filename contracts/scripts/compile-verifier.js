// Compiles one EZKL single-circuit verifier (generated for a circuit's verifying key, so at run time, not at build
// time) with the pinned solc-js and the settings of compile.js; writes its creation bytecode as hex and prints
// {"contract": NAME, "deployedBytes": N}. Usage: node scripts/compile-verifier.js SOURCE.sol OUT.bin
const fs = require("fs");
const solc = require("solc");

const [source, out] = process.argv.slice(2);
const input = {
  language: "Solidity",
  sources: { "Verifier.sol": { content: fs.readFileSync(source, "utf8") } },
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: "shanghai",
    outputSelection: { "*": { "*": ["evm.bytecode.object", "evm.deployedBytecode.object"] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter((e) => e.severity === "error");
if (errors.length > 0) {
  console.error(errors.map((e) => e.formattedMessage).join("\n"));
  process.exit(1);
}
const [name, contract] = Object.entries(output.contracts["Verifier.sol"]).find(([, c]) => c.evm.bytecode.object.length > 0);
fs.writeFileSync(out, contract.evm.bytecode.object);
console.log(JSON.stringify({ contract: name, deployedBytes: contract.evm.deployedBytecode.object.length / 2 }));
