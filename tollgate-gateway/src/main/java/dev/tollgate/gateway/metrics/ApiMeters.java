package dev.tollgate.gateway.metrics;

/** The meters of one API, held by each of its connections so that relaying a frame allocates nothing. */
public interface ApiMeters {

    /** Meters that record nothing. */
    ApiMeters NONE = new ApiMeters() {
        @Override
        public void connectionOpened() {
        }

        @Override
        public void connectionClosed() {
        }

        @Override
        public void clientToBackend(int bytes) {
        }

        @Override
        public void backendToClient(int bytes) {
        }
    };

    void connectionOpened();

    void connectionClosed();

    /** One frame of {@code bytes} payload relayed from the client to the backend. */
    void clientToBackend(int bytes);

    /** One frame of {@code bytes} payload relayed from the backend to the client. */
    void backendToClient(int bytes);
}
