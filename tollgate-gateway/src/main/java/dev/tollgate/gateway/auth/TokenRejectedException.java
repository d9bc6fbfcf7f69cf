package dev.tollgate.gateway.auth;

/**
 * Why an access token was refused, in words fit for the client: the message never contains the token.
 * Stack traces are not filled in, since a rejection is an answer, not a fault.
 */
public final class TokenRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    public TokenRejectedException(String description) {
        super(description, null, false, false);
    }
}
