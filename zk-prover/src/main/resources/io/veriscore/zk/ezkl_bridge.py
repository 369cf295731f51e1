"""Veriscore's bridge to EZKL's Python module.

One command per process; the answer is one JSON object on the last line of standard output,
errors go to standard error with a non-zero exit code. The Java side treats all of it as untrusted.
Or, as a long-lived worker (`serve`), one command per line of standard input, each a JSON array
[COMMAND, ARGS...], each answered by one line on standard output that starts with ANSWER: the process
start and `import ezkl` are paid once, not per proof.

    python ezkl_bridge.py serve
    python ezkl_bridge.py version
    python ezkl_bridge.py setup DIR MODEL CALIBRATION_JSON SETTINGS_JSON [SRS]
    python ezkl_bridge.py prove DIR INPUT_JSON PROOF_OUT
    python ezkl_bridge.py commitment DIR INPUT_JSON
    python ezkl_bridge.py verify DIR PROOF
    python ezkl_bridge.py evm-vka DIR VKA_OUT SRS
    python ezkl_bridge.py evm-verifier DIR SOL_OUT SRS [single]
"""

import asyncio
import hashlib
import json
import os
import random
import struct
import sys

import ezkl

SETTINGS, COMPILED, VK, PK, SRS, PROVEN = "settings.json", "model.compiled", "vk.key", "pk.key", "kzg.srs", "proven.onnx"
ANSWER = "veriscore-answer "  # other lines on standard output (EZKL's own) are not answers
SALT_WORD = 2**32  # EZKL range-checks every input element to its decomposition's span (256^4): a salt word is below it


def version():
    return {"ezkl": ezkl.__version__}


def derive(model, out, salt_words, rows=1):
    """Writes the graph that is proven: the served model up to its final Sigmoid (everyone applies the sigmoid to the
    proven logit in public), with salt_words more input columns that the first Gemm weighs with zeros, so that a
    per-result salt enters the input's Poseidon commitment without touching the logit. For a batch (rows > 1), the
    graph takes each row as an input of its own, so that each row gets a commitment of its own (the instances are
    the rows' commitments, then their logits), and evaluates them together."""
    import numpy
    import onnx
    from onnx import helper, numpy_helper

    graph_model = onnx.load(model)
    graph = graph_model.graph
    last, first = graph.node[-1], graph.node[0]
    if len(graph.output) != 1 or last.op_type != "Sigmoid" or last.output[0] != graph.output[0].name:
        raise ValueError("the model must end in a Sigmoid that is its only output; its last node is " + last.op_type)
    if len(graph.input) != 1 or first.op_type != "Gemm" or first.input[0] != graph.input[0].name:
        raise ValueError("the model must start with a Gemm on its only input; its first node is " + first.op_type)
    if not any(a.name == "transB" and a.i == 1 for a in first.attribute):
        raise ValueError("the first Gemm must take its weights transposed (transB=1)")
    graph.node.remove(last)
    shape = [d.dim_value or d.dim_param for d in graph.output[0].type.tensor_type.shape.dim]
    graph.output.remove(graph.output[0])
    graph.output.append(helper.make_tensor_value_info(last.input[0], onnx.TensorProto.FLOAT, shape))
    weights = next(t for t in graph.initializer if t.name == first.input[1])
    w = numpy_helper.to_array(weights)
    weights.CopyFrom(numpy_helper.from_array(numpy.concatenate([w, numpy.zeros((w.shape[0], salt_words), w.dtype)], 1), weights.name))
    graph.input[0].type.tensor_type.shape.dim[1].dim_value = w.shape[1] + salt_words
    if rows > 1:
        width, inner = w.shape[1] + salt_words, graph.input[0].name
        graph.input.remove(graph.input[0])
        names = [f"row_{i}" for i in range(rows)]
        graph.input.extend(helper.make_tensor_value_info(n, onnx.TensorProto.FLOAT, [1, width]) for n in names)
        graph.node.insert(0, helper.make_node("Concat", names, [inner], axis=0))
        logit = graph.output[0].name
        graph.output.remove(graph.output[0])
        graph.output.append(helper.make_tensor_value_info(logit, onnx.TensorProto.FLOAT, [rows, 1]))
    onnx.checker.check_model(graph_model)
    onnx.save(graph_model, out)
    with open(out, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def salt_felt(word):
    return word.to_bytes(32, "little").hex()


def setup(directory, model, calibration, settings_json, srs=None):
    wanted = json.loads(settings_json)
    salt_words, batch = wanted["salt_words"], wanted["rows"]
    proven = f"{directory}/{PROVEN}"
    proven_sha256 = derive(model, proven, salt_words, batch)
    with open(calibration) as f:
        rows = json.load(f)["rows"]
    pick = random.Random(0)  # calibration sees the salt columns' whole range; the extreme row first
    salted = [row + [salt_felt(SALT_WORD - 1 if i == 0 else pick.randrange(SALT_WORD)) for _ in range(salt_words)]
              for i, row in enumerate(rows)]
    calibration = f"{directory}/calibration.json"
    with open(calibration, "w") as f:  # each input sees every sample; a batch's rows are inputs of their own
        json.dump({"input_data": [sum(salted, [])] * batch}, f)
    model = proven
    run_args = ezkl.PyRunArgs()
    run_args.input_visibility = wanted["input_visibility"]
    run_args.output_visibility = wanted["output_visibility"]
    run_args.param_visibility = wanted["param_visibility"]
    run_args.input_scale = run_args.param_scale = wanted["scale"]
    run_args.decomp_base = wanted["decomp_base"]
    run_args.decomp_legs = wanted["decomp_legs"]
    run_args.num_inner_cols = wanted["inner_columns"]
    run_args.variables = [("N", 1)]
    settings = f"{directory}/{SETTINGS}"
    check(ezkl.gen_settings(model, settings, py_run_args=run_args), "gen-settings")
    check(ezkl.calibrate_settings(calibration, model, settings, "resources", scales=[wanted["scale"]]), "calibrate-settings")
    if wanted["logrows"] > 0:  # fewer rows: EZKL spreads the lookup tables over more columns
        with open(settings) as f:
            calibrated = json.load(f)
        calibrated["run_args"]["logrows"] = wanted["logrows"]
        with open(settings, "w") as f:
            json.dump(calibrated, f)
    check(ezkl.compile_circuit(model, f"{directory}/{COMPILED}", settings), "compile-circuit")
    logrows = json.load(open(settings))["run_args"]["logrows"]
    if srs is None:
        srs = f"{directory}/{SRS}"
        ezkl.gen_srs(srs, logrows)
    check(ezkl.setup(f"{directory}/{COMPILED}", f"{directory}/{VK}", f"{directory}/{PK}", srs), "setup")
    return {"ezkl": ezkl.__version__, "logrows": logrows, "srs": srs, "proven_model_sha256": proven_sha256}


def prove(directory, input_json, proof_out, srs):
    witness = f"{proof_out}.witness.json"
    ezkl.gen_witness(input_json, f"{directory}/{COMPILED}", witness)
    check(ezkl.prove(witness, f"{directory}/{COMPILED}", f"{directory}/{PK}", proof_out, srs), "prove")
    return {"proof": proof_out}


def commitment(directory, input_json):
    """The Poseidon commitment to an input, recomputed as a client would: each feature rounded to float32 and
    quantized at the circuit's input scale, each salt word taken as the field element it is."""
    with open(f"{directory}/{SETTINGS}") as f:
        scale = json.load(f)["model_input_scales"][0]
    with open(input_json) as f:
        row = json.load(f)["input_data"][0]
    felts = [x if isinstance(x, str) else ezkl.float_to_felt(struct.unpack("f", struct.pack("f", x))[0], scale) for x in row]
    return {"commitment": ezkl.poseidon_hash(felts)[0]}


def verify(directory, proof, srs):
    try:
        return {"valid": bool(ezkl.verify(proof, f"{directory}/{SETTINGS}", f"{directory}/{VK}", srs)), "reason": ""}
    except Exception as e:  # EZKL raises on proofs it cannot even parse or that fail its checks
        return {"valid": False, "reason": str(e)[:500]}


def evm_vka(directory, vka_out, srs):
    """The verifying-key artefact that EZKL's reusable EVM verifier checks proofs of this circuit against."""
    ok = in_event_loop(ezkl.create_evm_vka, f"{directory}/{VK}", f"{directory}/{SETTINGS}", vka_out, srs)
    check(ok, "create-evm-vka")
    return {"vka": vka_out}


def evm_verifier(directory, sol_out, srs, kind="reusable"):
    """The Solidity source of the reusable verifier for this circuit's shape, or ("single") of the verifier of this
    circuit alone, its verifying key compiled in. EZKL then compiles it with a solc it downloads: that step fails
    offline and is not needed (contracts/ compiles the source with the pinned solc-js)."""
    try:
        in_event_loop(ezkl.create_evm_verifier, f"{directory}/{VK}", f"{directory}/{SETTINGS}", sol_out,
                      f"{sol_out}.abi", srs, kind != "single")
    except Exception as e:
        if not os.path.exists(sol_out):
            raise
        print(f"ignored after the source was written: {e}", file=sys.stderr)
    return {"source": sol_out}


def in_event_loop(function, *args):
    """Runs one of EZKL's asynchronous functions, which need a running event loop even to be called."""
    async def call():
        return await function(*args)
    return asyncio.run(call())


def check(ok, step):
    if ok is False:
        raise RuntimeError(f"ezkl {step} reported failure")


COMMANDS = {"version": version, "setup": setup, "prove": prove, "commitment": commitment, "verify": verify, "evm-vka": evm_vka,
            "evm-verifier": evm_verifier}

def die_with_parent():
    """A service killed mid-proof (SIGKILL included) leaves no bridge running: the kernel kills this process with it."""
    try:
        import ctypes
        import signal
        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        return  # not Linux: the Java side's deadlines still bound the process
    if os.getppid() == 1:  # the parent died before the request above was made
        os._exit(3)


def serve():
    for line in sys.stdin:
        try:
            command, *args = json.loads(line)
            answer = {"answer": COMMANDS[command](*args)}
        except BaseException as e:  # EZKL's Rust panics are BaseExceptions; the worker answers them and goes on
            if isinstance(e, (KeyboardInterrupt, SystemExit)):
                raise
            answer = {"error": f"{type(e).__name__}: {e}"[:2000]}
        print(ANSWER + json.dumps(answer), flush=True)
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    die_with_parent()
    if sys.argv[1:] == ["serve"]:
        serve()
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit("usage: ezkl_bridge.py " + "|".join(COMMANDS) + " ARGS...")
    print(json.dumps(COMMANDS[sys.argv[1]](*sys.argv[2:])), flush=True)
    sys.stderr.flush()
    # EZKL's native runtime can crash while Python shuts down after its solc download failed (exit 139 once the
    # answer and the files were written): leave without interpreter finalization.
    os._exit(0)
