package io.confidencegateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyTest {

    @TempDir
    Path root;

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void theDataDirectoryAndTheIndexBecome0700AndTheDatabaseAndSegments0600() throws Exception {
        Path data = root.resolve("data");
        Files.createDirectories(data.resolve("index"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Path database = Files.createFile(data.resolve("gateway.mv.db"));
        Path segment = Files.createFile(data.resolve("index/_0.cfs"));
        Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(segment, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxr-x"));

        OwnerOnly.tighten(data);

        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(data.resolve("index"))).isEqualTo("rwx------");
        assertThat(mode(database)).isEqualTo("rw-------");
        assertThat(mode(segment)).isEqualTo("rw-------");
    }

    @Test
    void filesAndDirectoriesThatAreNotTheGatewaysKeepTheirModes() throws Exception {
        Path data = root.resolve("data");
        Files.createDirectories(data);
        Path script = Files.createFile(data.resolve("mvnw"));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path other = Files.createDirectories(data.resolve("notes"));
        Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path note = Files.createFile(other.resolve("gateway.mv.db"));
        Files.setPosixFilePermissions(note, PosixFilePermissions.fromString("rw-r--r--"));
        Path readme = Files.createFile(data.resolve("README.md"));
        Files.setPosixFilePermissions(readme, PosixFilePermissions.fromString("rw-r--r--"));
        Path database = Files.createFile(data.resolve("gateway.mv.db"));
        Path trace = Files.createFile(data.resolve("gateway.trace.db"));
        Path password = Files.createFile(data.resolve(H2Credentials.FILE));
        Path pending = Files.createFile(data.resolve(H2Credentials.FILE + ".new"));
        for (Path own : new Path[] {database, trace, password, pending}) {
            Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rw-r--r--"));
        }

        OwnerOnly.tighten(data);

        assertThat(mode(script)).isEqualTo("rwxr-xr-x");
        assertThat(mode(other)).isEqualTo("rwxr-xr-x");
        assertThat(mode(note)).as("a file in someone else's directory, whatever its name").isEqualTo("rw-r--r--");
        assertThat(mode(readme)).isEqualTo("rw-r--r--");
        assertThat(mode(database)).isEqualTo("rw-------");
        assertThat(mode(trace)).isEqualTo("rw-------");
        assertThat(mode(password)).isEqualTo("rw-------");
        assertThat(mode(pending)).isEqualTo("rw-------");
        assertThat(mode(data)).isEqualTo("rwx------");
    }

    @Test
    void aMissingDirectoryIsCreatedOwnerOnly() throws Exception {
        Path data = root.resolve("new/data");

        OwnerOnly.tighten(data);

        assertThat(mode(data)).isEqualTo("rwx------");
    }

    @Test
    void aSecretFileIsOwnerOnlyAndHoldsTheSecret() throws Exception {
        Path file = root.resolve("secret");

        OwnerOnly.writeSecret(file, "s3cr3t");
        OwnerOnly.writeSecret(file, "replaced");

        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(Files.readString(file)).isEqualTo("replaced\n");
        assertThat(root.resolve("secret.tmp")).doesNotExist();
    }
}
