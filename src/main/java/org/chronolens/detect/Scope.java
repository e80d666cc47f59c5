package org.chronolens.detect;

/** What one flag of a rule is about: a child, a whole case, or one event (a meeting, an action). */
public enum Scope {
    SUBJECT, CASE, PER_EVENT
}
