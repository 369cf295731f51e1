package io.veriscore.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Claims a piece of local state (the embedded database's data directory, the development chain's state file) for this
 * process alone, with an operating-system lock on {@code PATH.lock} that the kernel releases when the process ends,
 * SIGKILL included. A second instance pointed at the same state is refused instead of taking it over.
 */
public final class InstanceLock implements AutoCloseable {

    /** The state is held by another running instance. */
    public static final class HeldElsewhere extends RuntimeException {
        HeldElsewhere(String message) {
            super(message);
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param what the state, in words, for the refusal's message
     * @throws HeldElsewhere when another process (or this one) holds it
     */
    public static InstanceLock claim(Path state, String what) {
        Path file = state.toAbsolutePath().normalize().resolveSibling(state.getFileName() + ".lock");
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                channel.close();
                throw new HeldElsewhere("%s (%s) is in use by another running Veriscore instance%s: stop that one first, or give this one state of its own (see docs/configuration.md)"
                        .formatted(what, state.toAbsolutePath().normalize(), holder.isEmpty() ? "" : " (pid " + holder + ")"));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
            return new InstanceLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
    }
}
