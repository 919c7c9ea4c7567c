package uk.sen.review.events;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The fields of a register event's data that the review service reads (tolerant reader: anything else the
 * register adds is ignored).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegisterEvent(String pupilId, String upn, String trustId, String schoolUrn, String laCode, LocalDate dateOfBirth,
        String ncYear, String provision, LocalDate provisionStartDate, String issuingLa, LocalDate planIssueDate,
        List<Need> needs, String previousProvision, LocalDate endDate, String endReason, String schoolPhase,
        Integer schoolHighestAge) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Need(int rank, String code, String area) {
    }
}
