package io.veriscore.app.chain;

import io.veriscore.app.chain.ChainConnection.Chain;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.gas.StaticEIP1559GasProvider;

/** EIP-1559 fees from the chain's latest block: a max fee of twice the base fee plus the suggested tip. */
@ApplicationScoped
public class Fees {

    /** Enough for deploying either contract or registering a model (each about 2.4 million gas). */
    private static final BigInteger DEPLOYMENT_GAS = BigInteger.valueOf(6_000_000);

    public record Eip1559(BigInteger maxPriorityFeePerGas, BigInteger maxFeePerGas) {}

    public Eip1559 current(Chain chain) {
        try {
            BigInteger baseFee = chain.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock().getBaseFeePerGas();
            BigInteger tip = chain.web3j().ethMaxPriorityFeePerGas().send().getMaxPriorityFeePerGas();
            return new Eip1559(tip, baseFee.shiftLeft(1).add(tip));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    StaticEIP1559GasProvider forDeployment(Chain chain) {
        return limitedTo(chain, DEPLOYMENT_GAS);
    }

    StaticEIP1559GasProvider limitedTo(Chain chain, BigInteger gasLimit) {
        Eip1559 fees = current(chain);
        return new StaticEIP1559GasProvider(chain.chainId(), fees.maxFeePerGas(), fees.maxPriorityFeePerGas(), gasLimit);
    }
}
