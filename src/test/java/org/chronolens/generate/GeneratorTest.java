package org.chronolens.generate;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.*;

class GeneratorTest {

    private static final LocalDate END = Generator.DEFAULT_END;

    @TempDir
    Path dir;

    private Generator.Summary generate(String name, int cases, long seed, boolean split) throws IOException {
        return new Generator(new Generator.Settings(cases, seed, END, split)).write(dir.resolve(name));
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedDoesNot() throws IOException {
        generate("a", 60, 42, true);
        generate("b", 60, 42, true);
        generate("c", 60, 43, true);
        assertEquals(contents(dir.resolve("a")), contents(dir.resolve("b")));
        assertNotEquals(contents(dir.resolve("a")), contents(dir.resolve("c")));
    }

    /** Was a defect: ids and times were formatted in the machine's locale (Arabic-Indic digits in ar-EG). */
    @Test
    void theBytesDoNotDependOnTheMachinesLocale() throws IOException {
        generate("root", 30, 5, false);
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("ar-EG"));
            generate("arabic", 30, 5, false);
        } finally {
            java.util.Locale.setDefault(before);
        }
        assertEquals(contents(dir.resolve("root")), contents(dir.resolve("arabic")));
    }

    @Test
    void splitByAgencyWritesOneExtractPerAgencyWithStrategyMeetingsAlsoInThePoliceExtract() throws IOException {
        generate("split", 80, 5, true);
        try (Stream<Path> files = Files.list(dir.resolve("split/chronology"))) {
            for (Path f : files.toList()) {
                String agency = f.getFileName().toString().replace(".csv", "");
                for (CSVRecord r : read(f)) {
                    assertTrue(agency.equals(r.get("agency"))
                                    || agency.equals("police") && r.get("event_type").equals("strategy_meeting"),
                            () -> f + " holds a row of " + r.get("agency"));
                }
            }
        }
    }

    @Test
    void everyPlantedPatternIsPresentInTheChronologyItNames() throws IOException {
        Generator.Summary summary = generate("truth", 400, 11, false);
        Map<String, List<Ev>> byCase = new HashMap<>();
        for (CSVRecord r : read(summary.chronology().resolve("chronology.csv"))) {
            byCase.computeIfAbsent(r.get("case_id"), k -> new ArrayList<>()).add(Ev.of(r));
        }
        Set<String> subjectsInData = byCase.values().stream().flatMap(List::stream).map(e -> e.subject)
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        Set<String> subjectsInTruth = new HashSet<>();
        Map<String, Integer> checked = new HashMap<>();
        for (CSVRecord t : read(summary.groundTruth())) {
            String subject = t.get("subject_id");
            if (!subject.isEmpty()) {
                subjectsInTruth.add(subject);
            }
            List<Ev> events = byCase.get(t.get("case_id"));
            List<Ev> own = events.stream().filter(e -> e.subject.isEmpty() || e.subject.equals(subject)).toList();
            for (String rule : t.get("planted_patterns").split(";")) {
                if (rule.isEmpty()) {
                    continue;
                }
                assertTrue(holds(rule, own, events), () -> rule + " planted but absent for " + t.get("case_id") + " " + subject);
                checked.merge(rule, 1, Integer::sum);
            }
        }
        assertEquals(subjectsInData, subjectsInTruth, "ground truth names exactly the subjects in the data");
        assertEquals(15, checked.size(), "every planted rule occurs in 400 cases: " + checked);
    }

    @Test
    void everyFamilyOfALargeDrawIsGeneratedWithItsEventsInsideTheExtract() {
        // Rare paths (a re-referral days before the end, a plan clipped by it) need many draws to occur.
        long events = 0;
        for (int i = 1; i <= 30_000; i++) {
            FamilyGenerator.Family f = new FamilyGenerator(new java.util.SplittableRandom(Generator.mix(5, i)),
                    "C" + i, Generator.DEFAULT_END).generate();
            for (GeneratedEvent e : f.events()) {
                assertFalse(e.date().isAfter(Generator.DEFAULT_END), () -> "event after the end: " + e);
            }
            events += f.events().size();
        }
        assertTrue(events > 30_000L * 40, "families of a plausible size: " + events);
    }

    // ---- an independent, deliberately plain reading of each planted pattern ----------------------

    private record Ev(String subject, String id, LocalDate date, String agency, String type, String outcome,
                      String related, LocalDate due, String attendees) {
        static Ev of(CSVRecord r) {
            String due = r.get("due_date");
            return new Ev(r.get("subject_id"), r.get("event_id"), LocalDate.parse(r.get("event_date").substring(0, 10)),
                    r.get("agency"), r.get("event_type"), r.get("outcome"), r.get("related_event_id"),
                    due.isEmpty() ? null : LocalDate.parse(due), r.get("attendees"));
        }

        boolean is(String t, String... outcomes) {
            return type.equals(t) && (outcomes.length == 0 || List.of(outcomes).contains(outcome));
        }
    }

    private static final Predicate<Ev> ENGAGED = e -> e.is("appointment", "attended") || e.is("home_visit", "child_seen")
            || e.is("contact", "responded") || e.is("advice_followup", "adhered") || e.is("medication", "collected")
            || e.is("agreement", "kept");
    private static final Predicate<Ev> NOT_ENGAGED = e -> e.is("appointment", "was_not_brought", "did_not_attend")
            || e.is("home_visit", "child_not_seen", "no_access", "refused_entry") || e.is("contact", "no_response")
            || e.is("advice_followup", "not_adhered") || e.is("medication", "not_collected") || e.is("agreement", "breached");

    private static boolean holds(String rule, List<Ev> own, List<Ev> all) {
        return switch (rule) {
            case "missed-appointments" -> nWithin(own, e -> e.is("appointment", "was_not_brought", "did_not_attend"), 3, 90);
            case "consecutive-missed-appointments" -> consecutiveMissed(own);
            case "advice-non-adherence" -> nWithin(own, e -> e.is("advice_followup", "not_adhered", "partially_adhered")
                    || e.is("medication", "not_collected"), 2, 180);
            case "child-not-seen" -> nWithin(own, e -> e.is("home_visit", "child_not_seen", "no_access", "refused_entry",
                    "cancelled_by_family"), 2, 60);
            case "superficial-engagement" -> nWithin(own, e -> e.is("engagement", "superficial", "avoidant"), 2, 90);
            case "hostility-or-resistance" -> own.stream().anyMatch(e -> e.is("engagement", "hostile") || e.is("home_visit", "refused_entry"));
            case "agreement-not-followed-through" -> {
                Set<String> breached = all.stream().filter(e -> e.is("agreement", "breached")).map(Ev::related).collect(Collectors.toSet());
                yield nWithin(own, e -> e.is("agreement", "made") && breached.contains(e.id), 2, 180);
            }
            case "compliance-around-scrutiny" -> complianceAroundScrutiny(own);
            case "strategy-meeting-attendance" -> all.stream().filter(e -> e.is("strategy_meeting"))
                    .anyMatch(e -> !List.of(e.attendees.split(";")).containsAll(List.of("social_care", "health", "police")));
            case "action-drift-without-escalation" -> all.stream().filter(e -> e.is("action_agreed")).anyMatch(a ->
                    a.due.plusDays(14).isBefore(END)
                            && all.stream().noneMatch(c -> c.is("action_completed") && c.related.equals(a.id))
                            && all.stream().noneMatch(x -> x.is("escalation") && !x.date.isBefore(a.date) && !x.date.isAfter(a.due.plusDays(14))));
            case "advice-not-followed-up" -> own.stream().filter(e -> e.is("medical_advice")).anyMatch(a ->
                    !a.date.plusDays(60).isAfter(END)
                            && own.stream().noneMatch(f -> f.is("advice_followup") && (f.related.equals(a.id)
                            || f.related.isEmpty() && days(a.date, f.date) >= 0 && days(a.date, f.date) <= 60)));
            case "pattern-held-by-one-agency" -> all.stream().noneMatch(e -> e.agency.equals("health")
                    && (e.is("referral") || e.is("information_shared")));
            case "child-on-plan-not-seen" -> planGapOverLimit(own);
            case "selective-engagement" -> selectiveEngagement(own);
            case "repeat-closure-and-re-referral" -> repeatClosure(all);
            default -> fail("unknown planted rule " + rule);
        };
    }

    private static long days(LocalDate a, LocalDate b) {
        return ChronoUnit.DAYS.between(a, b);
    }

    private static boolean nWithin(List<Ev> events, Predicate<Ev> q, int n, int d) {
        List<LocalDate> dates = events.stream().filter(q).map(Ev::date).sorted().toList();
        for (int i = n - 1; i < dates.size(); i++) {
            if (days(dates.get(i - n + 1), dates.get(i)) <= d - 1) {
                return true;
            }
        }
        return false;
    }

    private static boolean consecutiveMissed(List<Ev> events) {
        int run = 0;
        for (Ev e : events.stream().filter(x -> x.is("appointment")).sorted(Comparator.comparing(Ev::date).thenComparing(Ev::id)).toList()) {
            if (e.is("appointment", "was_not_brought", "did_not_attend")) {
                if (++run >= 2) {
                    return true;
                }
            } else if (e.is("appointment", "attended")) {
                run = 0;
            }
        }
        return false;
    }

    /** A child protection (14 days) or looked-after (42 days) episode with a longer gap between sightings. */
    private static boolean planGapOverLimit(List<Ev> events) {
        Map<String, Integer> limits = Map.of("child_protection", 14, "looked_after", 42);
        List<Ev> sorted = events.stream().sorted(Comparator.comparing(Ev::date).thenComparing(Ev::id)).toList();
        for (Map.Entry<String, Integer> limit : limits.entrySet()) {
            LocalDate last = null;
            for (Ev e : sorted) {
                if (e.is("plan_started", limit.getKey()) && last == null) {
                    last = e.date;
                } else if (last != null && (e.is("home_visit", "child_seen") && e.agency.equals("social_care")
                        || e.is("plan_ended", limit.getKey()))) {
                    if (days(last, e.date) > limit.getValue()) {
                        return true;
                    }
                    last = e.is("plan_ended") ? null : e.date;
                }
            }
            if (last != null && days(last, END) > limit.getValue()) {
                return true;
            }
        }
        return false;
    }

    /** Ninety days ending at a non-engagement event in which one agency hears only no and another only yes. */
    private static boolean selectiveEngagement(List<Ev> events) {
        for (Ev anchor : events.stream().filter(NOT_ENGAGED).toList()) {
            List<Ev> window = events.stream().filter(e -> days(e.date, anchor.date) >= 0 && days(e.date, anchor.date) <= 89).toList();
            List<Ev> x = window.stream().filter(e -> e.agency.equals(anchor.agency)).toList();
            if (x.stream().filter(NOT_ENGAGED).count() < 3 || x.stream().anyMatch(ENGAGED)) {
                continue;
            }
            Map<String, List<Ev>> others = window.stream().filter(e -> !e.agency.equals(anchor.agency))
                    .collect(Collectors.groupingBy(Ev::agency));
            if (others.values().stream().anyMatch(y -> y.stream().filter(ENGAGED).count() >= 2 && y.stream().noneMatch(NOT_ENGAGED))) {
                return true;
            }
        }
        return false;
    }

    /** Two closures each followed within a year by a referral, the referrals within two years. */
    private static boolean repeatClosure(List<Ev> events) {
        List<LocalDate> cycles = new ArrayList<>();
        LocalDate closed = null;
        for (Ev e : events.stream().sorted(Comparator.comparing(Ev::date).thenComparing(Ev::id)).toList()) {
            if (e.is("case_closed")) {
                closed = e.date;
            } else if (e.is("referral")) {
                if (closed != null && e.date.isAfter(closed) && days(closed, e.date) <= 365) {
                    cycles.add(e.date);
                }
                closed = null;
            }
        }
        return nWithin(cycles.stream().map(d -> new Ev("", "", d, "", "cycle", "", "", null, "")).toList(),
                e -> true, 2, 730);
    }

    private static boolean complianceAroundScrutiny(List<Ev> events) {
        List<LocalDate> scrutiny = events.stream().filter(e -> e.is("cp_conference") || e.is("review")).map(Ev::date).toList();
        List<Ev> pre = new ArrayList<>();
        List<Ev> base = new ArrayList<>();
        for (Ev e : events) {
            if (!ENGAGED.test(e) && !NOT_ENGAGED.test(e)) {
                continue;
            }
            boolean before = scrutiny.stream().anyMatch(s -> days(e.date, s) >= 1 && days(e.date, s) <= 21);
            (before ? pre : base).add(e);
        }
        double preShare = pre.stream().filter(ENGAGED).count() / (double) pre.size();
        double baseShare = base.stream().filter(ENGAGED).count() / (double) base.size();
        return pre.size() >= 3 && preShare >= 0.75 && base.size() >= 4 && baseShare <= 0.5;
    }

    // ---- plumbing ----------------------------------------------------------------------------------

    private static List<CSVRecord> read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }

    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(f).toString(), Files.readString(f));
            }
        }
        return out;
    }
}
