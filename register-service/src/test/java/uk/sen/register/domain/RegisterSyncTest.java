package uk.sen.register.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import uk.sen.register.domain.RegisterSync.Close;
import uk.sen.register.domain.RegisterSync.Correct;
import uk.sen.register.domain.RegisterSync.Held;
import uk.sen.register.domain.RegisterSync.HeldProvision;
import uk.sen.register.domain.RegisterSync.Incoming;
import uk.sen.register.domain.RegisterSync.Insert;
import uk.sen.register.domain.RegisterSync.Outcome;
import uk.sen.register.domain.RegisterSync.Plan;
import uk.sen.register.domain.RegisterSync.ProvisionChange;
import uk.sen.register.domain.RegisterSync.Reopen;
import uk.sen.register.domain.RegisterSync.Source;
import uk.sen.register.domain.SenRules.RankedNeed;

/**
 * Each case: the pupil the register holds (or none), what the file says, and the plan: outcome, provision changes,
 * needs change, events, then violations and warnings. Held provisions are numbered #1, #2 ... in the order given.
 */
class RegisterSyncTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    static final String HERE = "900101";
    static final String UPN = "H801200001001";

    /** Provisions as "K 2024-09-01 2025-07-20" (closed) or "E 2025-07-20" (open), separated by ";". */
    static Held held(String school, String leaving, boolean inScope, String ncYear, String provisions, String needs) {
        List<HeldProvision> rows = new ArrayList<>();
        if (!provisions.isBlank()) {
            for (String p : provisions.split(";")) {
                String[] f = p.trim().split(" ");
                ProvisionPeriod period = new ProvisionPeriod(Provision.valueOf(f[0]), LocalDate.parse(f[1]),
                        f.length > 2 ? LocalDate.parse(f[2]) : null, f.length > 2 ? "Ended" : null,
                        f[0].equals("E") ? "801" : null, f[0].equals("E") ? LocalDate.parse(f[1]) : null);
                rows.add(new HeldProvision(new UUID(0, rows.size() + 1), period));
            }
        }
        return new Held(new UUID(9, 9), 3, school, "Khan", "Amira", LocalDate.of(2016, 3, 14), "F", ncYear,
                LocalDate.of(2022, 9, 1), leaving == null ? null : LocalDate.parse(leaving), inScope, rows,
                needs(needs));
    }

    static Held here(String provisions, String needs) {
        return held(HERE, null, true, "4", provisions, needs);
    }

    /** An MIS row: provision code, its start (or "-"), needs "1:SLCN 2:SEMH". */
    static Incoming mis(String code, String since, String needs) {
        return mis("Khan", "4", code, since, needs, null);
    }

    static Incoming mis(String surname, String ncYear, String code, String since, String needs, String planIssue) {
        return mis(surname, ncYear, code, since, needs, planIssue, null);
    }

    /** An MIS row whose LeavingDate, on or before the file's date, says the pupil left on {@code leftOn}. */
    static Incoming left(String leftOn, String code, String since, String needs) {
        return mis("Khan", "4", code, since, needs, null, LocalDate.parse(leftOn));
    }

    static Incoming mis(String surname, String ncYear, String code, String since, String needs, String planIssue,
            LocalDate leftOn) {
        Provision p = Provision.valueOf(code);
        return new Incoming(UPN, surname, "Amira", LocalDate.of(2016, 3, 14), "F", ncYear, null, leftOn, List.of(), p,
                since.equals("-") ? null : LocalDate.parse(since), p == Provision.E ? "801" : null,
                planIssue != null ? LocalDate.parse(planIssue) : p == Provision.E ? LocalDate.parse(since) : null,
                needs(needs));
    }

    /** A CTF pupil: SEN entries "K 2020-09-01;N 2021-07-01;E 2022-01-10". */
    static Incoming ctf(String entries, String needs) {
        List<SenHistory.Entry> list = new ArrayList<>();
        for (String e : entries.split(";")) {
            String[] f = e.trim().split(" ");
            list.add(new SenHistory.Entry(list.size() + 1, LocalDate.parse(f[1]), Provision.valueOf(f[0])));
        }
        SenHistory.Transferred t = SenHistory.fromEntries(list);
        return new Incoming(UPN, "Khan", "Amira", LocalDate.of(2016, 3, 14), "F", "4", null, null, t.closed(), t.current(),
                t.currentSince(), null, null, needs(needs));
    }

    static List<RankedNeed> needs(String spec) {
        List<RankedNeed> list = new ArrayList<>();
        if (!spec.isBlank()) {
            for (String part : spec.split(" ")) {
                String[] rankCode = part.split(":");
                list.add(new RankedNeed(Integer.valueOf(rankCode[0]), rankCode[1]));
            }
        }
        return list;
    }

    static List<String> describe(Plan plan) {
        List<String> out = new ArrayList<>();
        out.add(plan.outcome().name() + (plan.outcome() == Outcome.LEFT ? " on " + plan.pupil().leavingDate() : ""));
        for (ProvisionChange c : plan.provisionChanges()) {
            if (c instanceof Close close) {
                out.add("close #" + close.id().getLeastSignificantBits() + " " + close.end() + " (" + close.reason() + ")");
            } else if (c instanceof Reopen reopen) {
                out.add("reopen #" + reopen.id().getLeastSignificantBits());
            } else if (c instanceof Correct correct) {
                out.add("correct #" + correct.id().getLeastSignificantBits() + " " + correct.start() + " "
                        + correct.planIssueDate());
            } else if (c instanceof Insert insert) {
                ProvisionPeriod p = insert.period();
                out.add("insert " + p.code() + " " + p.start() + (p.isOpen() ? " open" : " to " + p.end()
                        + " (" + p.endReason() + ")"));
            }
        }
        if (plan.needsChange() != null) {
            out.add("needs [" + String.join(" ", plan.needsChange().needs().stream()
                    .map(n -> n.rank() + ":" + n.code()).toList()) + "] from " + plan.needsChange().effective());
        }
        plan.events().forEach(e -> out.add("event " + e.kind() + (e.previous() == null ? "" : " from " + e.previous())
                + (e.changedFields().isEmpty() ? "" : " " + e.changedFields())));
        plan.violations().forEach(v -> out.add("violation " + v.field() + ": " + v.reason()));
        plan.warnings().forEach(w -> out.add("warning " + w));
        return out;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // ---- new pupils
                Arguments.of("MIS: new pupil not on the register (announced, so every service knows them)", null,
                        mis("N", "-", ""), Source.MIS, List.of("CREATED", "event PUPIL_ADDED")),
                Arguments.of("MIS: new pupil with SEN support", null, mis("K", "2025-09-08", "1:SLCN 2:SEMH"), Source.MIS,
                        List.of("CREATED", "insert K 2025-09-08 open", "needs [1:SLCN 2:SEMH] from 2025-09-08",
                                "event PUPIL_REGISTERED from N")),
                Arguments.of("CTF: new pupil with K, a gap, then E", null,
                        ctf("K 2020-09-01;N 2021-07-01;E 2022-01-10", "1:ASD"), Source.CTF,
                        List.of("CREATED", "insert K 2020-09-01 to 2021-07-01 (No longer on the SEN register)",
                                "insert E 2022-01-10 open", "needs [1:ASD] from 2022-01-10",
                                "event PUPIL_REGISTERED from N")),
                Arguments.of("CTF: new pupil who came off the register", null, ctf("K 2020-09-01;N 2021-07-01", ""),
                        Source.CTF,
                        List.of("CREATED", "insert K 2020-09-01 to 2021-07-01 (No longer on the SEN register)",
                                "event PUPIL_ADDED")),
                // ---- nothing to do
                Arguments.of("MIS: same pupil, still N", here("", ""), mis("N", "-", ""), Source.MIS,
                        List.of("UNCHANGED")),
                Arguments.of("MIS: same K, same needs", here("K 2025-09-08", "1:SLCN"), mis("K", "2025-09-08", "1:SLCN"),
                        Source.MIS, List.of("UNCHANGED")),
                Arguments.of("MIS: N and a closed K in history", here("K 2024-09-02 2025-07-01", ""), mis("N", "-", ""),
                        Source.MIS, List.of("UNCHANGED")),
                // ---- MIS changes
                Arguments.of("MIS: needs changed", here("K 2025-09-08", "1:SLCN"), mis("K", "2025-09-08", "1:ASD"),
                        Source.MIS, List.of("UPDATED", "needs [1:ASD] from 2026-11-23", "event NEEDS_CHANGED [needs]")),
                Arguments.of("MIS: K to E", here("K 2025-09-08", "1:SLCN"), mis("E", "2026-10-01", "1:SLCN"),
                        Source.MIS, List.of("UPDATED", "close #1 2026-10-01 (Changed to E)", "insert E 2026-10-01 open",
                                "event PROVISION_CHANGED from K")),
                Arguments.of("MIS: K to E with new needs", here("K 2025-09-08", "1:SLCN"), mis("E", "2026-10-01", "1:ASD"),
                        Source.MIS, List.of("UPDATED", "close #1 2026-10-01 (Changed to E)", "insert E 2026-10-01 open",
                                "needs [1:ASD] from 2026-10-01", "event PROVISION_CHANGED from K")),
                Arguments.of("MIS: E starting before the open K", here("K 2025-09-08", "1:SLCN"),
                        mis("E", "2025-01-06", "1:SLCN"), Source.MIS,
                        List.of("INVALID", "violation startDate: must not be before the start of the open provision (2025-09-08)")),
                Arguments.of("MIS: N closes the open K today", here("K 2025-09-08", "1:SLCN"), mis("N", "-", ""),
                        Source.MIS, List.of("UPDATED", "close #1 2026-11-23 (Not on the SEN register in the school's MIS)",
                                "needs [] from 2026-11-23", "event PUPIL_LEFT_REGISTER from K")),
                Arguments.of("MIS: corrects the start of the open K", here("K 2025-09-01", "1:SLCN"),
                        mis("K", "2025-09-08", "1:SLCN"), Source.MIS,
                        List.of("UPDATED", "correct #1 2025-09-08 null", "event PROVISION_CHANGED from K")),
                Arguments.of("MIS: corrects the plan's issue date", here("E 2025-09-01", "1:ASD"),
                        mis("Khan", "4", "E", "2025-09-01", "1:ASD", "2025-08-20"), Source.MIS,
                        List.of("UPDATED", "correct #1 2025-09-01 2025-08-20", "event PROVISION_CHANGED from E")),
                Arguments.of("MIS: K again, starting inside an earlier period", here("K 2024-09-02 2026-03-01", ""),
                        mis("K", "2025-09-01", "1:SLCN"), Source.MIS,
                        List.of("INVALID", "violation startDate: must not be before the end of the pupil's previous provision (2026-03-01)")),
                Arguments.of("MIS: K again after an earlier period", here("K 2024-09-02 2025-07-01", ""),
                        mis("K", "2026-09-07", "1:MLD"), Source.MIS,
                        List.of("UPDATED", "insert K 2026-09-07 open", "needs [1:MLD] from 2026-09-07",
                                "event PUPIL_REGISTERED from N")),
                Arguments.of("MIS: year group moved on", here("", ""), mis("Khan", "5", "N", "-", "", null), Source.MIS,
                        List.of("UPDATED", "event PUPIL_DETAILS_CHANGED [ncYear]")),
                Arguments.of("MIS: surname corrected (no event: names stay out of events)", here("", ""),
                        mis("Khan-Ali", "4", "N", "-", "", null), Source.MIS, List.of("UPDATED")),
                Arguments.of("MIS: year group and needs", here("K 2025-09-08", "1:SLCN"),
                        mis("Khan", "5", "K", "2025-09-08", "1:SLCN 2:SEMH", null), Source.MIS,
                        List.of("UPDATED", "needs [1:SLCN 2:SEMH] from 2026-11-23",
                                "event PUPIL_DETAILS_CHANGED [ncYear]", "event NEEDS_CHANGED [needs]")),
                // ---- pupils of other schools of the trust
                Arguments.of("MIS: on roll at a school outside the caller's scope",
                        held("900102", null, false, "4", "", ""), mis("N", "-", ""), Source.MIS,
                        List.of("INVALID", "violation upn: More than one pupil record with the same UPN (the pupil is "
                                + "on the roll of another school of the trust and has not left it)")),
                Arguments.of("MIS: leaving another school later this year, outside scope",
                        held("900102", "2027-07-22", false, "4", "", ""), mis("N", "-", ""), Source.MIS,
                        List.of("INVALID", "violation upn: More than one pupil record with the same UPN (the pupil is "
                                + "on the roll of another school of the trust and has not left it)")),
                Arguments.of("MIS: on roll at another school the caller covers: moves",
                        held("900102", null, true, "4", "", ""), mis("N", "-", ""), Source.MIS,
                        List.of("UPDATED", "event PUPIL_DETAILS_CHANGED [schoolUrn]")),
                Arguments.of("CTF: left another school of the trust with K: the K is reopened",
                        held("900102", "2026-07-22", false, "6", "K 2024-09-02 2026-07-22", ""),
                        ctf("K 2024-09-02", "1:SPLD"), Source.CTF,
                        List.of("UPDATED", "reopen #1", "needs [1:SPLD] from 2026-07-22",
                                "event PUPIL_DETAILS_CHANGED [schoolUrn, ncYear]", "event PUPIL_REGISTERED from N")),
                Arguments.of("CTF: imported twice", here("K 2020-09-01 2021-07-01;E 2022-01-10", "1:ASD"),
                        ctf("K 2020-09-01;N 2021-07-01;E 2022-01-10", "1:ASD"), Source.CTF, List.of("UNCHANGED")),
                // ---- CTF disagreeing with the register: the register's record is kept
                Arguments.of("CTF: same provision open, another start", here("K 2024-09-02", "1:SLCN"),
                        ctf("K 2023-09-04", "1:SLCN"), Source.CTF,
                        List.of("UNCHANGED", "warning SEN history: the register has K open since 2024-09-02 and the "
                                + "file says since 2023-09-04; the register's date is kept")),
                Arguments.of("CTF: E starting before the open K", here("K 2025-09-08", "1:SLCN"),
                        ctf("E 2025-01-06", "1:ASD"), Source.CTF,
                        List.of("UNCHANGED", "warning SEN history: must not be before the start of the open provision "
                                + "(2025-09-08); the register's provision is kept")),
                Arguments.of("CTF: an earlier period overlapping the register's",
                        here("K 2021-01-04 2021-09-01;E 2022-01-10", "1:ASD"),
                        ctf("K 2020-09-01;N 2021-07-01;E 2022-01-10", "1:ASD"), Source.CTF,
                        List.of("UNCHANGED", "warning SEN history: K from 2020-09-01 to 2021-07-01 overlaps the "
                                + "register's history; the register's is kept")),
                Arguments.of("CTF: the pupil came off the register after the open K began", here("K 2025-09-08", "1:SLCN"),
                        ctf("K 2025-09-08;N 2026-07-01", ""), Source.CTF,
                        List.of("UPDATED", "close #1 2026-07-01 (No longer on the SEN register (Common Transfer File))",
                                "needs [] from 2026-07-01", "event PUPIL_LEFT_REGISTER from K")),
                // ---- MIS rows with a LeavingDate on or before the file's date: the pupil leaves, as through the API
                Arguments.of("MIS: left with K open: K closes that day", here("K 2025-09-08", "1:SLCN"),
                        left("2026-11-20", "K", "2025-09-08", "1:SLCN"), Source.MIS,
                        List.of("LEFT on 2026-11-20", "close #1 2026-11-20 (Left the school)", "needs [] from 2026-11-20",
                                "event PUPIL_LEFT_REGISTER from K")),
                Arguments.of("MIS: left with E open, the row's other columns not applied", here("E 2024-01-15", "1:ASD"),
                        mis("Khan-Ali", "5", "K", "2025-09-08", "1:MLD", null, LocalDate.of(2026, 11, 20)), Source.MIS,
                        List.of("LEFT on 2026-11-20", "close #1 2026-11-20 (Left the school)", "needs [] from 2026-11-20",
                                "event PUPIL_LEFT_REGISTER from E")),
                Arguments.of("MIS: left without SEN provision (no event, as through the API)", here("", ""),
                        left("2026-11-20", "N", "-", ""), Source.MIS, List.of("LEFT on 2026-11-20")),
                Arguments.of("MIS: left before the open K began: it closes the day it began",
                        here("K 2026-11-22", "1:SLCN"), left("2026-11-20", "K", "2026-11-22", "1:SLCN"), Source.MIS,
                        List.of("LEFT on 2026-11-20", "close #1 2026-11-22 (Left the school)",
                                "needs [] from 2026-11-22", "event PUPIL_LEFT_REGISTER from K")),
                Arguments.of("MIS: a leaving date later this year is brought forward; the provision it closed stays",
                        held(HERE, "2027-07-22", true, "4", "K 2025-09-08 2027-07-22", ""),
                        left("2026-11-20", "K", "2025-09-08", "1:SLCN"), Source.MIS, List.of("LEFT on 2026-11-20")),
                Arguments.of("MIS: already recorded as left (the same file again)",
                        held(HERE, "2026-11-20", true, "4", "K 2025-09-08 2026-11-20", ""),
                        left("2026-11-20", "K", "2025-09-08", "1:SLCN"), Source.MIS, List.of("UNCHANGED")),
                Arguments.of("MIS: left before coming on roll", here("", ""), left("2022-08-01", "N", "-", ""),
                        Source.MIS, List.of("INVALID",
                                "violation leavingDate: must not be before the day the pupil came on roll (2022-09-01)")),
                Arguments.of("MIS: a leaver the register does not hold", null, left("2026-11-20", "N", "-", ""),
                        Source.MIS, List.of("UNCHANGED", "warning left the school on 2026-11-20 (LeavingDate) and is "
                                + "not on this school's roll in the register: nothing to record")),
                Arguments.of("MIS: a leaver on roll at another school of the trust",
                        held("900102", null, true, "4", "K 2025-09-08", "1:SLCN"), left("2026-11-20", "N", "-", ""),
                        Source.MIS, List.of("UNCHANGED", "warning left the school on 2026-11-20 (LeavingDate) and is "
                                + "not on this school's roll in the register: nothing to record")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void plans(String name, Held held, Incoming incoming, Source source, List<String> expected) {
        assertEquals(expected, describe(RegisterSync.plan(incoming, held, HERE, TODAY, source)));
    }
}
