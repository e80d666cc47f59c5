package org.chronolens.ingest;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises column names that say they carry direct identifiers. A name is split into words (at
 * punctuation, spaces and camelCase: {@code child_dob}, {@code Patient Name}, {@code mobileNo}), and
 * any word that names an identifier refuses it; longer telltales also match inside a word run
 * together ({@code nhsnumber}, {@code dateofbirth}). It leans towards refusing: a false refusal
 * costs a column dropped from an extract, a miss puts identifiers into every output.
 */
public final class IdentifierColumns {

    /** Words that name an identifier wherever they stand in a column name. */
    private static final Set<String> WORDS = Set.of(
            "name", "names", "fullname", "forename", "forenames", "surname", "surnames", "initials", "alias",
            "dob", "birth", "birthdate", "birthday", "born",
            "nhs", "nhsno", "nhsnum", "chi", "upn", "uln", "ni", "nino", "nin", "ssn",
            "tel", "telno", "phone", "telephone", "mobile", "mob", "fax",
            "email", "mail", "address", "addr", "street", "town", "postcode", "zip", "zipcode", "uprn");

    /** Telltales that match anywhere in the name with its punctuation removed. */
    private static final List<String> CONTAINS = List.of(
            "firstname", "lastname", "surname", "givenname", "familyname", "middlename", "forename",
            "childname", "mothername", "fathername", "carername", "parentname", "preferredname", "maidenname",
            "dateofbirth", "birthdate", "birthday", "address", "postcode", "postalcode",
            "nhsnumber", "nhsnum", "chinumber", "ninumber", "nationalinsurance", "phone", "telephone", "mobilenumber",
            "mobileno", "email", "pupilnumber", "learnernumber");

    private IdentifierColumns() {
    }

    /** The identifier a column name announces, for the refusal message; empty when the name looks safe. */
    public static Optional<String> identifierIn(String columnName) {
        // camelCase boundaries become word breaks before the case is dropped.
        String spaced = columnName.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        Optional<String> word = Arrays.stream(spaced.split("[^a-z0-9]+")).filter(WORDS::contains).findFirst();
        if (word.isPresent()) {
            return word;
        }
        String key = spaced.replaceAll("[^a-z0-9]", "");
        return CONTAINS.stream().filter(key::contains).findFirst();
    }
}
