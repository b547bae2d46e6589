package io.confidencegateway.store;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;

/**
 * Derives which of the two datasources is active from the one setting {@code gateway.database.kind}
 * ({@code h2} or {@code postgresql}), so that one build serves both stores: the datasources' kinds are fixed at
 * build time, their activity is not. An explicit {@code quarkus.datasource[.postgresql].active} still wins.
 */
public class DatabaseKindInterceptor implements ConfigSourceInterceptor {

    private static final String H2_ACTIVE = "quarkus.datasource.active";
    private static final String PG_ACTIVE = "quarkus.datasource.postgresql.active";
    private static final String PG_ACTIVE_QUOTED = "quarkus.datasource.\"postgresql\".active";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        boolean h2Key = H2_ACTIVE.equals(name);
        boolean pgKey = PG_ACTIVE.equals(name) || PG_ACTIVE_QUOTED.equals(name);
        if (!h2Key && !pgKey) {
            return context.proceed(name);
        }
        // The named key may be written with or without quotes; either spelling is an explicit setting.
        ConfigValue explicit = pgKey ? firstSet(context, PG_ACTIVE, PG_ACTIVE_QUOTED) : firstSet(context, name);
        if (explicit != null) {
            return explicit.withName(name);
        }
        ConfigValue kind = context.proceed("gateway.database.kind");
        boolean postgres = kind != null && "postgresql".equalsIgnoreCase(String.valueOf(kind.getValue()).trim());
        return ConfigValue.builder().withName(name).withValue(String.valueOf(pgKey == postgres))
                .withConfigSourceName("gateway.database.kind").build();
    }

    private static ConfigValue firstSet(ConfigSourceInterceptorContext context, String... names) {
        for (String candidate : names) {
            ConfigValue value = context.proceed(candidate);
            if (value != null && value.getValue() != null) {
                return value;
            }
        }
        return null;
    }
}
