package org.chronolens.ingest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.*;

class IdentifierColumnsTest {

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"name", "first_name", "Surname", "dob", "date_of_birth", "address", "postcode", "nhs_number",
            "ni_number", "phone", "email", "child_dob", "nhs_num", "NHS No", "patient_name", "PatientName", "mobile_no",
            "mobileNo", "upn", "UPN", "uln", "chi_number", "home_address_line1", "carer_email_address", "tel_no",
            "DateOfBirth", "birth_date", "mother_name", "Post Code", "national_insurance_no"})
    void aColumnNamingAnIdentifierIsRecognised(String column) {
        assertTrue(IdentifierColumns.identifierIn(column).isPresent(), column);
    }

    @ParameterizedTest(name = "{0} is not an identifier column")
    @ValueSource(strings = {"case_id", "subject_id", "event_id", "event_date", "agency", "event_type", "outcome",
            "related_event_id", "due_date", "attendees", "notes", "PatientId", "AppointmentID", "ScheduledDay",
            "Neighbourhood", "Gender", "Age", "No-show", "SMS_received", "age_band", "locality", "ethnic_group"})
    void ordinaryColumnsAreNot(String column) {
        assertEquals(java.util.Optional.empty(), IdentifierColumns.identifierIn(column), column);
    }
}
