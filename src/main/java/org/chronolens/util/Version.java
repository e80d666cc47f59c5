package org.chronolens.util;

import picocli.CommandLine.IVersionProvider;

/** The application version, from the jar's manifest (set by the build). */
public final class Version implements IVersionProvider {

    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"chronolens " + current()};
    }
}
