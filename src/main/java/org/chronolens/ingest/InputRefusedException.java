package org.chronolens.ingest;

/**
 * An input the run will not read at all (identifier columns, a missing required column, an empty
 * file, a path that does not exist). Thrown before anything is written; the message says which
 * file, what is wrong and how to fix it.
 */
public final class InputRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InputRefusedException(String message) {
        super(message);
    }
}
