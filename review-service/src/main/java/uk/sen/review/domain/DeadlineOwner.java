package uk.sen.review.domain;

import java.util.UUID;

/** What a deadline belongs to: an annual review, a support review or an assessment request, and whose it is. */
public record DeadlineOwner(String sourceType, UUID sourceId, UUID pupilId, String trustId, String schoolUrn) {
}
