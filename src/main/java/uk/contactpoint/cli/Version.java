package uk.contactpoint.cli;

import picocli.CommandLine.IVersionProvider;

/** The version printed by --version, from the jar's manifest. */
class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {"contactpoint " + (v == null ? "development build" : v)};
    }
}
