package org.chronolens.detect;

import java.io.Serializable;
import java.util.List;

/**
 * One pattern rule: a pure function from a case's ordered chronology to flags. Rules hold their
 * validated parameters; they never see Spark. The catalogue lists them, one {@link RuleEntry} each.
 */
public interface Rule extends Serializable {

    String id();

    Theme theme();

    List<Flag> evaluate(Chronology chronology);

    /**
     * How many flags {@link #evaluate} would raise: what the threshold sensitivity table counts
     * for every variant of every case. A rule may count without building its flags (explanations,
     * evidence), but never differently.
     */
    default int hits(Chronology chronology) {
        return evaluate(chronology).size();
    }
}
