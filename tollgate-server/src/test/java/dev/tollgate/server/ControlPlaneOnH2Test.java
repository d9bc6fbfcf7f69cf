package dev.tollgate.server;

/** The control-plane contract on the default store: an H2 file in the data directory. */
class ControlPlaneOnH2Test extends AbstractControlPlaneTest {

    @Override
    String[] storeProperties() {
        return new String[0];
    }
}
