package dev.tollgate.server.devportal;

/**
 * Where the KEY GENERATION WIZARD stands: 1 create an application, 2 subscribe, 3 generate keys, 4 generate a token,
 * 5 done. The page carries what the next step needs in hidden fields (the consumer secret is shown once and stored
 * only as a hash, so step 4 takes it from the page that step 3 rendered).
 */
record Wizard(int step, String applicationId, String applicationName, String plan, String keyMappingId,
        String consumerKey, String consumerSecret, String accessToken, long validitySeconds, String error) {

    static final int CREATE_APPLICATION = 1;
    static final int SUBSCRIBE = 2;
    static final int GENERATE_KEYS = 3;
    static final int GENERATE_TOKEN = 4;
    static final int DONE = 5;

    static Wizard start() {
        return new Wizard(CREATE_APPLICATION, null, null, null, null, null, null, null, 0, null);
    }

    static Wizard subscribe(String applicationId, String applicationName) {
        return new Wizard(SUBSCRIBE, applicationId, applicationName, null, null, null, null, null, 0, null);
    }

    Wizard generateKeys(String chosenPlan) {
        return new Wizard(GENERATE_KEYS, applicationId, applicationName, chosenPlan, null, null, null, null, 0, null);
    }

    Wizard generateToken(String mappingId, String key, String secret) {
        return new Wizard(GENERATE_TOKEN, applicationId, applicationName, plan, mappingId, key, secret, null, 0, null);
    }

    Wizard done(String token, long validity) {
        return new Wizard(DONE, applicationId, applicationName, plan, keyMappingId, consumerKey, null, token, validity,
                null);
    }

    /** The same step again, with the reason it did not move on. */
    Wizard refused(String reason) {
        return new Wizard(step, applicationId, applicationName, plan, keyMappingId, consumerKey, consumerSecret,
                accessToken, validitySeconds, reason);
    }
}
