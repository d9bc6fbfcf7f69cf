package dev.tollgate.server.support;

import java.util.UUID;

/**
 * The machine's PostgreSQL ({@code 127.0.0.1:5432}, trust authentication, database {@code test}). Each test class
 * gets a schema of its own, created by Flyway, so runs never see each other's data. If the server is not there the
 * tests fail: a store that is not tested is not supported.
 */
public final class Postgres {

    public static final String URL = System.getenv().getOrDefault("TOLLGATE_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");

    private Postgres() {
    }

    public static String freshSchemaName() {
        return "tollgate_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Drops a schema a test made, with everything in it. */
    public static void dropSchema(String schema) {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(URL, "postgres", "");
                java.sql.Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot drop the test schema " + schema, e);
        }
    }

    public static String[] properties(String schema) {
        return new String[] {
            "spring.datasource.url=" + URL + "?currentSchema=" + schema,
            "spring.datasource.username=postgres",
            "spring.datasource.password=",
            "spring.flyway.default-schema=" + schema,
            "spring.flyway.create-schemas=true"
        };
    }
}
