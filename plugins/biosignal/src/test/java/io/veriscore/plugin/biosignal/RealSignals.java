package io.veriscore.plugin.biosignal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Real recordings from packages: SciPy's ECG (MIT-BIH record 208) and HeartPy's PPG sample (models/biosignal/testdata). */
final class RealSignals {

    static final Path DIRECTORY = Path.of(System.getProperty("veriscore.biosignal.testdata", "../../models/biosignal/testdata"));

    /** scipy.misc.electrocardiogram() of SciPy 1.11: 5 minutes at 360 Hz, in mV ((raw - 1024) / 200). */
    static double[] mitBih208() {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(DIRECTORY.resolve("ecg.dat")))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals("ecg.npy")) {
                    return npyUint16(zip);
                }
            }
            throw new IllegalStateException("ecg.dat holds no ecg.npy");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** HeartPy's data.csv: about 25 s of PPG at 100 Hz. */
    static double[] heartPyPpg() {
        try {
            return Files.readAllLines(DIRECTORY.resolve("heartpy-ppg-100hz.csv")).stream().map(String::strip)
                    .filter(line -> !line.isEmpty()).mapToDouble(Double::parseDouble).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A NumPy .npy array of little-endian uint16, scaled as SciPy does for this record. */
    private static double[] npyUint16(InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = buffer.getShort(8) & 0xffff;
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        if (!header.contains("'<u2'")) {
            throw new IllegalStateException("expected uint16, got " + header);
        }
        int count = (bytes.length - 10 - headerLength) / 2;
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = ((buffer.getShort(10 + headerLength + 2 * i) & 0xffff) - 1024) / 200.0;
        }
        return values;
    }

    private RealSignals() {}
}
