package io.confidencegateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2CredentialsTest {

    @TempDir
    Path root;

    private Path dataDir() {
        return root.resolve("data");
    }

    private String url() {
        return "jdbc:h2:file:" + dataDir().resolve("gateway") + ";WRITE_DELAY=0";
    }

    private Connection connect(String password) throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", "gateway");
        properties.setProperty("password", password);
        return new org.h2.Driver().connect(url(), properties);
    }

    /** A database as an earlier version left it: the user {@code gateway} with an empty password, and a row. */
    private void earlierVersionsDatabase() throws SQLException {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE feedback (id INT PRIMARY KEY, comment VARCHAR(100))");
            s.execute("INSERT INTO feedback VALUES (1, 'kept')");
        }
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void aFreshDataDirectoryGetsAGeneratedPasswordInAnOwnerOnlyFile() throws Exception {
        String password = new H2Credentials(dataDir(), url(), "gateway").password();

        assertThat(password).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(Files.readString(dataDir().resolve(H2Credentials.FILE)).strip()).isEqualTo(password);
        assertThat(mode(dataDir())).isEqualTo("rwx------");
        assertThat(mode(dataDir().resolve(H2Credentials.FILE))).isEqualTo("rw-------");
        try (Connection created = connect(password)) {
            assertThatThrownBy(() -> connect("").close()).isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("28000");
        }
        assertThat(new H2Credentials(dataDir(), url(), "gateway").password()).as("the next start")
                .isEqualTo(password);
        assertThat(new H2Credentials(root.resolve("other"), url(), "gateway").password()).as("another data dir")
                .isNotEqualTo(password);
    }

    @Test
    void anEarlierVersionsEmptyPasswordIsReplacedAndItsDataKept() throws Exception {
        earlierVersionsDatabase();

        String password = new H2Credentials(dataDir(), url(), "gateway").password();

        assertThatThrownBy(() -> connect("").close()).isInstanceOf(SQLException.class);
        try (Connection c = connect(password); Statement s = c.createStatement();
                ResultSet row = s.executeQuery("SELECT comment FROM feedback WHERE id = 1")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo("kept");
        }
        assertThat(dataDir().resolve(H2Credentials.FILE + ".new")).doesNotExist();
        assertThat(mode(dataDir().resolve("gateway.mv.db"))).isEqualTo("rw-------");
    }

    @Test
    void aCrashAfterThePasswordWasSetAndBeforeItsFileMovedIsFinishedOnTheNextStart() throws Exception {
        earlierVersionsDatabase();
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("ALTER USER gateway SET PASSWORD 'set-before-the-crash'");
        }
        Files.writeString(dataDir().resolve(H2Credentials.FILE + ".new"), "set-before-the-crash\n");

        assertThat(new H2Credentials(dataDir(), url(), "gateway").password()).isEqualTo("set-before-the-crash");
        assertThat(dataDir().resolve(H2Credentials.FILE + ".new")).doesNotExist();
        assertThat(Files.readString(dataDir().resolve(H2Credentials.FILE)).strip()).isEqualTo("set-before-the-crash");
    }

    @Test
    void aCrashBeforeThePasswordWasSetLeavesTheEmptyPasswordToBeReplaced() throws Exception {
        earlierVersionsDatabase();
        Files.createDirectories(dataDir());
        Files.writeString(dataDir().resolve(H2Credentials.FILE + ".new"), "never-set\n");

        String password = new H2Credentials(dataDir(), url(), "gateway").password();

        assertThat(password).isNotEqualTo("never-set");
        connect(password).close();
    }

    @Test
    void aDatabaseWithAPasswordTheGatewayDoesNotKnowStopsTheStartSayingWhereToPutIt() throws Exception {
        earlierVersionsDatabase();
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("ALTER USER gateway SET PASSWORD 'chosen-by-the-operator'");
        }

        assertThatThrownBy(() -> new H2Credentials(dataDir(), url(), "gateway").password())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has a password the gateway does not know: write it into "
                        + dataDir().resolve(H2Credentials.FILE));
    }
}
