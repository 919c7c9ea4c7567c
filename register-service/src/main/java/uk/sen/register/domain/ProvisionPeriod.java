package uk.sen.register.domain;

import java.time.LocalDate;

/**
 * One period of SEN provision as the exchange formats see it: a code, a start and (when closed) an end, exclusive
 * as in the register (a provision that ends on a day is no longer open that day). E plan details travel only in the
 * MIS file; a Common Transfer File does not carry them.
 */
public record ProvisionPeriod(Provision code, LocalDate start, LocalDate end, String endReason, String issuingLa,
        LocalDate planIssueDate) {

    public static ProvisionPeriod open(Provision code, LocalDate start, String issuingLa, LocalDate planIssueDate) {
        return new ProvisionPeriod(code, start, null, null, issuingLa, planIssueDate);
    }

    public boolean isOpen() {
        return end == null;
    }

    public ProvisionPeriod closedOn(LocalDate date, String reason) {
        return new ProvisionPeriod(code, start, date, reason, issuingLa, planIssueDate);
    }

    /** Whether this period and {@code other} share at least one day. */
    public boolean overlaps(LocalDate otherStart, LocalDate otherEnd) {
        if ((end != null && !end.isAfter(start)) || (otherEnd != null && !otherEnd.isAfter(otherStart))) {
            return false;
        }
        boolean startsBeforeOtherEnds = otherEnd == null || start.isBefore(otherEnd);
        boolean endsAfterOtherStarts = end == null || end.isAfter(otherStart);
        return startsBeforeOtherEnds && endsAfterOtherStarts;
    }
}
