package io.veriscore.app.proof;

import io.veriscore.contracts.VerifierCompiler;
import java.nio.file.Path;

/** How the chain verifies the proofs of one model version. */
public sealed interface EvmVerifier {

    /** EZKL's reusable verifier, shared by every model version, given this one's verifying-key artefact (fast profile). */
    record Reusable(Path vka) implements EvmVerifier {}

    /** EZKL's single-circuit verifier of this model version, its key compiled in (onchain profile). */
    record SingleCircuit(VerifierCompiler.Compiled code) implements EvmVerifier {}
}
