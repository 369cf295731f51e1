package io.veriscore.transparency;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * ECMAScript's Number::toString for doubles (ECMA-262 Number::toString, radix 10), the number form of RFC 8785.
 *
 * <p>The digits are the shortest that round-trip, which {@link Double#toString} gives since JDK 19, with one
 * difference: where a single digit round-trips, Java may still print two (4.9E-324), ECMAScript prints one (5e-324).
 * Bounded work for every double: no arbitrary-precision loop depends on the exponent.
 */
public final class EcmaNumber {

    private EcmaNumber() {}

    /**
     * @throws IllegalArgumentException for NaN and the infinities, which JSON cannot express
     */
    public static String toString(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("JSON has no " + value);
        }
        if (value == 0) {
            return "0"; // -0 included
        }
        if (value < 0) {
            return "-" + toString(-value);
        }
        BigDecimal shortest = shortestDigits(value);
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int n = k - shortest.scale(); // value = 0.d1d2...dk x 10^n
        if (k <= n && n <= 21) {
            return digits + "0".repeat(n - k);
        }
        if (0 < n && n <= 21) {
            return digits.substring(0, n) + "." + digits.substring(n);
        }
        if (-6 < n && n <= 0) {
            return "0." + "0".repeat(-n) + digits;
        }
        int exponent = n - 1;
        String mantissa = k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.abs(exponent);
    }

    /** The shortest decimal that rounds to {@code value} (positive, finite), closest to it when several do. */
    private static BigDecimal shortestDigits(double value) {
        BigDecimal java = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        if (java.precision() != 2) {
            return java;
        }
        // Two digits: a one-digit decimal may round-trip too (Java then prefers a closer two-digit one).
        int exponent = java.precision() - java.scale() - 1; // of the first digit
        int first = java.unscaledValue().intValueExact() / 10;
        BigDecimal exact = new BigDecimal(value);
        BigDecimal best = null;
        for (int digit = first; digit <= first + 1; digit++) {
            BigDecimal candidate = new BigDecimal(BigInteger.valueOf(digit), -exponent).stripTrailingZeros();
            if (Double.parseDouble(candidate.toString()) != value) {
                continue;
            }
            if (best == null || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0) {
                best = candidate;
            }
        }
        return best == null ? java : best;
    }
}
