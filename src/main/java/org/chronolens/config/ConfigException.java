package org.chronolens.config;

/** A configuration file that cannot be used as written; the message names the file, the line and the fix. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
