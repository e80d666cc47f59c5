package org.chronolens.detect;

import java.io.Serializable;
import java.util.List;

/**
 * One pattern rule of rules-v1: a pure function from a case's ordered chronology to flags.
 * Rules hold their validated parameters; they never see Spark.
 */
public interface Rule extends Serializable {

    String id();

    String theme();

    List<Flag> evaluate(Chronology chronology);
}
