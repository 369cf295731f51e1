"""Veriscore's bridge to EZKL's Python module.

One command per process; the answer is one JSON object on the last line of standard output,
errors go to standard error with a non-zero exit code. The Java side treats all of it as untrusted.

    python ezkl_bridge.py version
    python ezkl_bridge.py setup DIR MODEL CALIBRATION_JSON SETTINGS_JSON [SRS]
    python ezkl_bridge.py prove DIR INPUT_JSON PROOF_OUT
    python ezkl_bridge.py verify DIR PROOF
    python ezkl_bridge.py evm-vka DIR VKA_OUT SRS
    python ezkl_bridge.py evm-verifier DIR SOL_OUT SRS
"""

import asyncio
import json
import os
import sys

import ezkl

SETTINGS, COMPILED, VK, PK, SRS = "settings.json", "model.compiled", "vk.key", "pk.key", "kzg.srs"


def version():
    return {"ezkl": ezkl.__version__}


def setup(directory, model, calibration, settings_json, srs=None):
    wanted = json.loads(settings_json)
    run_args = ezkl.PyRunArgs()
    run_args.input_visibility = wanted["input_visibility"]
    run_args.output_visibility = wanted["output_visibility"]
    run_args.param_visibility = wanted["param_visibility"]
    run_args.input_scale = run_args.param_scale = wanted["scale"]
    run_args.decomp_base = wanted["decomp_base"]
    run_args.decomp_legs = wanted["decomp_legs"]
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
    return {"ezkl": ezkl.__version__, "logrows": logrows, "srs": srs}


def prove(directory, input_json, proof_out, srs):
    witness = f"{proof_out}.witness.json"
    ezkl.gen_witness(input_json, f"{directory}/{COMPILED}", witness)
    check(ezkl.prove(witness, f"{directory}/{COMPILED}", f"{directory}/{PK}", proof_out, srs), "prove")
    return {"proof": proof_out}


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


def evm_verifier(directory, sol_out, srs):
    """The Solidity source of the reusable verifier for this circuit's shape. EZKL then compiles it with a solc it
    downloads: that step fails offline and is not needed (contracts/ compiles the source with the pinned solc-js)."""
    try:
        in_event_loop(ezkl.create_evm_verifier, f"{directory}/{VK}", f"{directory}/{SETTINGS}", sol_out,
                      f"{sol_out}.abi", srs, True)
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


COMMANDS = {"version": version, "setup": setup, "prove": prove, "verify": verify, "evm-vka": evm_vka,
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


if __name__ == "__main__":
    die_with_parent()
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit("usage: ezkl_bridge.py " + "|".join(COMMANDS) + " ARGS...")
    print(json.dumps(COMMANDS[sys.argv[1]](*sys.argv[2:])), flush=True)
    sys.stderr.flush()
    # EZKL's native runtime can crash while Python shuts down after its solc download failed (exit 139 once the
    # answer and the files were written): leave without interpreter finalization.
    os._exit(0)
