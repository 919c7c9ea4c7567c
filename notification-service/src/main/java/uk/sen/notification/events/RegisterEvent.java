package uk.sen.notification.events;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The fields of a register event's data the notification service reads (tolerant reader). Needs and dates of birth
 * are deliberately not read: no message may carry them. The UPN is kept only to find the pupil a contacts import
 * names by it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegisterEvent(String pupilId, String upn, String trustId, String schoolUrn, String provision,
        LocalDate provisionStartDate, String previousProvision) {
}
