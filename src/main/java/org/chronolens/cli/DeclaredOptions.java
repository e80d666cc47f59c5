package org.chronolens.cli;

import java.util.List;
import java.util.Map;

import org.chronolens.io.UsageException;
import org.chronolens.run.ScanOption;
import org.chronolens.run.ScanOptions;
import org.chronolens.run.ScanSettings;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command-line front end of the {@link ScanOptions}: picocli options made from the
 * declarations (so help, parsing and the docs table cannot disagree), and the values the command
 * line gave read back as {@link ScanSettings}.
 */
final class DeclaredOptions {

    private DeclaredOptions() {
    }

    /** Adds {@code scan}'s options to the command, as picocli builds it. */
    static final class Scan implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            return add(spec, ScanOptions.ALL);
        }
    }

    /** Adds {@code validate}'s options (the scan's that concern validation). */
    static final class Validate implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            return add(spec, ScanOptions.validation());
        }
    }

    private static CommandSpec add(CommandSpec spec, List<ScanOption<?>> options) {
        for (ScanOption<?> o : options) {
            OptionSpec.Builder b = OptionSpec.builder(o.flag()).required(o.isRequired())
                    .description(o.doc() + (o.defaultText() == null || o.kind() == ScanOption.Kind.SWITCH ? ""
                            : " Default: " + o.defaultText() + "."));
            switch (o.kind()) {
                case SWITCH -> b.arity("0").type(boolean.class);
                case VALUE -> b.arity("1").type(String.class).paramLabel(o.label());
                case LIST -> b.arity("1..*").type(List.class).auxiliaryTypes(String.class).paramLabel(o.label());
                case MAP -> b.arity("1").type(Map.class).auxiliaryTypes(String.class, String.class)
                        .paramLabel(o.label());
            }
            spec.addOption(b.build());
        }
        return spec;
    }

    /** What the command line gave for these options; a value that does not read names its flag (exit 2). */
    static ScanSettings read(CommandSpec spec, List<ScanOption<?>> options) {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        ScanSettings settings = ScanSettings.none();
        for (ScanOption<?> o : options) {
            if (!parsed.hasMatchedOption(o.flag())) {
                continue;
            }
            Object raw = o.kind() == ScanOption.Kind.SWITCH ? !((Boolean) o.defaultValue())
                    : parsed.matchedOptionValue(o.flag(), null);
            try {
                settings = settings.with(o, raw);
            } catch (IllegalArgumentException e) {
                throw new UsageException(o.flag() + ": " + e.getMessage());
            }
        }
        return settings;
    }
}
