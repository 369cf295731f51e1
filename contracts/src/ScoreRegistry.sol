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

/// EZKL's single-circuit Halo2 verifier: the verifying key is compiled in, so it serves one model version only, and
/// it costs far less gas than the reusable one; it fits EIP-170 for the `onchain` circuit profile.
interface IHalo2Verifier {
    function verifyProof(bytes calldata proof, uint256[] calldata instances) external returns (bool);
}

/// Records proven stress scores, each checked by the Halo2 verifier of its model version: at most one record per
/// result and one per statement (input commitment, logit), so that a proof cannot be replayed, nor the same statement
/// proven again in another circuit (another verifying key) and recorded under another result. Only recorders
/// record (the owner, and the accounts it names: one per instance of the service, say), so that nobody who sees the
/// service's transaction in the mempool can record its proof first under another result, or a valid proof of other
/// input under a victim's result: the recorders are the ones who know which result a proof belongs to.
///
/// It also anchors the service's transparency log (RFC 9162): a recorder publishes a signed tree head (size, root, the
/// time it was issued and its Ed25519 signature by the log's key), and the root is kept by size, so that anyone can
/// check a record's inclusion in a tree the chain holds without asking the service for anything but the proofs.
///
/// A circuit proves the network up to its final Sigmoid: the statement is the quantized logit z (a field element,
/// p - |z| when negative) and everyone applies the sigmoid in public. The label is exactly z >= 0 (score >= 0.5).
contract ScoreRegistry {
    /// A model version, verified either by the reusable verifier with its VKA (about 10 KB, kept as contract code:
    /// reading it back costs far less than storage or than calldata on every submission), or by a single-circuit
    /// verifier of its own (no VKA: vkaPointer is zero).
    struct Model {
        address verifier;
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

    /// A single proof has exactly two public instances: the Poseidon commitment to the input and its salt, then the
    /// quantized logit.
    uint256 private constant INSTANCES = 2;
    /// BN254's scalar field, in which the instances live.
    uint256 private constant FIELD = 21888242871839275222246405745257275088548364400416034343698204186575808495617;

    address public immutable owner;
    /// Model versions by the SHA-256 of their EZKL verifying key.
    mapping(bytes32 => Model) public models;
    mapping(bytes32 => Score) public scores;
    mapping(bytes32 => bytes32) public resultOfStatement;
    mapping(address => bool) public recorders;
    /// The log's anchored roots by tree size: one slot per anchor, the rest of the signed tree head in its event.
    mapping(uint64 => bytes32) public anchoredRoots;

    event RecorderSet(address indexed account, bool allowed);
    event ModelRegistered(bytes32 indexed verifyingKey, address verifier, bytes32 vkaDigest);
    event CircuitVerifierRegistered(bytes32 indexed verifyingKey, address verifier);
    event ScoreRecorded(
        bytes32 indexed resultId, bytes32 indexed verifyingKey, uint256 inputCommitment, int256 logit, bool stressed
    );

    /// issuedAt: the tree head's time in microseconds since the epoch; keyId: the SHA-256 of the log's public key.
    event TreeHeadAnchored(uint64 indexed treeSize, bytes32 rootHash, uint64 issuedAt, bytes32 keyId, bytes signature);

    error NotOwner();
    error NotRecorder(address account);
    error ZeroResultId();
    error ModelAlreadyRegistered(bytes32 verifyingKey);
    error UnknownModel(bytes32 verifyingKey);
    error UnexpectedInstances(uint256 count);
    error InvalidProof();
    error LogitOutOfRange(uint256 instance);
    error ResultAlreadyRecorded(bytes32 resultId);
    error StatementAlreadyRecorded(bytes32 statement, bytes32 resultId);
    error EmptyTreeHead();
    error TreeHeadAlreadyAnchored(uint64 treeSize, bytes32 rootHash);

    constructor() {
        owner = msg.sender;
        recorders[msg.sender] = true;
        emit RecorderSet(msg.sender, true);
    }

    /// Names (or, with false, retires) an account that may record scores.
    function setRecorder(address account, bool allowed) external {
        if (msg.sender != owner) revert NotOwner();
        recorders[account] = allowed;
        emit RecorderSet(account, allowed);
    }

    /// Anchors a signed tree head of the service's log. A tree size is anchored once: an honest log has one root per size.
    function anchorTreeHead(uint64 treeSize, bytes32 rootHash, uint64 issuedAt, bytes32 keyId, bytes calldata signature)
        external
    {
        if (!recorders[msg.sender]) revert NotRecorder(msg.sender);
        if (treeSize == 0 || rootHash == bytes32(0)) revert EmptyTreeHead();
        bytes32 anchored = anchoredRoots[treeSize];
        if (anchored != bytes32(0)) revert TreeHeadAlreadyAnchored(treeSize, anchored);
        anchoredRoots[treeSize] = rootHash;
        emit TreeHeadAnchored(treeSize, rootHash, issuedAt, keyId, signature);
    }

    function registerModel(bytes32 verifyingKey, IHalo2VerifierReusable verifier, bytes32[] calldata vka) external {
        if (msg.sender != owner) revert NotOwner();
        if (models[verifyingKey].verifier != address(0)) revert ModelAlreadyRegistered(verifyingKey);
        bytes32 digest = verifier.registerVka(vka);
        models[verifyingKey] = Model(address(verifier), SSTORE2.write(abi.encode(vka)), digest);
        emit ModelRegistered(verifyingKey, address(verifier), digest);
    }

    /// A model version whose proofs `verifier` checks alone: EZKL's single-circuit verifier for its verifying key.
    function registerCircuitVerifier(bytes32 verifyingKey, IHalo2Verifier verifier) external {
        if (msg.sender != owner) revert NotOwner();
        if (models[verifyingKey].verifier != address(0)) revert ModelAlreadyRegistered(verifyingKey);
        models[verifyingKey] = Model(address(verifier), address(0), bytes32(0));
        emit CircuitVerifierRegistered(verifyingKey, address(verifier));
    }

    function submit(bytes32 resultId, bytes32 verifyingKey, bytes calldata proof, uint256[] calldata instances)
        external
    {
        if (!recorders[msg.sender]) revert NotRecorder(msg.sender);
        Model storage model = models[verifyingKey];
        if (resultId == bytes32(0)) revert ZeroResultId();
        if (model.verifier == address(0)) revert UnknownModel(verifyingKey);
        if (instances.length != INSTANCES) revert UnexpectedInstances(instances.length);
        refuse(resultId, instances[0], instances[1]);
        verify(model, proof, instances);
        record(resultId, verifyingKey, instances[0], instances[1]);
    }

    /// Records every result of one batch proof, verified once: row i states commitment instances[i] and logit
    /// instances[n + i] (EZKL lists a batch's commitments, then its logits), recorded as result resultIds[i]. Rows
    /// with the zero id are the batch's filler and are not recorded; each recorded row is a statement of its own, so
    /// no row can be recorded again, alone or in another batch.
    function submitBatch(
        bytes32[] calldata resultIds,
        bytes32 verifyingKey,
        bytes calldata proof,
        uint256[] calldata instances
    ) external {
        if (!recorders[msg.sender]) revert NotRecorder(msg.sender);
        Model storage model = models[verifyingKey];
        if (model.verifier == address(0)) revert UnknownModel(verifyingKey);
        uint256 rows = resultIds.length;
        if (rows == 0 || instances.length != 2 * rows) revert UnexpectedInstances(instances.length);
        bool any;
        for (uint256 i; i < rows; ++i) {
            if (resultIds[i] != bytes32(0)) {
                refuse(resultIds[i], instances[i], instances[rows + i]);
                any = true;
            }
        }
        if (!any) revert ZeroResultId();
        verify(model, proof, instances);
        for (uint256 i; i < rows; ++i) {
            if (resultIds[i] != bytes32(0)) record(resultIds[i], verifyingKey, instances[i], instances[rows + i]);
        }
    }

    /// Reverts when a row must not be recorded, before its proof's costly verification. The statement of a row is
    /// (input commitment, logit), whatever circuit proved it: the commitment is to the input and its per-result salt, so
    /// at most one record each, and one per result.
    function refuse(bytes32 resultId, uint256 inputCommitment, uint256 logitInstance) private view {
        if (scores[resultId].blockNumber != 0) revert ResultAlreadyRecorded(resultId);
        bytes32 statement = keccak256(abi.encode(inputCommitment, logitInstance));
        bytes32 earlier = resultOfStatement[statement];
        if (earlier != bytes32(0)) revert StatementAlreadyRecorded(statement, earlier);
        signed(logitInstance);
    }

    function record(bytes32 resultId, bytes32 verifyingKey, uint256 inputCommitment, uint256 logitInstance) private {
        refuse(resultId, inputCommitment, logitInstance); // again: a batch may repeat a result or a row
        int128 logit = signed(logitInstance);
        bool stressed = logit >= 0;
        scores[resultId] = Score(verifyingKey, inputCommitment, logit, stressed, uint64(block.number));
        resultOfStatement[keccak256(abi.encode(inputCommitment, logitInstance))] = resultId;
        emit ScoreRecorded(resultId, verifyingKey, inputCommitment, logit, stressed);
    }

    /// The integer a field element encodes, as EZKL encodes them: those above (p - 1) / 2 are negative.
    function signed(uint256 instance) private pure returns (int128) {
        if (instance >= FIELD) revert LogitOutOfRange(instance);
        int256 value = instance > FIELD / 2 ? -int256(FIELD - instance) : int256(instance);
        if (value > type(int128).max || value < type(int128).min) revert LogitOutOfRange(instance);
        return int128(value);
    }

    /// The verifiers revert on an invalid proof and hand-encode their answers, so they are called low-level: the
    /// single-circuit one answers one word (success), the reusable one two (success, VKA digest).
    function verify(Model storage model, bytes calldata proof, uint256[] calldata instances) private {
        if (model.vkaPointer == address(0)) {
            (bool ok, bytes memory result) =
                model.verifier.call(abi.encodeCall(IHalo2Verifier.verifyProof, (proof, instances)));
            if (!ok || result.length < 32 || !abi.decode(result, (bool))) revert InvalidProof();
            return;
        }
        bytes32[] memory vka = abi.decode(SSTORE2.read(model.vkaPointer), (bytes32[]));
        (bool called, bytes memory answer) =
            address(model.verifier).call(abi.encodeCall(IHalo2VerifierReusable.verifyProof, (proof, instances, vka)));
        if (!called || answer.length < 64) revert InvalidProof();
        (bool valid, bytes32 digest) = abi.decode(answer, (bool, bytes32));
        if (!valid || digest != model.vkaDigest) revert InvalidProof();
    }
}
