// Runs the Hardhat node for as long as its parent lives: the node stops when its standard input closes, which happens
// when the Java process that started it exits, even by SIGKILL. Arguments are passed to `hardhat node`.
const { spawn } = require("child_process");
const path = require("path");

const cli = path.join(__dirname, "..", "node_modules", "hardhat", "internal", "cli", "cli.js");
const node = spawn(process.execPath, [cli, "node", ...process.argv.slice(2)], { stdio: ["ignore", "inherit", "inherit"] });
const stop = () => node.kill("SIGTERM");
process.stdin.on("end", stop);
process.stdin.on("close", stop);
process.stdin.resume();
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
node.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
