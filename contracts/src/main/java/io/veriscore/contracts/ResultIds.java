package io.veriscore.contracts;

import java.nio.ByteBuffer;
import java.util.UUID;

/** How the ScoreRegistry keys a result: its UUID's 16 bytes, then 16 zero bytes. */
public final class ResultIds {

    private ResultIds() {}

    public static byte[] of(UUID id) {
        return ByteBuffer.allocate(32).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }
}
