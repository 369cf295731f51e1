// Runs the development chain, Anvil (npm @foundry-rs/anvil, whose platform package ships the binary), for as long as
// its parent lives: Anvil stops (writing its state, when it keeps one) when this script's standard input closes, which
// happens when the Java process that started it exits, even by SIGKILL. Arguments are passed to `anvil`.
const { spawn } = require("child_process");
const path = require("path");

const arch = { x64: "amd64", arm64: "arm64" }[process.arch] ?? process.arch;
const binary = path.join(path.dirname(require.resolve(`@foundry-rs/anvil-${process.platform}-${arch}/package.json`)), "bin", "anvil");
const node = spawn(binary, process.argv.slice(2), { stdio: ["ignore", "inherit", "inherit"] });
const stop = () => node.kill("SIGTERM");
process.stdin.on("end", stop);
process.stdin.on("close", stop);
process.stdin.resume();
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
node.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
