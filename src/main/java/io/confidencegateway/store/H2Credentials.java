package io.confidencegateway.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.arc.Unremovable;
import io.quarkus.credentials.CredentialsProvider;

/**
 * The embedded H2 database's password: generated on first start into {@code <data-dir>/db-password} (owner-only,
 * like the whole data directory), and read from there on every start after. Agroal asks for it before the first
 * connection ({@code quarkus.datasource.credentials-provider}), which is before H2 creates any file, so the
 * directory is made owner-only first. A database left by an earlier version has an empty password: it is given the
 * generated one, the new password being written down before it is set, so that a crash in between loses nothing.
 */
@ApplicationScoped
@Unremovable
@Named(H2Credentials.NAME)
public class H2Credentials implements CredentialsProvider {

    /** The bean name {@code quarkus.datasource.credentials-provider-name} refers to. */
    public static final String NAME = "h2-data-dir";
    /** The file under the data directory that holds the password. */
    public static final String FILE = "db-password";

    private static final Logger LOG = Logger.getLogger(H2Credentials.class);
    private static final String INVALID_PASSWORD = "28000";

    private final Path dataDir;
    private final String url;
    private final String user;
    private String password;

    @Inject
    public H2Credentials(StoreConfig config, @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user) {
        this(Path.of(config.dataDir()), url, user);
    }

    H2Credentials(Path dataDir, String url, String user) {
        this.dataDir = dataDir;
        this.url = url;
        this.user = user;
    }

    @Override
    public Map<String, String> getCredentials(String credentialsProviderName) {
        return Map.of(USER_PROPERTY_NAME, user, PASSWORD_PROPERTY_NAME, password());
    }

    /** The password, set up on the first call (directory, file, migration of an empty-password database). */
    synchronized String password() {
        if (password == null) {
            password = setUp();
        }
        return password;
    }

    private String setUp() {
        OwnerOnly.tighten(dataDir);
        Path file = dataDir.resolve(FILE);
        if (Files.isRegularFile(file)) {
            return read(file);
        }
        Path pending = dataDir.resolve(FILE + ".new");
        if (!Files.exists(dataDir.resolve("gateway.mv.db"))) {
            // A new database: H2 creates it with the credentials of its first connection.
            String fresh = generate();
            OwnerOnly.writeSecret(file, fresh);
            return fresh;
        }
        if (Files.isRegularFile(pending) && opens(read(pending))) {
            // A crash came after the password was set and before its file was moved into place.
            return promote(pending, file);
        }
        String fresh = generate();
        OwnerOnly.writeSecret(pending, fresh);
        try (Connection connection = connect("")) {
            try (Statement alter = connection.createStatement()) {
                // The password is base64url: nothing in it can end the SQL string.
                alter.execute("ALTER USER \"" + user.toUpperCase(java.util.Locale.ROOT) + "\" SET PASSWORD '"
                        + fresh + "'");
            }
        } catch (SQLException failure) {
            if (INVALID_PASSWORD.equals(failure.getSQLState())) {
                throw new IllegalStateException("The H2 database in " + dataDir + " has a password the gateway does "
                        + "not know: write it into " + file + " (readable by the owner only)");
            }
            throw new StoreException(failure);
        }
        LOG.infof("The H2 database in %s had an empty password; it now has the one in %s", dataDir, file);
        return promote(pending, file);
    }

    private boolean opens(String candidate) {
        try (Connection ignored = connect(candidate)) {
            return true;
        } catch (SQLException refused) {
            return false;
        }
    }

    private Connection connect(String withPassword) throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", withPassword);
        return new org.h2.Driver().connect(url, properties);
    }

    private static String promote(Path pending, Path file) {
        try {
            Files.move(pending, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return read(file);
        } catch (IOException failure) {
            throw new UncheckedIOException("could not move " + pending + " to " + file, failure);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException failure) {
            throw new UncheckedIOException("could not read " + file, failure);
        }
    }

    private static String generate() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
