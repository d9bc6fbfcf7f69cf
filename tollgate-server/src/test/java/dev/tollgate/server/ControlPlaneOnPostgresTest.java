package dev.tollgate.server;

import dev.tollgate.server.support.Postgres;

/** The control-plane contract on PostgreSQL (the local server at 127.0.0.1:5432, database {@code test}). */
class ControlPlaneOnPostgresTest extends AbstractControlPlaneTest {

    private final String schema = Postgres.freshSchemaName();

    @Override
    String[] storeProperties() {
        return Postgres.properties(schema);
    }

    @Override
    void dropStore() {
        Postgres.dropSchema(schema);
    }
}
