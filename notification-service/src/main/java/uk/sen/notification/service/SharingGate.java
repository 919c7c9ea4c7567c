package uk.sen.notification.service;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import uk.sen.notification.domain.Agency;
import uk.sen.notification.domain.ReasonCode;
import uk.sen.notification.domain.SharingBasis;
import uk.sen.notification.domain.SharingRules;

/** Asks, each time something is about to go to an agency, whether the recorded basis allows it today. */
@ApplicationScoped
public class SharingGate {

    public record Refusal(ReasonCode code, String reason) {
    }

    public Optional<Refusal> refusal(UUID pupilId, Agency agency, LocalDate today) {
        SharingBasis basis = pupilId == null ? null : SharingBasis.of(pupilId, agency);
        return SharingRules.whyNot(agency, basis == null ? null : basis.toRule(), today)
                .map(reason -> new Refusal(basis == null ? ReasonCode.NO_SHARING_BASIS : ReasonCode.SHARING_NOT_ALLOWED,
                        reason));
    }
}
