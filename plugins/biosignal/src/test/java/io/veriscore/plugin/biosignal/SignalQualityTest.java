package io.veriscore.plugin.biosignal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SignalQualityTest {

    /** The other six channels: quiet, plausible values (they are not under test here). */
    static Window withEcg(double[] ecg) {
        Random random = new Random(1);
        double[][] channels = new double[7][];
        channels[0] = ecg;
        double[] levels = {0, 3.0, 0, 33.5, 0.02, -0.05, 0.95};
        double[] noise = {0, 0.05, 1.0, 0.01, 0.01, 0.01, 0.01};
        for (int c = 1; c < 7; c++) {
            channels[c] = new double[Window.SAMPLES];
            for (int i = 0; i < Window.SAMPLES; i++) {
                channels[c][i] = levels[c] + noise[c] * random.nextGaussian();
            }
        }
        return new Window(channels);
    }

    /** MIT-BIH 208 (frequent ventricular ectopy): HeartPy reads 100-122 bpm per minute of it. */
    @Test
    void aRealEcgGivesAPlausibleHeartRateAndPassesTheQualityCheck() {
        double[] record = RealSignals.mitBih208();
        assertEquals(108_000, record.length);
        for (int minute = 0; minute < 5; minute++) {
            double[] raw = Arrays.copyOfRange(record, minute * 21_600, (minute + 1) * 21_600);
            double[] ecg = new Resampler(360, Window.HZ).apply(raw);
            double rate = SignalQuality.Heart.rate(ecg);
            System.out.printf("Figures: MIT-BIH 208 minute %d: %.1f bpm%n", minute + 1, rate);
            assertTrue(rate > 90 && rate < 125, "minute " + minute + ": " + rate);
            assertEquals(Map.of(), SignalQuality.problems(withEcg(ecg)));
        }
    }

    /** HeartPy's PPG sample: HeartPy reads 58.9 bpm. The detector finds the pulses of a PPG too. */
    @Test
    void aRealPpgGivesItsHeartRate() {
        double[] ppg = new Resampler(100, Window.HZ).apply(RealSignals.heartPyPpg());
        double rate = SignalQuality.Heart.rate(ppg);
        System.out.printf("Figures: HeartPy PPG sample: %.1f bpm (HeartPy: 58.9)%n", rate);
        assertEquals(58.9, rate, 3.0);
    }

    @Test
    void lostElectrodesClippingAndImplausibleValuesAreFound() {
        double[] ecg = new Resampler(360, Window.HZ).apply(Arrays.copyOfRange(RealSignals.mitBih208(), 0, 21_600));
        double[] flat = ecg.clone();
        Arrays.fill(flat, 500, 700, 0.0); // 5.7 s without signal
        assertEquals("flat", SignalQuality.problems(withEcg(flat)).get("ecg"));
        double[] clipped = ecg.clone();
        for (int i = 0; i < clipped.length; i++) {
            clipped[i] = Math.clamp(clipped[i], -0.3, 0.3);
        }
        assertEquals("clipped", SignalQuality.problems(withEcg(clipped)).get("ecg"));
        double[] wandering = ecg.clone();
        for (int i = 0; i < wandering.length; i++) {
            wandering[i] += 40; // a DC offset no chest ECG has
        }
        assertEquals("out-of-range", SignalQuality.problems(withEcg(wandering)).get("ecg"));
        double[] noise = new double[Window.SAMPLES];
        Random random = new Random(2);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = 0.01 * random.nextGaussian();
        }
        assertEquals("heart-rate", SignalQuality.problems(withEcg(noise)).get("ecg"), "white noise has no heart beat");
        Window cold = withEcg(ecg);
        double[] temp = cold.channel("temp");
        for (int i = 0; i < temp.length; i++) {
            temp[i] -= 21.5; // 12 degrees: the sensor is not on skin
        }
        assertEquals("out-of-range", SignalQuality.problems(cold).get("temp"));
    }
}
