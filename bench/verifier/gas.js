// Compiles each circuit's single-circuit verifier with the pinned solc-js (as contracts/ compiles its own), deploys it
// on Anvil (EIP-170 enforced) and reads the gas of verifyProof(proof, instances) for the proof circuits.py made; a
// tampered instance must fail. Usage: node gas.js RPC_URL DIR...
const fs = require("fs");
const path = require("path");
const solc = require(path.join(__dirname, "../../contracts/node_modules/solc"));

const url = process.argv[2];
let id = 0;
async function rpc(method, params) {
  const response = await fetch(url, {method: "POST", headers: {"content-type": "application/json"},
    body: JSON.stringify({jsonrpc: "2.0", id: ++id, method, params})});
  const json = await response.json();
  if (json.error) throw new Error(`${method}: ${JSON.stringify(json.error)}`);
  return json.result;
}
const word = (n) => BigInt(n).toString(16).padStart(64, "0");
function verifyProofCall(proofHex, instances) { // verifyProof(bytes,uint256[])
  const proof = proofHex.slice(2);
  const padded = proof.padEnd(Math.ceil(proof.length / 64) * 64, "0");
  return "0x1e8e1e13" + word(64) + word(64 + 32 + padded.length / 2) + word(proof.length / 2) + padded
    + word(instances.length) + instances.map(word).join("");
}
function compile(file) {
  const input = {language: "Solidity", sources: {"Verifier.sol": {content: fs.readFileSync(file, "utf8")}},
    settings: {optimizer: {enabled: true, runs: 1}, evmVersion: "shanghai",
      outputSelection: {"*": {"*": ["evm.bytecode.object", "evm.deployedBytecode.object"]}}}};
  const out = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (out.errors || []).filter((e) => e.severity === "error");
  if (errors.length) throw new Error(errors.map((e) => e.formattedMessage).join("\n"));
  return Object.values(out.contracts["Verifier.sol"])[0].evm;
}
async function receipt(tx) {
  for (;;) {
    const r = await rpc("eth_getTransactionReceipt", [tx]);
    if (r) return r;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
(async () => {
  const [from] = await rpc("eth_accounts", []);
  for (const dir of process.argv.slice(3)) {
    const evm = compile(path.join(dir, "Verifier.sol"));
    const size = evm.deployedBytecode.object.length / 2;
    const deployed = await receipt(await rpc("eth_sendTransaction", [{from, data: "0x" + evm.bytecode.object, gas: "0x1c9c380"}]));
    const name = path.basename(dir);
    if (deployed.status !== "0x1") {
      console.log(`${name}: verifier ${size} bytes: cannot be deployed (EIP-170: 24576)`);
      continue;
    }
    const call = JSON.parse(fs.readFileSync(path.join(dir, "call.json")));
    const data = verifyProofCall(call.proof, call.instances);
    const valid = BigInt(await rpc("eth_call", [{from, to: deployed.contractAddress, data}, "latest"])) === 1n;
    const gas = parseInt(await rpc("eth_estimateGas", [{from, to: deployed.contractAddress, data}]), 16);
    const calldata = [...Buffer.from(data.slice(2), "hex")].reduce((g, b) => g + (b ? 16 : 4), 0);
    const tampered = call.instances.slice();
    const last = tampered.length - 1;
    tampered[last] = "0x" + (BigInt(tampered[last]) ^ 1n).toString(16);
    let rejected = true;
    try {
      rejected = BigInt(await rpc("eth_call", [{from, to: deployed.contractAddress, data: verifyProofCall(call.proof, tampered)}, "latest"])) !== 1n;
    } catch (e) { /* the verifier reverts on an invalid proof */ }
    if (!valid || !rejected) throw new Error(`${name}: valid ${valid}, tampered rejected ${rejected}`);
    const over = size > 24576 ? " (over EIP-170: not deployable on Ethereum; measured with Anvil's limit off)" : "";
    console.log(`${name}: verifier ${size} bytes${over}; ${call.instances.length} instances; verifyProof ${gas} gas (21000 base and ${calldata} calldata included); tampered instance rejected`);
  }
})().catch((e) => { console.error(e.message); process.exit(1); });
