package uk.sen.register.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import uk.sen.platform.problem.Violation;

/**
 * The rules a SEN provision and its needs must satisfy (docs/domain.md section 1). Each returns every violation at once
 * so a SENCO fixes the form in one go.
 */
public final class SenRules {

    public record RankedNeed(Integer rank, String code) {
    }

    /** National curriculum year groups as the census codes them. */
    public static final Set<String> NC_YEARS = Set.of("E1", "E2", "N1", "N2", "R", "1", "2", "3", "4", "5", "6", "7",
            "8", "9", "10", "11", "12", "13", "14", "X");
    public static final Set<String> SEXES = Set.of("M", "F");
    private static final Pattern LA_CODE = Pattern.compile("[0-9]{3}");

    private SenRules() {
    }

    /**
     * Rules for opening (or changing to) a provision.
     *
     * @param fromImport legacy codes S, A, P are accepted only from imports of old records
     */
    public static List<Violation> checkProvision(Provision provision, LocalDate startDate, List<RankedNeed> needs,
            String issuingLa, LocalDate planIssueDate, LocalDate dateOfBirth, LocalDate today, boolean fromImport) {
        List<Violation> v = new ArrayList<>();
        if (provision == null) {
            v.add(new Violation("provision", "must be K (SEN support) or E (EHC plan)"));
        } else if (provision == Provision.N) {
            v.add(new Violation("provision", "N is not opened; close the current provision instead"));
        } else if (provision.isLegacy() && !fromImport) {
            v.add(new Violation("provision", provision + " is a legacy code accepted only on import of old records"));
        }
        if (startDate == null) {
            v.add(new Violation("startDate", "is required"));
        } else {
            if (startDate.isAfter(today)) {
                v.add(new Violation("startDate", "must not be in the future"));
            }
            if (dateOfBirth != null && startDate.isBefore(dateOfBirth)) {
                v.add(new Violation("startDate", "must not be before the date of birth"));
            }
        }
        v.addAll(checkNeeds(provision, needs));
        if (provision == Provision.E) {
            if (issuingLa == null || !LA_CODE.matcher(issuingLa).matches()) {
                v.add(new Violation("issuingLa", "an EHC plan needs the issuing LA's 3-digit code"));
            }
            if (planIssueDate == null) {
                v.add(new Violation("planIssueDate", "an EHC plan needs its issue date"));
            } else if (planIssueDate.isAfter(today)) {
                v.add(new Violation("planIssueDate", "must not be in the future"));
            }
        } else {
            if (issuingLa != null) {
                v.add(new Violation("issuingLa", "only an EHC plan (E) has an issuing LA"));
            }
            if (planIssueDate != null) {
                v.add(new Violation("planIssueDate", "only an EHC plan (E) has an issue date"));
            }
        }
        return v;
    }

    /** Ranked needs: K and E need a primary need (rank 1); rank 2 is optional; ranks unique; NSA only with K. */
    public static List<Violation> checkNeeds(Provision provision, List<RankedNeed> needs) {
        List<Violation> v = new ArrayList<>();
        List<RankedNeed> list = needs == null ? List.of() : needs;
        Set<Integer> ranks = new HashSet<>();
        Set<NeedType> types = new HashSet<>();
        boolean hasPrimary = false;
        for (int i = 0; i < list.size(); i++) {
            RankedNeed need = list.get(i);
            String field = "needs[" + i + "]";
            if (need == null) {
                v.add(new Violation(field, "must not be null"));
                continue;
            }
            if (need.rank() == null || (need.rank() != 1 && need.rank() != 2)) {
                v.add(new Violation(field + ".rank", "must be 1 (primary) or 2 (secondary)"));
            } else if (!ranks.add(need.rank())) {
                v.add(new Violation(field + ".rank", "rank " + need.rank() + " is given more than once"));
            } else if (need.rank() == 1) {
                hasPrimary = true;
            }
            NeedType type = NeedType.parse(need.code());
            if (type == null) {
                v.add(new Violation(field + ".code", "'" + need.code() + "' is not a need type code"));
                continue;
            }
            if (!types.add(type)) {
                v.add(new Violation(field + ".code", type + " is given more than once"));
            }
            if (type == NeedType.NSA && provision != Provision.K) {
                v.add(new Violation(field + ".code", "NSA is allowed only with SEN support (K)"));
            }
        }
        if (!hasPrimary && (provision == Provision.K || provision == Provision.E)) {
            v.add(new Violation("needs", "SEN support and EHC plans need a primary need (rank 1)"));
        }
        if (ranks.contains(2) && !ranks.contains(1)) {
            v.add(new Violation("needs", "a secondary need (rank 2) needs a primary need (rank 1)"));
        }
        return v;
    }

    /** Pupil details that every path (API, MIS import, CTF) checks the same way. */
    public static List<Violation> checkPupil(LocalDate dateOfBirth, String sex, String ncYear, LocalDate onRollDate,
            LocalDate leavingDate, LocalDate today) {
        List<Violation> v = new ArrayList<>();
        if (dateOfBirth == null) {
            v.add(new Violation("dateOfBirth", "is required"));
        } else if (dateOfBirth.isAfter(today)) {
            v.add(new Violation("dateOfBirth", "must not be in the future"));
        } else if (dateOfBirth.isBefore(today.minusYears(26))) {
            v.add(new Violation("dateOfBirth", "is more than 25 years ago; SEN records cover ages 0 to 25"));
        }
        if (sex == null || !SEXES.contains(sex)) {
            v.add(new Violation("sex", "must be M or F (census codes)"));
        }
        if (ncYear == null || !NC_YEARS.contains(ncYear)) {
            v.add(new Violation("ncYear", "must be a national curriculum year: E1, E2, N1, N2, R, 1 to 14 or X"));
        }
        if (onRollDate == null) {
            v.add(new Violation("onRollDate", "is required"));
        } else if (leavingDate != null && leavingDate.isBefore(onRollDate)) {
            v.add(new Violation("leavingDate", "must not be before the on-roll date"));
        }
        return v;
    }
}
