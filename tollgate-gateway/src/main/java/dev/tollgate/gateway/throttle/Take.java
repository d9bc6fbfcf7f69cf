package dev.tollgate.gateway.throttle;

/** The outcome of taking a frame's cost from a quota. */
enum Take {
    /** Taken: the frame may pass. */
    PASSED,
    /** The quota is spent for now. */
    EXCEEDED,
    /** Not known yet: the shared counter is being asked; the waiter given to the quota runs once it knows. */
    PENDING
}
