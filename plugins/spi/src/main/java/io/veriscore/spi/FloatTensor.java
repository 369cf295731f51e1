package io.veriscore.spi;

import java.util.Arrays;

/**
 * A dense float32 tensor in row-major order: the only tensor type plugins exchange with the service,
 * so that plugins need no ONNX Runtime dependency of their own.
 */
public record FloatTensor(long[] shape, float[] data) {

    public FloatTensor {
        shape = shape.clone();
        long elements = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (elements != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " needs " + elements + " values, got " + data.length);
        }
    }

    /** A matrix of {@code rows} x {@code columns} values. */
    public static FloatTensor matrix(int rows, int columns, float[] data) {
        return new FloatTensor(new long[] {rows, columns}, data);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FloatTensor that && Arrays.equals(shape, that.shape) && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape);
    }
}
