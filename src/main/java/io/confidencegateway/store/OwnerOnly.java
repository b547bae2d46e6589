package io.confidencegateway.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Keeps the data directory readable by its owner only: the directory (and those in it) {@code 0700}, every file
 * {@code 0600}, whatever the umask. The directory's mode is what protects files created while the gateway runs (new
 * index segments, an H2 temp file): they get the umask's mode, but no other user can reach them. On a file system
 * without POSIX permissions (Windows) this does nothing.
 */
public final class OwnerOnly {

    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnly() {
    }

    /** Creates the directory (and missing parents) if needed, and makes it, and everything in it, owner-only. */
    public static void tighten(Path directory) {
        try {
            Files.createDirectories(directory);
            if (!POSIX) {
                return;
            }
            try (Stream<Path> all = Files.walk(directory)) {
                for (Path path : (Iterable<Path>) all::iterator) {
                    if (!Files.isSymbolicLink(path)) {
                        Files.setPosixFilePermissions(path, Files.isDirectory(path) ? DIRECTORY : FILE);
                    }
                }
            }
        } catch (IOException failure) {
            throw new UncheckedIOException("could not make " + directory + " readable by its owner only", failure);
        }
    }

    /**
     * Writes a secret to a file that is {@code 0600} from the moment it exists (a temporary file moved into place,
     * so that a reader never sees half a secret).
     */
    public static void writeSecret(Path file, String secret) {
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(temporary);
            if (POSIX) {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(FILE));
            }
            Files.writeString(temporary, secret + "\n", StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException failure) {
            throw new UncheckedIOException("could not write " + file, failure);
        }
    }
}
