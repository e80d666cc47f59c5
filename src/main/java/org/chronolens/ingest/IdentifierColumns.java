package org.chronolens.ingest;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises column names that say they carry direct identifiers. Names are compared with case,
 * spaces and punctuation removed, so {@code NHS Number}, {@code nhs_no} and {@code NHSNumber}
 * are one name. Short names must match whole; longer telltales match anywhere in the name.
 */
public final class IdentifierColumns {

    private static final Set<String> EXACT = Set.of(
            "name", "names", "fullname", "dob", "nhs", "nhsno", "ni", "nino", "tel", "zip", "zipcode",
            "mobile", "mob", "street", "town", "forename", "forenames", "initials");

    private static final List<String> CONTAINS = List.of(
            "firstname", "lastname", "surname", "givenname", "familyname", "middlename", "forename",
            "childname", "mothername", "fathername", "carername", "parentname", "preferredname", "maidenname",
            "dateofbirth", "birthdate", "birthday", "address", "postcode", "postalcode",
            "nhsnumber", "chinumber", "ninumber", "nationalinsurance", "phone", "telephone", "mobilenumber",
            "email", "emailaddress");

    private IdentifierColumns() {
    }

    /** The identifier a column name announces, for the refusal message; empty when the name looks safe. */
    public static Optional<String> identifierIn(String columnName) {
        String key = columnName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (EXACT.contains(key)) {
            return Optional.of(key);
        }
        return CONTAINS.stream().filter(key::contains).findFirst();
    }
}
