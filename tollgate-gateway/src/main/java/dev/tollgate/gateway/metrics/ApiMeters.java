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
        public void clientToBackend(int frames, long bytes) {
        }

        @Override
        public void backendToClient(int frames, long bytes) {
        }
    };

    /**
     * The meters of this API for one application's connections: frames and bytes are counted per API and
     * application, open connections per API. Cached, so that connections of one application share them.
     */
    default ApiMeters forApplication(String application) {
        return this;
    }

    void connectionOpened();

    void connectionClosed();

    /** {@code frames} frames of {@code bytes} payload in all relayed from the client to the backend. */
    void clientToBackend(int frames, long bytes);

    /** {@code frames} frames of {@code bytes} payload in all relayed from the backend to the client. */
    void backendToClient(int frames, long bytes);
}
