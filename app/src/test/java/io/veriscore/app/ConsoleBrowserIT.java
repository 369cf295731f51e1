package io.veriscore.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.veriscore.app.inference.BiosignalApiTest;
import io.veriscore.app.testing.Api;
import io.veriscore.app.testing.PackagedService;
import io.veriscore.db.EmbeddedPostgres;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console in a real headless Chromium (Debian's {@code chromium}, driven by playwright-core from npm: the tests are
 * {@code console/e2e/*.test.mjs}), against the packaged service with its development chain. The camera is Chromium's
 * fake capture device playing a video made here from the face test set. Screenshots of every page and the measured
 * figures land in {@code target/console-e2e/}.
 */
public class ConsoleBrowserIT {

    private static final Path OUT = Path.of("target/console-e2e").toAbsolutePath();
    /** The camera's faces in turn; "mirrored:" flips one, so that s1-left's head turns from the left to the right. */
    private static final List<String> FACES = List.of("s3-left.jpg", "astronaut.jpg", "s1-middle.jpg", "s6-second.jpg", "s1-left.jpg",
            "mirrored:s1-left.jpg");

    private static EmbeddedPostgres database;
    private static Process service;
    private static int port;

    @BeforeAll
    static void startService() throws Exception {
        Files.createDirectories(OUT);
        database = EmbeddedPostgres.startTemporary();
        port = PackagedService.freePort();
        service = PackagedService.startWithChain(port, database, "target/console-signing-key.pem", OUT.resolve("service.log"),
                "/q/health", "/v1/models/stress-mlp/circuit", "/v1/chain");
    }

    @AfterAll
    static void stopService() throws InterruptedException {
        PackagedService.stop(service, database);
    }

    @Test
    void aPersonScansProvesRecordsAndAuditsInTheBrowser() throws Exception {
        Path camera = OUT.resolve("camera.y4m");
        writeCamera(camera);
        Path recording = OUT.resolve("recording.json"); // what the person uploads from a wearable
        new com.fasterxml.jackson.databind.ObjectMapper().writeValue(recording.toFile(),
                BiosignalApiTest.recording(BiosignalApiTest.WESAD_RATES, 125));
        run("console.test.mjs", port, camera, recording);

        // A service started afresh builds its circuits in the background: a proof asked for meanwhile waits, and says why.
        EmbeddedPostgres freshDatabase = EmbeddedPostgres.startTemporary();
        Process fresh = null;
        try {
            int freshPort = PackagedService.freePort();
            Path circuits = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "fresh-circuits");
            fresh = PackagedService.start(freshPort, freshDatabase, "target/console-fresh-signing-key.pem", OUT.resolve("fresh-service.log"),
                    List.of("-Dveriscore.prover.circuit-directory=" + circuits, "-Dveriscore.chain.enabled=false"), "/q/health/ready");
            run("circuit-build.test.mjs", freshPort, camera, recording);
        } finally {
            PackagedService.stop(fresh, freshDatabase);
        }
    }

    /** Runs one file of the browser tests against the service on {@code port}; its output in target/console-e2e/. */
    private static void run(String tests, int port, Path camera, Path recording) throws Exception {
        Path log = OUT.resolve(tests.replace(".test.mjs", ".log"));
        ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-reporter=spec", "e2e/" + tests)
                .directory(Path.of("../console").toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        node.environment().put("VERISCORE_URL", "http://127.0.0.1:" + port);
        node.environment().put("CLIENT_KEY", Api.CLIENT_KEY);
        node.environment().put("AUDITOR_KEY", Api.AUDITOR_KEY);
        node.environment().put("CAMERA_Y4M", camera.toString());
        node.environment().put("PHOTO", Path.of("../models/face/testset/astronaut.jpg").toAbsolutePath().normalize().toString());
        node.environment().put("RECORDING", recording.toString());
        node.environment().put("E2E_OUT", OUT.toString());
        node.environment().put("CHROMIUM", chromium());
        node.environment().put("JAVA", ProcessHandle.current().info().command().orElse("java"));
        node.environment().put("AUDITOR_JAR", Path.of("../auditor/target/veriscore-auditor.jar").toAbsolutePath().normalize().toString());
        node.environment().put("EZKL_PYTHON", Path.of("../.veriscore/ezkl-venv/bin/python").toAbsolutePath().normalize().toString());
        Process run = node.start();
        if (!run.waitFor(12, TimeUnit.MINUTES)) {
            run.destroyForcibly();
            fail("the browser tests took over 12 minutes; see " + log);
        }
        System.out.println(Files.readString(log));
        assertEquals(0, run.exitValue(), "the browser tests failed; see " + log + " and the screenshots beside it");
    }

    /** Debian's chromium, which ./veriscore test installs; CHROMIUM names another. */
    private static String chromium() {
        return Optional.ofNullable(System.getenv("CHROMIUM"))
                .or(() -> Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser").filter(p -> Files.isExecutable(Path.of(p))).findFirst())
                .orElseThrow(() -> new IllegalStateException("no Chromium: ./veriscore test installs Debian's chromium package"
                        + " (apt-get install chromium), or set CHROMIUM to a Chromium binary"));
    }

    /**
     * A YUV4MPEG2 video at 15 frames/s, 320 x 240: each test-set face, scaled to the frame's height and centred on grey,
     * held for two seconds. Chromium's fake camera loops it. Its last two faces are one head turned either way (s1-left,
     * yaw about -27 degrees, then mirrored, about +25).
     */
    public static void writeCamera(Path file) throws IOException {
        int width = 320, height = 240, fps = 15;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            out.write(("YUV4MPEG2 W" + width + " H" + height + " F" + fps + ":1 Ip A1:1 C420jpeg\n").getBytes(StandardCharsets.US_ASCII));
            for (String face : FACES) {
                BufferedImage image = ImageIO.read(Path.of("../models/face/testset", face.replace("mirrored:", "")).toFile());
                byte[] frame = yuv420(framed(face.startsWith("mirrored:") ? mirrored(image) : image, width, height));
                for (int i = 0; i < 2 * fps; i++) {
                    out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                    out.write(frame);
                }
            }
        }
    }

    private static BufferedImage mirrored(BufferedImage image) {
        java.awt.geom.AffineTransform flip = java.awt.geom.AffineTransform.getScaleInstance(-1, 1);
        flip.translate(-image.getWidth(), 0);
        return new java.awt.image.AffineTransformOp(flip, java.awt.image.AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(image, null);
    }

    private static BufferedImage framed(BufferedImage face, int width, int height) {
        BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.setColor(java.awt.Color.GRAY);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(face, (width - height) / 2, 0, height, height, null);
        g.dispose();
        return frame;
    }

    /** BT.601 full-range Y'CbCr (JPEG's), chroma averaged over 2 x 2 blocks. */
    private static byte[] yuv420(BufferedImage image) {
        int w = image.getWidth(), h = image.getHeight();
        byte[] out = new byte[w * h * 3 / 2];
        int uAt = w * h, vAt = uAt + w * h / 4;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y), r = rgb >> 16 & 255, g = rgb >> 8 & 255, b = rgb & 255;
                out[y * w + x] = (byte) clamp(0.299 * r + 0.587 * g + 0.114 * b);
            }
        }
        for (int y = 0; y < h; y += 2) {
            for (int x = 0; x < w; x += 2) {
                double u = 0, v = 0;
                for (int[] d : new int[][] {{0, 0}, {1, 0}, {0, 1}, {1, 1}}) {
                    int rgb = image.getRGB(x + d[0], y + d[1]), r = rgb >> 16 & 255, g = rgb >> 8 & 255, b = rgb & 255;
                    u += 128 - 0.168736 * r - 0.331264 * g + 0.5 * b;
                    v += 128 + 0.5 * r - 0.418688 * g - 0.081312 * b;
                }
                out[uAt + (y / 2) * (w / 2) + x / 2] = (byte) clamp(u / 4);
                out[vAt + (y / 2) * (w / 2) + x / 2] = (byte) clamp(v / 4);
            }
        }
        return out;
    }

    private static int clamp(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value)));
    }
}
