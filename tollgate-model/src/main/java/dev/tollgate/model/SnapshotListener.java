package dev.tollgate.model;

/** Receives every new runtime snapshot; a gateway implements it. Called off the gateway's event loops. */
@FunctionalInterface
public interface SnapshotListener {

    void onSnapshot(RuntimeSnapshot snapshot);
}
