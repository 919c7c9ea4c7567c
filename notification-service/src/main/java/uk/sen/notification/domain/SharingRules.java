package uk.sen.notification.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import uk.sen.platform.problem.Violation;

/**
 * When the school may share with an agency: a basis is recorded, it has started and it has not been withdrawn.
 * Withdrawal counts from its date, so a withdrawal recorded today stops sharing today, including messages already
 * waiting to be sent.
 */
public final class SharingRules {

    /** The recorded basis for one agency of one pupil. */
    public record Basis(LawfulBasis basis, LocalDate givenOn, LocalDate withdrawnOn) {
    }

    private SharingRules() {
    }

    /** Why the school may not share with {@code agency} today, or empty when it may. */
    public static Optional<String> whyNot(Agency agency, Basis recorded, LocalDate today) {
        if (recorded == null) {
            return Optional.of("no consent or other basis is recorded for sharing with " + agency.label);
        }
        if (recorded.givenOn().isAfter(today)) {
            return Optional.of("sharing with " + agency.label + " starts on " + recorded.givenOn());
        }
        if (recorded.withdrawnOn() != null && !recorded.withdrawnOn().isAfter(today)) {
            return Optional.of(recorded.basis() == LawfulBasis.CONSENT
                    ? "consent for sharing with " + agency.label + " was withdrawn on " + recorded.withdrawnOn()
                    : "sharing with " + agency.label + " (" + recorded.basis() + ") ended on " + recorded.withdrawnOn());
        }
        return Optional.empty();
    }

    /** The violations of a basis as entered; the dates are facts already happened, never in the future. */
    public static List<Violation> validate(LawfulBasis basis, LocalDate givenOn, LocalDate withdrawnOn,
            LocalDate today) {
        List<Violation> v = new ArrayList<>();
        if (basis == null) {
            v.add(new Violation("basis", "is required (one of " + ContactRules.allowed(LawfulBasis.class) + ")"));
        }
        if (givenOn == null) {
            v.add(new Violation("givenOn", "is required: the date consent was given or the basis applies from"));
        } else if (givenOn.isAfter(today)) {
            v.add(new Violation("givenOn", "cannot be in the future"));
        }
        if (withdrawnOn != null) {
            if (withdrawnOn.isAfter(today)) {
                v.add(new Violation("withdrawnOn", "cannot be in the future: record a withdrawal when it happens"));
            }
            if (givenOn != null && withdrawnOn.isBefore(givenOn)) {
                v.add(new Violation("withdrawnOn", (basis == LawfulBasis.CONSENT ? "consent" : "sharing")
                        + " cannot be withdrawn (" + withdrawnOn + ") before it was given (" + givenOn + ")"));
            }
        }
        return v;
    }
}
