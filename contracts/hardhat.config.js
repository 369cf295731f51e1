// Hardhat is only the development chain here: contracts are compiled by scripts/compile.js with the pinned solc-js,
// so that no compiler is ever downloaded. The node enforces EIP-170's 24,576-byte limit (allowUnlimitedContractSize false).
module.exports = {
  paths: { sources: "./hardhat-has-no-sources", cache: "./cache", artifacts: "./cache/artifacts" },
  networks: {
    hardhat: { chainId: 31337, allowUnlimitedContractSize: false, mining: { auto: true } },
  },
};
