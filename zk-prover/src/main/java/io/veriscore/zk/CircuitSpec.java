package io.veriscore.zk;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@link ZkProver#setUp} needs.
 *
 * @param model       the ONNX model file
 * @param calibration sample inputs (e.g. the validation set) to calibrate the fixed-point ranges on
 * @param directory   where the circuit's artefacts are written
 * @param srs         a trusted-setup SRS file; empty means generate an insecure development SRS
 */
public record CircuitSpec(Path model, List<List<Double>> calibration, Path directory, CircuitSettings settings, Optional<Path> srs) {}
