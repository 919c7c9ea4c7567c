package uk.sen.register.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import uk.sen.platform.problem.Violation;
import uk.sen.register.domain.SenRules.RankedNeed;

/**
 * How a pupil described by a file (a row of the school's MIS export, or a pupil of a Common Transfer File) changes
 * the register, decided without touching the database so every case can be tested on its own. Pupils are matched by
 * UPN within the trust. The MIS is the school's own record, so its current provision wins and a row that cannot be
 * applied is refused; a CTF comes from another school, so its history is merged in and, where it disagrees with the
 * register, the register's record is kept with a warning.
 */
public final class RegisterSync {

    public enum Source {
        MIS, CTF
    }

    /** What a plan does to the pupil; {@code LEFT}: they leave the school (a leaving date, or not in a full file). */
    public enum Outcome {
        CREATED, UPDATED, UNCHANGED, INVALID, LEFT
    }

    /** The register events a plan publishes, named as in {@code sen.register.v1}. */
    public enum Change {
        PUPIL_ADDED, PUPIL_REGISTERED, PROVISION_CHANGED, NEEDS_CHANGED, PUPIL_LEFT_REGISTER, PUPIL_DETAILS_CHANGED
    }

    /**
     * A pupil as a file describes them, already checked field by field.
     *
     * @param entryDate     the on-roll date at this school when the file gives one
     * @param leftOn        the day the pupil left this school, when the file says they have by the file's date (MIS
     *                      only; a leaving date after the file's date is not one yet)
     * @param closedHistory earlier provisions (CTF only), oldest first
     * @param current       the provision now: N, or the code of the open provision
     * @param currentSince  when {@code current} began; null for an MIS row saying N (as of the import)
     */
    public record Incoming(String upn, String surname, String forename, LocalDate dateOfBirth, String sex,
            String ncYear, LocalDate entryDate, LocalDate leftOn, List<ProvisionPeriod> closedHistory,
            Provision current, LocalDate currentSince, String issuingLa, LocalDate planIssueDate,
            List<RankedNeed> needs) {
    }

    public record HeldProvision(UUID id, ProvisionPeriod period) {
    }

    /**
     * A pupil as the register holds them.
     *
     * @param inScope whether the caller may act on the pupil's current school
     */
    public record Held(UUID id, long version, String schoolUrn, String surname, String forename, LocalDate dateOfBirth,
            String sex, String ncYear, LocalDate onRollDate, LocalDate leavingDate, boolean inScope,
            List<HeldProvision> provisions, List<RankedNeed> needs) {
    }

    /** The pupil's details after the plan. */
    public record PupilFields(String schoolUrn, String upn, String surname, String forename, LocalDate dateOfBirth,
            String sex, String ncYear, LocalDate onRollDate, LocalDate leavingDate) {
    }

    public sealed interface ProvisionChange permits Close, Reopen, Correct, Insert {
    }

    public record Close(UUID id, LocalDate end, String reason) implements ProvisionChange {
    }

    /** Opens again a provision closed when the pupil left, because they bring it back (a move within the trust). */
    public record Reopen(UUID id) implements ProvisionChange {
    }

    /** The MIS corrects the open provision's start or EHC plan details. */
    public record Correct(UUID id, LocalDate start, String issuingLa, LocalDate planIssueDate)
            implements ProvisionChange {
    }

    public record Insert(ProvisionPeriod period) implements ProvisionChange {
    }

    /** The needs from {@code effective} on (empty: none, the pupil is off the register). */
    public record NeedsChange(List<RankedNeed> needs, LocalDate effective) {
    }

    /**
     * One event to publish, with the provision before the change, the provision it closed and the changed fields,
     * as the API publishes them.
     */
    public record Event(Change kind, Provision previous, ProvisionPeriod closed, List<String> changedFields) {
    }

    public record Plan(Outcome outcome, List<Violation> violations, List<String> warnings, PupilFields pupil,
            List<ProvisionChange> provisionChanges, NeedsChange needsChange, ProvisionPeriod openAfter,
            List<RankedNeed> needsAfter, List<Event> events) {
    }

    public static final String DUPLICATE_UPN = "More than one pupil record with the same UPN";
    public static final String MIS_OFF_REGISTER = "Not on the SEN register in the school's MIS";
    public static final String CTF_OFF_REGISTER = SenHistory.OFF_REGISTER_REASON + " (Common Transfer File)";
    /** Why a provision closed when the pupil left the school: the API's and the imports' word. */
    public static final String LEFT_SCHOOL = "Left the school";

    private RegisterSync() {
    }

    /**
     * @param held       the register's pupil with this UPN in the trust, or null
     * @param schoolUrn  the school the file is for
     */
    public static Plan plan(Incoming in, Held held, String schoolUrn, LocalDate today, Source source) {
        if (in.leftOn() != null) {
            return leaver(in, held, schoolUrn);
        }
        return held == null ? create(in, schoolUrn, today) : new Merge(in, held, schoolUrn, today, source).plan();
    }

    /**
     * The pupil leaves the school on {@code date}, as when the API is given their leaving date: the leaving date is
     * recorded, and the open provision, if any, closes that day ("Left the school", needs cleared from then on,
     * {@code pupil-left-register}); one that began after that day closes the day it began, in force for no day. A
     * pupil without an open provision leaves without an event, as through the API.
     */
    public static Plan leave(String upn, Held held, LocalDate date) {
        PupilFields pupil = asHeld(upn, held, date);
        HeldProvision open = held.provisions().stream().filter(p -> p.period().isOpen()).findFirst().orElse(null);
        if (open == null) {
            return new Plan(Outcome.LEFT, List.of(), List.of(), pupil, List.of(), null, null, byRank(held.needs()),
                    List.of());
        }
        LocalDate end = date.isBefore(open.period().start()) ? open.period().start() : date;
        Event left = new Event(Change.PUPIL_LEFT_REGISTER, open.period().code(),
                open.period().closedOn(end, LEFT_SCHOOL), List.of());
        return new Plan(Outcome.LEFT, List.of(), List.of(), pupil, List.of(new Close(open.id(), end, LEFT_SCHOOL)),
                new NeedsChange(List.of(), end), null, List.of(), List.of(left));
    }

    /**
     * A row saying the pupil left this school: a pupil on its roll leaves ({@link #leave}); the row's other columns
     * are checked but not applied, the register keeps the record as it was. A pupil who has already left, or who is
     * not on this school's roll, is left as they are.
     */
    private static Plan leaver(Incoming in, Held held, String schoolUrn) {
        LocalDate date = in.leftOn();
        if (held == null || !held.schoolUrn().equals(schoolUrn)) {
            return new Plan(Outcome.UNCHANGED, List.of(), List.of("left the school on " + date + " (LeavingDate) and "
                    + "is not on this school's roll in the register: nothing to record"), null, List.of(), null, null,
                    List.of(), List.of());
        }
        if (held.leavingDate() != null && !held.leavingDate().isAfter(date)) {
            return new Plan(Outcome.UNCHANGED, List.of(), List.of(), asHeld(in.upn(), held, held.leavingDate()),
                    List.of(), null, null, byRank(held.needs()), List.of());
        }
        if (date.isBefore(held.onRollDate())) {
            return new Plan(Outcome.INVALID, List.of(new Violation("leavingDate", "must not be before the day the "
                    + "pupil came on roll (" + held.onRollDate() + ")")), List.of(), null, List.of(), null, null,
                    List.of(), List.of());
        }
        return leave(in.upn(), held, date);
    }

    private static PupilFields asHeld(String upn, Held held, LocalDate leavingDate) {
        return new PupilFields(held.schoolUrn(), upn, held.surname(), held.forename(), held.dateOfBirth(),
                held.sex(), held.ncYear(), held.onRollDate(), leavingDate);
    }

    private static Plan create(Incoming in, String schoolUrn, LocalDate today) {
        PupilFields pupil = new PupilFields(schoolUrn, in.upn(), in.surname(), in.forename(), in.dateOfBirth(),
                in.sex(), in.ncYear(), in.entryDate() != null ? in.entryDate() : today, null);
        List<ProvisionChange> changes = new ArrayList<>();
        in.closedHistory().forEach(p -> changes.add(new Insert(p)));
        ProvisionPeriod open = null;
        NeedsChange needs = null;
        List<Event> events = new ArrayList<>();
        if (in.current() != Provision.N) {
            open = ProvisionPeriod.open(in.current(), in.currentSince(), in.issuingLa(), in.planIssueDate());
            changes.add(new Insert(open));
            if (!in.needs().isEmpty()) {
                needs = new NeedsChange(byRank(in.needs()), in.currentSince());
            }
            events.add(new Event(Change.PUPIL_REGISTERED, Provision.N, null, List.of()));
        } else {
            // on roll without SEN provision: announced too, so a request for an assessment can name them
            events.add(new Event(Change.PUPIL_ADDED, null, null, List.of()));
        }
        return new Plan(Outcome.CREATED, List.of(), List.of(), pupil, changes, needs, open,
                needs == null ? List.of() : needs.needs(), events);
    }

    /** Merging a file's pupil into a pupil the register already holds. */
    private static final class Merge {
        final Incoming in;
        final Held held;
        final String schoolUrn;
        final LocalDate today;
        final Source source;
        final List<Violation> violations = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        final List<ProvisionChange> changes = new ArrayList<>();
        final List<ProvisionPeriod> periods = new ArrayList<>();
        final List<HeldProvision> rows;
        final HeldProvision open;
        ProvisionPeriod openAfter;
        Event provisionEvent;
        LocalDate needsEffective;
        boolean provisionKept;

        Merge(Incoming in, Held held, String schoolUrn, LocalDate today, Source source) {
            this.in = in;
            this.held = held;
            this.schoolUrn = schoolUrn;
            this.today = today;
            this.source = source;
            this.rows = held.provisions().stream()
                    .sorted(Comparator.comparing((HeldProvision r) -> r.period().start())).toList();
            this.open = rows.stream().filter(r -> r.period().isOpen()).findFirst().orElse(null);
            this.openAfter = open == null ? null : open.period();
            rows.forEach(r -> periods.add(r.period()));
        }

        Plan plan() {
            boolean onRollElsewhere = held.leavingDate() == null || held.leavingDate().isAfter(today);
            if (!held.inScope() && onRollElsewhere) {
                return invalid(new Violation("upn", DUPLICATE_UPN
                        + " (the pupil is on the roll of another school of the trust and has not left it)"));
            }
            boolean moved = !held.schoolUrn().equals(schoolUrn);
            boolean readmitted = held.leavingDate() != null && !held.leavingDate().isAfter(today);
            LocalDate onRoll = in.entryDate() != null ? in.entryDate()
                    : moved || readmitted ? today : held.onRollDate();
            LocalDate leaving = moved || readmitted ? null : held.leavingDate();
            PupilFields pupil = new PupilFields(schoolUrn, in.upn(), in.surname(), in.forename(), in.dateOfBirth(),
                    in.sex(), in.ncYear(), onRoll, leaving);
            List<String> changedFields = new ArrayList<>();
            if (moved) {
                changedFields.add("schoolUrn");
            }
            if (!in.ncYear().equals(held.ncYear())) {
                changedFields.add("ncYear");
            }
            if (!in.dateOfBirth().equals(held.dateOfBirth())) {
                changedFields.add("dateOfBirth");
            }
            boolean pupilChanged = !changedFields.isEmpty() || !in.surname().equals(held.surname())
                    || !in.forename().equals(held.forename()) || !in.sex().equals(held.sex())
                    || !onRoll.equals(held.onRollDate()) || !Objects.equals(leaving, held.leavingDate());

            mergeClosedHistory();
            if (in.current() == Provision.N) {
                leaveRegister();
            } else {
                mergeCurrent();
            }
            if (!violations.isEmpty()) {
                return invalid(violations.toArray(Violation[]::new));
            }
            List<RankedNeed> heldNeeds = byRank(held.needs());
            List<RankedNeed> needsAfter = heldNeeds;
            NeedsChange needsChange = null;
            if (!provisionKept) {
                List<RankedNeed> wanted = openAfter == null ? List.of() : byRank(in.needs());
                if (!wanted.equals(heldNeeds)) {
                    needsChange = new NeedsChange(wanted, needsEffective != null ? needsEffective : today);
                    needsAfter = wanted;
                    if (provisionEvent == null) {
                        provisionEvent = new Event(Change.NEEDS_CHANGED, null, null, List.of("needs"));
                    }
                }
            }
            List<Event> events = new ArrayList<>();
            if (!changedFields.isEmpty()) {
                events.add(new Event(Change.PUPIL_DETAILS_CHANGED, null, null, List.copyOf(changedFields)));
            }
            if (provisionEvent != null) {
                events.add(provisionEvent);
            }
            boolean changed = pupilChanged || !changes.isEmpty() || needsChange != null;
            return new Plan(changed ? Outcome.UPDATED : Outcome.UNCHANGED, List.of(), List.copyOf(warnings), pupil,
                    List.copyOf(changes), needsChange, openAfter, needsAfter, events);
        }

        /** Earlier provisions from a CTF that the register does not hold yet, where they fit. */
        private void mergeClosedHistory() {
            for (ProvisionPeriod p : in.closedHistory()) {
                if (held(p.code(), p.start()) != null) {
                    continue;
                }
                if (periods.stream().anyMatch(q -> q.overlaps(p.start(), p.end()))) {
                    warnings.add("SEN history: " + p.code() + " from " + p.start() + " to " + p.end()
                            + " overlaps the register's history; the register's is kept");
                    continue;
                }
                changes.add(new Insert(p));
                periods.add(p);
            }
        }

        private void leaveRegister() {
            if (open == null) {
                return;
            }
            LocalDate end = in.currentSince() != null ? in.currentSince() : today;
            if (end.isBefore(open.period().start())) {
                if (source == Source.CTF) {
                    conflict("startDate", "the register's " + open.period().code() + " since "
                            + open.period().start() + " is more recent than the file's N from " + end);
                    return;
                }
                // The register holds a provision starting after today (old data): it ends without a day in force.
                end = open.period().start();
            }
            String reason = source == Source.MIS ? MIS_OFF_REGISTER : CTF_OFF_REGISTER;
            changes.add(new Close(open.id(), end, reason));
            provisionEvent = new Event(Change.PUPIL_LEFT_REGISTER, open.period().code(),
                    open.period().closedOn(end, reason), List.of());
            openAfter = null;
            needsEffective = end;
        }

        private void mergeCurrent() {
            Provision code = in.current();
            LocalDate since = in.currentSince();
            String la = code == Provision.E ? in.issuingLa() : null;
            LocalDate issue = code == Provision.E ? in.planIssueDate() : null;
            if (open != null && open.period().code() == code) {
                correctOpen(since, la, issue);
            } else if (open != null) {
                if (since.isBefore(open.period().start())) {
                    conflict("startDate", "must not be before the start of the open provision ("
                            + open.period().start() + ")");
                    return;
                }
                String reason = "Changed to " + code;
                changes.add(new Close(open.id(), since, reason));
                ProvisionPeriod next = ProvisionPeriod.open(code, since, la, issue);
                changes.add(new Insert(next));
                provisionEvent = new Event(Change.PROVISION_CHANGED, open.period().code(),
                        open.period().closedOn(since, reason), List.of());
                openAfter = next;
                needsEffective = since;
            } else {
                openAgain(code, since, la, issue);
            }
        }

        /** The same provision is open: the MIS may correct its start or plan details; a CTF never does. */
        private void correctOpen(LocalDate since, String la, LocalDate issue) {
            ProvisionPeriod current = open.period();
            boolean sameStart = current.start().equals(since);
            if (source == Source.CTF) {
                if (!sameStart) {
                    warnings.add("SEN history: the register has " + current.code() + " open since " + current.start()
                            + " and the file says since " + since + "; the register's date is kept");
                }
                return;
            }
            boolean samePlan = Objects.equals(current.issuingLa(), la)
                    && Objects.equals(current.planIssueDate(), issue);
            if (sameStart && samePlan) {
                return;
            }
            LocalDate previousEnd = latestEnd(open);
            if (previousEnd != null && since.isBefore(previousEnd)) {
                conflict("startDate", "must not be before the end of the pupil's previous provision ("
                        + previousEnd + ")");
                return;
            }
            changes.add(new Correct(open.id(), since, la, issue));
            openAfter = ProvisionPeriod.open(current.code(), since, la, issue);
            provisionEvent = new Event(Change.PROVISION_CHANGED, current.code(), null, List.of());
        }

        /** Nothing open: reopen the same provision if it was the last one (closed when the pupil left), else open. */
        private void openAgain(Provision code, LocalDate since, String la, LocalDate issue) {
            HeldProvision same = held(code, since);
            LocalDate latestEnd = latestEnd(null);
            ProvisionPeriod latest = periods.stream().max(Comparator.comparing(ProvisionPeriod::start)).orElse(null);
            if (same != null && latest == same.period()) {
                changes.add(new Reopen(same.id()));
                ProvisionPeriod reopened = ProvisionPeriod.open(code, since, same.period().issuingLa(),
                        same.period().planIssueDate());
                if (source == Source.MIS && code == Provision.E
                        && (!Objects.equals(reopened.issuingLa(), la) || !Objects.equals(reopened.planIssueDate(), issue))) {
                    changes.add(new Correct(same.id(), since, la, issue));
                    reopened = ProvisionPeriod.open(code, since, la, issue);
                }
                openAfter = reopened;
                needsEffective = same.period().end();
            } else if (latestEnd != null && since.isBefore(latestEnd)) {
                conflict("startDate", "must not be before the end of the pupil's previous provision (" + latestEnd
                        + ")");
                return;
            } else {
                ProvisionPeriod next = ProvisionPeriod.open(code, since, la, issue);
                changes.add(new Insert(next));
                openAfter = next;
                needsEffective = since;
            }
            provisionEvent = new Event(Change.PUPIL_REGISTERED, Provision.N, null, List.of());
        }

        private HeldProvision held(Provision code, LocalDate start) {
            return rows.stream().filter(r -> r.period().code() == code && r.period().start().equals(start))
                    .findFirst().orElse(null);
        }

        /** The latest end among closed periods other than {@code except}. */
        private LocalDate latestEnd(HeldProvision except) {
            return periods.stream().filter(p -> !p.isOpen() && (except == null || p != except.period()))
                    .map(ProvisionPeriod::end).max(Comparator.naturalOrder()).orElse(null);
        }

        /** The MIS is refused; a CTF keeps the register's provision and says so. */
        private void conflict(String field, String reason) {
            if (source == Source.MIS) {
                violations.add(new Violation(field, reason));
            } else {
                warnings.add("SEN history: " + reason + "; the register's provision is kept");
                provisionKept = true;
            }
        }

        private Plan invalid(Violation... v) {
            return new Plan(Outcome.INVALID, List.of(v), List.copyOf(warnings), null, List.of(), null, null,
                    List.of(), List.of());
        }
    }

    static List<RankedNeed> byRank(List<RankedNeed> needs) {
        return needs.stream().sorted(Comparator.comparing(RankedNeed::rank)).toList();
    }
}
