package io.veriscore.contracts;

import org.web3j.protocol.Web3j;
import org.web3j.tx.Contract;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;

/**
 * EZKL's single-circuit verifier of one model version, deployed from the bytecode {@link VerifierCompiler} made: no
 * generated wrapper, as its code is only known at run time; the registry calls it, never this service.
 */
public final class CircuitVerifier extends Contract {

    CircuitVerifier(String address, Web3j web3j, TransactionManager transactions, ContractGasProvider gas) {
        super("", address, web3j, transactions, gas);
    }

    public static CircuitVerifier deploy(Web3j web3j, TransactionManager transactions, ContractGasProvider gas,
            VerifierCompiler.Compiled verifier) throws Exception {
        return deployRemoteCall(CircuitVerifier.class, web3j, transactions, gas, verifier.creationCode(), "").send();
    }
}
