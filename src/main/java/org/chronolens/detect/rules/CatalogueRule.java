package org.chronolens.detect.rules;

import org.chronolens.detect.Rule;
import org.chronolens.detect.RuleEntry;
import org.chronolens.detect.Theme;

/**
 * A rule whose id and theme are those of its catalogue entry, declared there once: a rule cannot
 * name one theme in the catalogue and raise its flags under another.
 */
abstract class CatalogueRule implements Rule {

    private final String id;
    private final Theme theme;

    CatalogueRule(RuleEntry entry) {
        this(entry.id(), entry.theme());
    }

    CatalogueRule(String id, Theme theme) {
        this.id = id;
        this.theme = theme;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Theme theme() {
        return theme;
    }
}
