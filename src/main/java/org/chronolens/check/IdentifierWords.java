package org.chronolens.check;

import java.util.ArrayList;
import java.util.List;

/** What the scanner found, in the words a refusal shows a person ("an NHS number"), never the text itself. */
public final class IdentifierWords {

    private IdentifierWords() {
    }

    public static String of(PiiScanner.Scan scan) {
        List<String> words = new ArrayList<>();
        for (PiiKind kind : scan.counts().keySet()) {
            words.add(switch (kind) {
                case NHS_NUMBER -> "an NHS number";
                case NI_NUMBER -> "a National Insurance number";
                case EMAIL -> "an e-mail address";
                case PHONE -> "a phone number";
                case POSTCODE -> "a postcode";
                case DATE_OF_BIRTH -> "a date of birth";
            });
        }
        return String.join(" and ", words);
    }
}
