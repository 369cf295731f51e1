package io.veriscore.app.face;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.error.VeriscoreException.FieldError;
import io.veriscore.app.error.VeriscoreException.Kind;
import io.veriscore.app.model.OnnxConfig;
import io.veriscore.face.DecodeMemory;
import io.veriscore.face.FaceScan;
import io.veriscore.face.FaceScanException;
import io.veriscore.face.FaceScanner;
import io.veriscore.spi.FaceScanModel;
import io.veriscore.transparency.Sha256;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Turns a client's image into a face model's input: decodes the base64, finds the face, asks the plugin for its
 * input, and describes the face for the stored result. Every refusal is a problem naming its reason.
 */
@ApplicationScoped
public class ImageInputs {

    /** A client's image and when it was taken; {@code clockTime} when the client did not say and the service's clock was used. */
    public record Image(String base64, OffsetDateTime capturedAt, boolean clockTime) {}

    /** The plugin's input for the face, the face as stored with the result, and what the client should know. */
    public record ScannedInput(JsonNode input, Map<String, Object> face, List<String> warnings) {}

    private static final java.time.format.DateTimeFormatter RFC_3339_SECONDS =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    private static final int BUSY_RETRY_SECONDS = 2;

    private final FaceScanner scanner;
    private final long maxImageBytes;
    private final ObjectMapper mapper;
    private final MeterRegistry meters;

    ImageInputs(FaceConfig faceConfig, OnnxConfig onnxConfig, ObjectMapper mapper, MeterRegistry meters) {
        FaceConfig face = faceConfig;
        this.scanner = new FaceScanner(new FaceScanner.Limits(face.maxPixels(), face.minDetectionScore(), face.minFaceWidth(),
                face.minSharpness(), face.minPresence()), onnxConfig.intraOpThreads(),
                new DecodeMemory(face.decodeMemory().asLongValue(), face.decodeWait()));
        this.maxImageBytes = face.maxImageBytes();
        this.mapper = mapper;
        this.meters = meters;
    }

    /** A face found in a client's image, described as it is stored, with what the client should know. */
    public record Found(FaceScan scan, Map<String, Object> face, List<String> warnings) {}

    /** Finds the face for one model and computes that model's input from it. */
    public ScannedInput scan(FaceScanModel model, String modelId, Image image) {
        Found found = find(image);
        return new ScannedInput(inputFor(model, modelId, found), found.face(), found.warnings());
    }

    public Found find(Image image) {
        byte[] bytes = decode(image.base64());
        FaceScan scan = scan(bytes, image.capturedAt());
        List<String> warnings = new ArrayList<>();
        if (scan.facesFound() > 1) {
            warnings.add(scan.facesFound() + " faces in the image; the largest was scored");
        }
        if (image.clockTime()) {
            warnings.add("no capturedAt given: the image is taken to be from now, " + RFC_3339_SECONDS.format(image.capturedAt()));
        }
        return new Found(scan, describe(scan, bytes, image.capturedAt()), warnings);
    }

    /** The model's input for a face found with {@link #find}. */
    public JsonNode inputFor(FaceScanModel model, String modelId, Found found) {
        long start = System.nanoTime();
        Map<String, Object> input = model.inputFor(found.scan().face());
        record("features", System.nanoTime() - start, modelId);
        return mapper.valueToTree(input);
    }

    private FaceScan scan(byte[] bytes, OffsetDateTime capturedAt) {
        try {
            FaceScan scan = scanner.scan(bytes, capturedAt);
            record("decode", scan.timings().decodeNanos(), "all");
            record("detect", scan.timings().detectNanos(), "all");
            record("landmarks", scan.timings().landmarksNanos(), "all");
            return scan;
        } catch (FaceScanException e) {
            if (e.reason() == FaceScanException.Reason.DECODER_BUSY) {
                throw VeriscoreException.unavailable(e.getMessage(), BUSY_RETRY_SECONDS);
            }
            String reason = e.reason().name().toLowerCase().replace('_', '-');
            Kind kind = e.reason() == FaceScanException.Reason.IMAGE_TOO_LARGE ? Kind.TOO_LARGE : Kind.UNPROCESSABLE;
            throw new VeriscoreException(kind, e.getMessage(), List.of(new FieldError("/image", reason)));
        }
    }

    private byte[] decode(String base64) {
        if (base64.length() > maxImageBytes / 3 * 4 + 4) {
            throw new VeriscoreException(Kind.TOO_LARGE, "the image has more than " + maxImageBytes + " bytes",
                    List.of(new FieldError("/image", "image-too-large")));
        }
        try {
            String data = base64.startsWith("data:") ? base64.substring(base64.indexOf(',') + 1) : base64; // a data: URL
            return Base64.getDecoder().decode(WHITESPACE.matcher(data).replaceAll(""));
        } catch (IllegalArgumentException e) {
            throw VeriscoreException.invalidRequest("'image' must be the base64 of a JPEG or PNG file: " + e.getMessage());
        }
    }

    private static Map<String, Object> describe(FaceScan scan, byte[] bytes, OffsetDateTime capturedAt) {
        Map<String, Object> box = new LinkedHashMap<>();
        box.put("x", round(scan.box().x(), 1));
        box.put("y", round(scan.box().y(), 1));
        box.put("width", round(scan.box().width(), 1));
        box.put("height", round(scan.box().height(), 1));
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("width", scan.imageWidth());
        image.put("height", scan.imageHeight());
        image.put("sha256", Sha256.hex(bytes));
        Map<String, Object> face = new LinkedHashMap<>();
        face.put("box", box);
        face.put("detectionScore", round(scan.detectionScore(), 4));
        face.put("landmarkPresence", round(scan.presence(), 4));
        face.put("sharpness", round(scan.sharpness(), 1));
        face.put("facesFound", scan.facesFound());
        face.put("image", image);
        face.put("capturedAt", RFC_3339_SECONDS.format(capturedAt));
        return face;
    }

    private void record(String stage, long nanos, String model) {
        meters.timer("veriscore.face.stage", "stage", stage, "model", model).record(nanos, TimeUnit.NANOSECONDS);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    @PreDestroy
    void close() {
        scanner.close();
    }
}
