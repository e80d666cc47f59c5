package org.chronolens.ingest;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.chronolens.TestFiles;
import org.chronolens.config.ConfigException;
import org.chronolens.check.ContractColumn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.*;

class ColumnMappingTest {

    @TempDir
    Path dir;

    private ColumnMapping load(String... lines) {
        return ColumnMapping.load(TestFiles.csv(dir, "m.yaml", lines));
    }

    @Test
    void renamesSetsConstantsMapsValuesPrefixesAndReformatsDates() {
        ColumnMapping m = load("columns:",
                "  case_id: Family",
                "  event_id: {from: Ref, prefix: 'x-'}",
                "  event_date: {from: When, date_format: 'dd/MM/yyyy HH:mm'}",
                "  agency: {value: health}",
                "  event_type: {value: appointment}",
                "  outcome: {from: Came, map: {'Y': attended, 'N': did_not_attend}}");
        Map<String, String> row = Map.of("family", "F1", "ref", "9", "when", "03/02/2026 14:05", "came", "N");
        Map<ContractColumn, String> out = m.apply(row::get);
        assertEquals("F1", out.get(ContractColumn.CASE_ID));
        assertEquals("x-9", out.get(ContractColumn.EVENT_ID));
        assertEquals("2026-02-03T14:05:00", out.get(ContractColumn.EVENT_DATE));
        assertEquals("health", out.get(ContractColumn.AGENCY));
        assertEquals("did_not_attend", out.get(ContractColumn.OUTCOME));
        assertEquals("", out.get(ContractColumn.NOTES), "an unmapped optional column without a source is empty");
    }

    @Test
    void aDateThatDoesNotFitTheFormatPassesThroughToBeQuarantined() {
        ColumnMapping m = load("columns:", "  event_date: {from: When, date_format: 'dd/MM/yyyy'}");
        assertEquals("not a date", m.apply(Map.of("when", "not a date")::get).get(ContractColumn.EVENT_DATE));
    }

    @Test
    void anUnknownKeyIsAnErrorWithItsLineAndTheAllowedKeys() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("columns:",
                "  case_id: Family",
                "  event_id: {form: Ref}"));
        assertTrue(e.getMessage().endsWith("line 3 (columns.event_id): unknown key 'form'; expected one of "
                + "date_format, from, map, prefix, value"), e.getMessage());
    }

    @Test
    void anUnknownTargetColumnIsAnErrorWithItsLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("columns:", "  case_id: A", "  child: B"));
        assertTrue(e.getMessage().contains("line 3 (columns): unknown key 'child'"), e.getMessage());
    }

    @Test
    void fromAndValueTogetherAreAnError() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("columns:", "  agency: {from: A, value: health}"));
        assertTrue(e.getMessage().contains("line 2 (columns.agency): give exactly one of 'from'"), e.getMessage());
    }

    @Test
    void brokenYamlIsAnErrorWithItsLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("columns:", "  case_id: [unclosed"));
        assertTrue(e.getMessage().contains("m.yaml line 3: not valid YAML"), e.getMessage());
    }

    @Test
    void aFileMissingAMappedSourceColumnIsNamed() {
        ColumnMapping m = load("columns:", "  case_id: Family");
        assertTrue(m.missingColumns(Set.of("event_id", "event_date", "agency", "event_type"))
                .contains("column 'family' named by the mapping for case_id is missing"));
    }
}
