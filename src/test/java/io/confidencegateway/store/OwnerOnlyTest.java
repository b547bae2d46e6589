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
    void everyDirectoryBecomes0700AndEveryFile0600() throws Exception {
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
