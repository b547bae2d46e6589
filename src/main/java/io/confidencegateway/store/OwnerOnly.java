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

import org.jboss.logging.Logger;

/**
 * Keeps the gateway's data readable by its owner only, whatever the umask: the data directory {@code 0700} (what
 * protects files created while the gateway runs, such as new index segments or an H2 temp file: they get the
 * umask's mode, but no other user can reach them), and {@code 0600} on the gateway's own files in it — the H2
 * files ({@code gateway.*}), {@link H2Credentials#FILE} and what is under the passage index directory. Nothing else
 * in the directory is touched: {@code gateway.data-dir} may point at a working or shared directory whose scripts
 * must keep their exec bits. A file the gateway may not change (another user's) is logged and left, never a reason
 * not to start. On a file system without POSIX permissions (Windows) this does nothing.
 */
public final class OwnerOnly {

    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    /** The passage index's directory under the data directory (see {@code LucenePassageIndex}). */
    static final String INDEX = "index";
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Logger LOG = Logger.getLogger(OwnerOnly.class);

    private OwnerOnly() {
    }

    /** Whether a file directly in the data directory is one the gateway writes (and so makes owner-only). */
    static boolean gatewayFile(String name) {
        return name.startsWith("gateway.") || name.startsWith(H2Credentials.FILE);
    }

    /**
     * Creates the directory (and missing parents) if needed, makes it owner-only, and the gateway's files in it
     * (the passage index's directory and everything under it included).
     */
    public static void tighten(Path directory) {
        try {
            Files.createDirectories(directory);
            if (!POSIX) {
                return;
            }
            restrict(directory, DIRECTORY);
            try (Stream<Path> children = Files.list(directory)) {
                for (Path child : (Iterable<Path>) children::iterator) {
                    String name = child.getFileName().toString();
                    if (Files.isSymbolicLink(child)) {
                        continue;
                    }
                    if (name.equals(INDEX) && Files.isDirectory(child)) {
                        tightenTree(child);
                    } else if (gatewayFile(name) && Files.isRegularFile(child)) {
                        restrict(child, FILE);
                    }
                }
            }
        } catch (IOException failure) {
            throw new UncheckedIOException("could not make " + directory + " readable by its owner only", failure);
        }
    }

    private static void tightenTree(Path index) throws IOException {
        try (Stream<Path> all = Files.walk(index)) {
            for (Path path : (Iterable<Path>) all::iterator) {
                if (!Files.isSymbolicLink(path)) {
                    restrict(path, Files.isDirectory(path) ? DIRECTORY : FILE);
                }
            }
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> mode) {
        try {
            Files.setPosixFilePermissions(path, mode);
        } catch (IOException notOurs) {
            // EPERM on another user's file: it is not the gateway's to protect, and no reason to refuse to start.
            LOG.warnf("Could not make %s readable by its owner only (%s); it is left as it is", path,
                    notOurs.getMessage());
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
