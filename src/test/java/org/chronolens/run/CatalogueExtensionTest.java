package org.chronolens.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.chronolens.SparkExtension;
import org.chronolens.TestFiles;
import org.chronolens.check.PiiPolicy;
import org.chronolens.detect.Chronology;
import org.chronolens.detect.Event;
import org.chronolens.detect.Flag;
import org.chronolens.detect.Param;
import org.chronolens.detect.Params;
import org.chronolens.detect.Rule;
import org.chronolens.detect.RuleConfig;
import org.chronolens.detect.RuleEntry;
import org.chronolens.detect.Scope;
import org.chronolens.detect.Severity;
import org.chronolens.detect.Theme;
import org.chronolens.detect.rules.Catalogue;
import org.chronolens.detect.rules.CountRule;
import org.chronolens.ingest.ColumnMapping;
import org.chronolens.report.Prompts;
import org.chronolens.util.Stages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.chronolens.TestFiles.HEADER;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A rule is an entry in the catalogue: a count rule is one entry, a rule with logic of its own is
 * one class and one entry. Everything else — its thresholds-file keys, thresholds.json, the
 * sensitivity table, its report page and prompts, its flag key — follows.
 */
@ExtendWith(SparkExtension.class)
class CatalogueExtensionTest {

    @TempDir
    Path dir;

    /** A count rule, added with one entry and nothing else. */
    static final RuleEntry UNANSWERED = CountRule.entry(new CountRule.Shape("contact-not-answered", "Contacts not answered",
            Theme.COMMUNICATION, "Calls and letters to the carers that nobody answered.", 3, 30, "contacts",
            p -> "went unanswered", List.of(CountRule.counted("contact", "outcomes", "contact outcomes that count",
                    "no_response")), List.of()));

    /** A rule with logic of its own: every escalation in a case with at least min_escalations of them. */
    static final class RepeatedEscalation implements Rule {
        static final Param<Integer> MIN = Param.integer("min_escalations", "escalations in the case that make it",
                2, 1, 100);
        static final RuleEntry ENTRY = RuleEntry.of("repeated-escalation").title("Escalated again and again").theme(Theme.ESCALATION)
                .scope(Scope.PER_EVENT).description("Cases escalated again and again.").measure("escalations in the case")
                .params(MIN).counts("escalation")
                .build((p, built) -> new RepeatedEscalation(p));

        private final int min;

        RepeatedEscalation(Params p) {
            this.min = p.get(MIN);
        }

        @Override
        public String id() {
            return "repeated-escalation";
        }

        @Override
        public Theme theme() {
            return Theme.ESCALATION;
        }

        @Override
        public List<Flag> evaluate(Chronology c) {
            List<Event> escalations = Chronology.filter(c.events(), e -> e.is("escalation"));
            List<Flag> out = new ArrayList<>();
            if (escalations.size() >= min) {
                for (Event e : escalations) {
                    out.add(Flag.of(this, c.caseId(), e.subjectId()).window(e.date(), e.date())
                            .metric(escalations.size(), min + " escalations").severity(Severity.LOW)
                            .evidence(List.of(e.eventId()))
                            .explaining("One of " + escalations.size() + " escalations (threshold: " + min
                                    + " escalations)"));
                }
            }
            return out;
        }
    }

    @Test
    void aCountRuleIsOneEntryAndARuleOfItsOwnIsOneClassAndOneEntry(SparkSession spark) throws Exception {
        Catalogue catalogue = Catalogue.standard().with(UNANSWERED).with(RepeatedEscalation.ENTRY);
        Path in = TestFiles.csv(dir, "in/a.csv", HEADER,
                "F1,C1,E1,2026-03-01,health,contact,no_response,,,,",
                "F1,C1,E2,2026-03-05,health,contact,responded,,,,",
                "F1,C1,E3,2026-03-20,health,contact,no_response,,,,",
                "F1,,E4,2026-04-01,social_care,escalation,,,,,",
                "F1,,E5,2026-05-01,social_care,escalation,,,,,");
        Path out = dir.resolve("run");
        ValidateJob.Options options = new ValidateJob.Options(List.of(in.toString()), ValidateRun.AS_OF, out.toString(),
                true, ColumnMapping.identity(), PiiPolicy.REDACT, 0.05);
        ScanJob.Result r = new ScanJob(spark, Stages.NONE).run(ScanRequest.of(options,
                catalogue.build(RuleConfig.of(Map.of("contact-not-answered", Map.of("count", 2)))))
                .withReport(Prompts.defaults()));

        assertEquals(Map.of("contact-not-answered", 1L, "repeated-escalation", 2L), r.flagsByRule());
        String flags = TestFiles.read(out.resolve("flags.csv"));
        assertTrue(flags.contains("contact-not-answered|F1|C1,contact-not-answered,multi-agency communication,F1,C1,"
                + "2026-03-01,2026-03-20,2,2 within 30 days,low,E1;E3,2 of 3 contacts in 20 days went unanswered "
                + "(threshold: 2 within 30 days),"), flags);
        assertTrue(flags.contains("repeated-escalation|F1||E4,repeated-escalation,"), "a per-event rule's key holds "
                + "its event: " + flags);
        String thresholds = TestFiles.read(out.resolve("thresholds.json"));
        assertTrue(thresholds.contains("\"contact-not-answered\" : {\n      \"count\" : 2,\n      \"days\" : 30,\n"
                + "      \"outcomes\" : [ \"no_response\" ]"), thresholds);
        assertTrue(thresholds.contains("\"repeated-escalation\" : {\n      \"min_escalations\" : 2"), thresholds);
        String sensitivity = TestFiles.read(out.resolve("threshold-sensitivity.csv"));
        assertTrue(sensitivity.contains("contact-not-answered,as_configured,2,30,1")
                && sensitivity.contains("contact-not-answered,n_plus_1,3,30,0")
                && sensitivity.contains("contact-not-answered,double_window,2,60,1"), sensitivity);
        String page = TestFiles.read(out.resolve("report/rules/contact-not-answered-1.html"));
        assertTrue(page.contains("Calls and letters to the carers that nobody answered."), page);
        String child = TestFiles.read(out.resolve("report/subjects/F1/C1.html"));
        assertTrue(child.contains(Prompts.defaults().section("multi-agency-communication").title()),
                "the flag shows its theme's prompts");

        Path file = TestFiles.csv(dir, "t.yaml", "rules:", "  contact-not-answered:", "    days: 10");
        assertEquals(10, catalogue.build(RuleConfig.load(file)).params("contact-not-answered").orElseThrow()
                .asMap().get("days"), "its keys are in the thresholds file");
    }
}
