// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.20;

import {SSTORE2} from "solady/src/utils/SSTORE2.sol";

/// EZKL's reusable Halo2 verifier: one contract per circuit shape, one verifying-key artefact (VKA) per model version.
interface IHalo2VerifierReusable {
    function registerVka(bytes32[] memory vka) external returns (bytes32 digest);

    function verifyProof(bytes calldata proof, uint256[] calldata instances, bytes32[] memory vka)
        external
        returns (bool success, bytes32 digest, int256[] memory rescaledInstances);
}

/// Records proven stress scores, each checked by the Halo2 verifier of its model version: at most one record per
/// result and one per statement (model, input commitment, logit), so that a proof cannot be replayed.
///
/// A circuit proves the network up to its final Sigmoid: the statement is the quantized logit z (a field element,
/// p - |z| when negative) and everyone applies the sigmoid in public. The label is exactly z >= 0 (score >= 0.5).
contract ScoreRegistry {
    /// A model version. Its VKA (about 10 KB) is kept as contract code: reading it back costs far less than storage
    /// or than calldata on every submission.
    struct Model {
        IHalo2VerifierReusable verifier;
        address vkaPointer;
        bytes32 vkaDigest;
    }

    /// Three storage slots: the logit, the label and the block share one.
    struct Score {
        bytes32 verifyingKey;
        uint256 inputCommitment;
        int128 logit;
        bool stressed;
        uint64 blockNumber;
    }

    /// The circuits proven here have exactly two public instances: the Poseidon commitment to the input and its salt,
    /// then the quantized logit.
    uint256 private constant INSTANCES = 2;
    /// BN254's scalar field, in which the instances live.
    uint256 private constant FIELD = 21888242871839275222246405745257275088548364400416034343698204186575808495617;

    address public immutable owner;
    /// Model versions by the SHA-256 of their EZKL verifying key.
    mapping(bytes32 => Model) public models;
    mapping(bytes32 => Score) public scores;
    mapping(bytes32 => bytes32) public resultOfStatement;

    event ModelRegistered(bytes32 indexed verifyingKey, address verifier, bytes32 vkaDigest);
    event ScoreRecorded(
        bytes32 indexed resultId, bytes32 indexed verifyingKey, uint256 inputCommitment, int256 logit, bool stressed
    );

    error NotOwner();
    error ZeroResultId();
    error ModelAlreadyRegistered(bytes32 verifyingKey);
    error UnknownModel(bytes32 verifyingKey);
    error UnexpectedInstances(uint256 count);
    error InvalidProof();
    error LogitOutOfRange(uint256 instance);
    error ResultAlreadyRecorded(bytes32 resultId);
    error StatementAlreadyRecorded(bytes32 statement, bytes32 resultId);

    constructor() {
        owner = msg.sender;
    }

    function registerModel(bytes32 verifyingKey, IHalo2VerifierReusable verifier, bytes32[] calldata vka) external {
        if (msg.sender != owner) revert NotOwner();
        if (address(models[verifyingKey].verifier) != address(0)) revert ModelAlreadyRegistered(verifyingKey);
        bytes32 digest = verifier.registerVka(vka);
        models[verifyingKey] = Model(verifier, SSTORE2.write(abi.encode(vka)), digest);
        emit ModelRegistered(verifyingKey, address(verifier), digest);
    }

    function submit(bytes32 resultId, bytes32 verifyingKey, bytes calldata proof, uint256[] calldata instances)
        external
    {
        Model storage model = models[verifyingKey];
        if (resultId == bytes32(0)) revert ZeroResultId();
        if (address(model.verifier) == address(0)) revert UnknownModel(verifyingKey);
        if (instances.length != INSTANCES) revert UnexpectedInstances(instances.length);
        if (scores[resultId].blockNumber != 0) revert ResultAlreadyRecorded(resultId);
        bytes32 statement = keccak256(abi.encode(verifyingKey, instances));
        bytes32 earlier = resultOfStatement[statement];
        if (earlier != bytes32(0)) revert StatementAlreadyRecorded(statement, earlier);

        int128 logit = signed(instances[1]);

        verify(model, proof, instances);

        bool stressed = logit >= 0;
        scores[resultId] = Score(verifyingKey, instances[0], logit, stressed, uint64(block.number));
        resultOfStatement[statement] = resultId;
        emit ScoreRecorded(resultId, verifyingKey, instances[0], logit, stressed);
    }

    /// The integer a field element encodes, as EZKL encodes them: those above (p - 1) / 2 are negative.
    function signed(uint256 instance) private pure returns (int128) {
        if (instance >= FIELD) revert LogitOutOfRange(instance);
        int256 value = instance > FIELD / 2 ? -int256(FIELD - instance) : int256(instance);
        if (value > type(int128).max || value < type(int128).min) revert LogitOutOfRange(instance);
        return int128(value);
    }

    /// The verifier reverts on an invalid proof and hand-encodes its answer, so it is called low-level and only the
    /// first two words of the answer (success, VKA digest) are read.
    function verify(Model storage model, bytes calldata proof, uint256[] calldata instances) private {
        bytes32[] memory vka = abi.decode(SSTORE2.read(model.vkaPointer), (bytes32[]));
        (bool called, bytes memory answer) =
            address(model.verifier).call(abi.encodeCall(IHalo2VerifierReusable.verifyProof, (proof, instances, vka)));
        if (!called || answer.length < 64) revert InvalidProof();
        (bool valid, bytes32 digest) = abi.decode(answer, (bool, bytes32));
        if (!valid || digest != model.vkaDigest) revert InvalidProof();
    }
}
