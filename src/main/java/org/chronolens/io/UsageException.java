package org.chronolens.io;

/** The command line asks for something the run cannot do (exit code 2); the message says what to change. */
public final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
