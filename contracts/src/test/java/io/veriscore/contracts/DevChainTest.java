package io.veriscore.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;

/** A development chain with a state file is the same chain after any number of restarts. */
class DevChainTest {

    private static final Path CONTRACTS = Path.of(System.getProperty("veriscore.contracts.dir", "."));

    @TempDir
    Path work;

    @Test
    void block0AndEveryMinedBlockKeepTheirHashesOverRestarts() throws Exception {
        Path state = work.resolve("state.json");
        List<String> genesis = new ArrayList<>();
        List<String> firstBlock = new ArrayList<>();
        for (int start = 0; start < 5; start++) {
            try (DevChain chain = DevChain.start(CONTRACTS, Optional.of(state), Duration.ofMinutes(1))) {
                HttpService rpc = new HttpService(chain.rpcUrl());
                Web3j web3j = Web3j.build(rpc);
                new Request<>("evm_mine", List.of(), rpc, VoidResponse.class).send();
                genesis.add(hash(web3j, 0));
                firstBlock.add(hash(web3j, 1));
                assertEquals(BigInteger.valueOf(start + 1), web3j.ethBlockNumber().send().getBlockNumber(),
                        "the blocks mined before the restart are still there");
                Thread.sleep(1100); // a later start's genesis has a later timestamp, and the state is written every second
                web3j.shutdown();
            }
        }
        assertEquals(List.of(genesis.getFirst()), genesis.stream().distinct().toList(), "block 0 at every start: " + genesis);
        assertEquals(List.of(firstBlock.getFirst()), firstBlock.stream().distinct().toList(), "block 1 at every start");
    }

    private static String hash(Web3j web3j, long number) throws IOException {
        return web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false).send().getBlock().getHash();
    }
}
