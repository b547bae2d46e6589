package io.confidencegateway.store;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class DatabaseTest {

    @Test
    void postgresqlWithoutAUrlRefusesToStartAndNamesTheKey() {
        assertThatIllegalStateException().isThrownBy(() -> new Database(config("postgresql", null), null))
                .withMessageContaining("gateway.database.url");
        assertThatIllegalStateException().isThrownBy(() -> new Database(config("postgresql", " "), null))
                .withMessageContaining("gateway.database.url");
    }

    @Test
    void anUnknownKindRefusesToStartAndNamesTheChoices() {
        assertThatIllegalStateException().isThrownBy(() -> new Database(config("mysql", "jdbc:mysql://x/y"), null))
                .withMessageContaining("gateway.database.kind=mysql").withMessageContaining("h2 or postgresql");
    }

    private static StoreConfig config(String kind, String url) {
        return new StoreConfig() {
            @Override
            public String dataDir() {
                return "./data";
            }

            @Override
            public StoreConfig.Database database() {
                return new StoreConfig.Database() {
                    @Override
                    public String kind() {
                        return kind;
                    }

                    @Override
                    public Optional<String> url() {
                        return Optional.ofNullable(url);
                    }

                    @Override
                    public Optional<String> username() {
                        return Optional.empty();
                    }

                    @Override
                    public Optional<String> password() {
                        return Optional.empty();
                    }
                };
            }
        };
    }
}
