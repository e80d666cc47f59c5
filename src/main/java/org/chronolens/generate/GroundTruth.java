package org.chronolens.generate;

import java.util.List;

/**
 * What the generator planted for one subject (or, with a null subject, for the case as a whole:
 * the per-event system patterns): the rules' patterns, and the {@link Precursor}'s name when the
 * family had it (null otherwise). Patterns arising by chance from the background are not listed.
 */
public record GroundTruth(String caseId, String subjectId, String persona, List<String> planted, String precursor) {
}
