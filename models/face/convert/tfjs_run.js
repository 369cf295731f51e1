// Runs a TensorFlow.js graph model as published (pure-JS CPU backend) on inputs given as JSON, for convert.py.
// Usage: node tfjs_run.js MODEL_JSON INPUTS_JSON  (INPUTS_JSON: {"shape": [n, ...], "data": [...]}); prints the output.
const fs = require("fs");
const path = require("path");
const tf = require("@tensorflow/tfjs");

async function main() {
  const [modelFile, inputsFile] = process.argv.slice(2);
  const model = JSON.parse(fs.readFileSync(modelFile, "utf8"));
  const weights = model.weightsManifest.flatMap((group) => group.weights);
  const buffers = model.weightsManifest.flatMap((group) => group.paths.map((p) => fs.readFileSync(path.join(path.dirname(modelFile), p))));
  const data = Buffer.concat(buffers);
  const graph = await tf.loadGraphModel(tf.io.fromMemory(model.modelTopology, weights,
      data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)));
  const inputs = JSON.parse(fs.readFileSync(inputsFile, "utf8"));
  const output = graph.predict(tf.tensor(inputs.data, inputs.shape, "float32"));
  process.stdout.write(JSON.stringify({ shape: output.shape, data: Array.from(await output.data()) }));
}

main().catch((e) => { console.error(e); process.exit(1); });
