package uk.sen.register.rest;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import uk.sen.register.domain.School;

/** Request and response bodies of the register API. */
public final class RegisterDtos {

    /** Census SEN provision codes a pupil can have: N, K, E and the legacy codes of imported records. */
    static final String PROVISIONS = "N (no SEN provision), K (SEN support), E (EHC plan); S (statement), A (School Action)"
            + " and P (School Action Plus) are legacy codes found only in imported records";
    private RegisterDtos() {
    }

    @Schema(description = """
            A school of your trust as a trust administrator enters it (the DfE's Get Information about Schools has \
            every value)""")
    public record SchoolInput(
            @NotBlank @Pattern(regexp = "[0-9]{6}", message = "must be a 6-digit URN")
            @Schema(description = "The school's unique reference number (URN); it never changes", examples = "900101") String urn,
            @NotBlank @Pattern(regexp = "[0-9]{3}", message = "must be a 3-digit LA code")
            @Schema(description = "The code of the school's local authority", examples = "801") String laCode,
            @NotBlank @Pattern(regexp = "[0-9]{4}", message = "must be a 4-digit establishment number")
            @Schema(description = "The school's establishment number within its LA", examples = "2001") String estabNumber,
            @NotBlank @Size(max = 200) @Schema(examples = "Harbour Primary School") String name,
            @NotNull @Schema(description = "The phase of education", examples = "PRIMARY") School.Phase phase,
            // no examples for the ages: with them the OpenAPI fuzz test's plausible request would really change the
            // tests' school 900101 (phase NURSERY), which other tests read
            @NotNull @Min(0) @Max(25) @Schema(description = "The youngest age on roll, in years") Integer lowestAge,
            @NotNull @Min(0) @Max(25) @Schema(description = "The oldest age on roll, in years") Integer highestAge) {
    }

    @Schema(description = "A school of your trust")
    public record SchoolView(
            @Schema(description = "Unique reference number", examples = "900101") String urn,
            @Schema(description = "The trust the school belongs to", examples = "northbridge") String trustId,
            @Schema(examples = "801") String laCode,
            @Schema(examples = "2001") String estabNumber,
            @Schema(description = "The DfE number: LA code and establishment number", examples = "801-2001") String dfeNumber,
            @Schema(examples = "Harbour Primary School") String name,
            School.Phase phase,
            int lowestAge,
            int highestAge,
            @Schema(description = "The version of the record, also sent as its ETag") long version) {
        static SchoolView of(School s) {
            return new SchoolView(s.urn, s.trustId, s.laCode, s.estabNumber, s.dfeNumber(), s.name, s.phase,
                    s.lowestAge, s.highestAge, s.version);
        }
    }

    @Schema(description = """
            A pupil's details as the school's MIS holds them; SEN provision and needs are changed by their own \
            operations""")
    public record PupilInput(
            @NotBlank
            @Schema(description = """
                    Unique pupil number: 13 characters starting with its check letter, or a temporary UPN (ending in a \
                    letter) until the permanent one is known""", examples = "H801200001001") String upn,
            @Schema(nullable = true, description = "A previous UPN, e.g. the temporary one replaced by this",
                    examples = "U80120000100A") String formerUpn,
            @NotBlank @Size(max = 100) @Schema(examples = "Sam") String forename,
            @NotBlank @Size(max = 100) @Schema(examples = "Sample") String surname,
            @NotNull @Schema(description = "Not in the future, nor more than 25 years ago",
                    examples = "2016-03-14") LocalDate dateOfBirth,
            @NotBlank @Schema(description = "Census code: M or F", enumeration = { "M", "F" }, examples = "F") String sex,
            @NotBlank @Schema(description = "National curriculum year group as the census codes it",
                    enumeration = { "E1", "E2", "N1", "N2", "R", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10",
                            "11", "12", "13", "14", "X" }, examples = "4") String ncYear,
            @NotBlank @Pattern(regexp = "[0-9]{6}", message = "must be a 6-digit URN")
            @Schema(description = "The school (URN) the pupil is on roll at: one of your schools",
                    examples = "900101") String schoolUrn,
            @NotNull @Schema(description = "The pupil's first day on roll", examples = "2025-09-08") LocalDate onRollDate,
            @Schema(nullable = true, description = """
                    The pupil's last day on roll, when they have left or are leaving; setting it closes any open SEN \
                    provision""") LocalDate leavingDate) {
    }

    @Schema(description = "One of a pupil's ranked needs")
    public record NeedView(
            @Schema(description = "1: primary need, 2: secondary need", minimum = "1", maximum = "2") int rank,
            @Schema(description = "Census / SEN2 need type code", enumeration = { "SLCN", "ASD", "SPLD", "MLD", "SLD",
                    "PMLD", "SEMH", "HI", "VI", "MSI", "PD", "DS", "OTH", "NSA" }, examples = "SLCN") String code,
            @Schema(description = "The need type in words", examples = "Speech, language and communication needs") String description,
            @Schema(description = "The broad area of need (Code of Practice) the need belongs to, in words",
                    enumeration = { "Communication and interaction", "Cognition and learning",
                            "Social, emotional and mental health", "Sensory and/or physical", "None" },
                    examples = "Communication and interaction") String area) {
    }

    @Schema(description = "A period of SEN provision: open while it has no end date")
    public record ProvisionView(
            UUID id,
            @Schema(description = "K (SEN support), E (EHC plan); S, A and P are legacy codes of imported records",
                    enumeration = { "K", "E", "S", "A", "P" }, examples = "K") String provision,
            @Schema(description = "The provision code in words", examples = "SEN support") String meaning,
            LocalDate startDate,
            @Schema(nullable = true, description = "The day it ended; absent (null) while it is open") LocalDate endDate,
            @Schema(nullable = true, description = "Why it ended; null while it is open",
                    examples = "Needs met through quality-first teaching") String endReason,
            @Schema(nullable = true, description = "EHC plans: the issuing LA's 3-digit code", examples = "801") String issuingLa,
            @Schema(nullable = true, description = "EHC plans: the day the LA issued the plan") LocalDate planIssueDate) {
    }

    @Schema(description = "A pupil on the register with their current SEN provision and needs")
    public record PupilView(
            UUID id,
            @Schema(examples = "northbridge") String trustId,
            @Schema(description = "The school (URN) the pupil is on roll at", examples = "900101") String schoolUrn,
            @Schema(examples = "H801200001001") String upn,
            @Schema(nullable = true, description = "A previous UPN, e.g. the temporary one replaced by upn") String formerUpn,
            @Schema(description = "true while the UPN is a temporary one") boolean temporaryUpn,
            @Schema(examples = "Sam") String forename,
            @Schema(examples = "Sample") String surname,
            LocalDate dateOfBirth,
            @Schema(enumeration = { "M", "F" }) String sex,
            @Schema(description = "National curriculum year group", enumeration = { "E1", "E2", "N1", "N2", "R", "1",
                    "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "X" }) String ncYear,
            LocalDate onRollDate,
            @Schema(nullable = true, description = "The last day on roll; null while the pupil stays") LocalDate leavingDate,
            @Schema(description = "The provision open today: " + PROVISIONS,
                    enumeration = { "N", "K", "E", "S", "A", "P" }, examples = "K") String provision,
            @Schema(nullable = true, description = "The open provision; null when the pupil has none (N)") ProvisionView currentProvision,
            @Schema(description = "Current ranked needs, primary first; empty for N") List<NeedView> needs,
            @Schema(description = "The version of the record, also sent as its ETag") long version) {
    }

    @Schema(description = "One page of the register, in name order")
    public record PupilPage(
            List<PupilView> items,
            @Schema(nullable = true, description = "Page number, from 0; null on a page asked for by cursor (after)") Integer page,
            @Schema(description = "Items per page asked for") int size,
            @Schema(description = "Pupils matching the filters, on every page") long totalItems,
            int totalPages,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(nullable = true, description = """
                    Cursor of the following page, to pass as after; absent on the last page""") String next) {
    }

    @Schema(description = "A ranked need")
    public record NeedInput(
            @NotNull @Schema(description = "1: primary need, 2: secondary need", minimum = "1", maximum = "2",
                    examples = "1") Integer rank,
            @NotBlank @Schema(description = "Census / SEN2 need type code; NSA only with SEN support (K)",
                    enumeration = { "SLCN", "ASD", "SPLD", "MLD", "SLD", "PMLD", "SEMH", "HI", "VI", "MSI", "PD", "DS",
                            "OTH", "NSA" }, examples = "SLCN") String code) {
    }

    @Schema(description = "The provision to open, from the day it starts, with the pupil's needs")
    public record ProvisionInput(
            @NotBlank @Schema(description = "K (SEN support) or E (EHC plan)", enumeration = { "K", "E" },
                    examples = "K") String provision,
            @NotNull @Schema(description = """
                    Not in the future, not before the date of birth nor before the start of the provision it \
                    replaces""",
                    examples = "2025-09-08") LocalDate startDate,
            @NotNull @Schema(description = "The ranked needs: a primary need (rank 1), optionally a secondary (rank 2)")
            List<NeedInput> needs,
            @Schema(nullable = true, description = "E only (required): the issuing LA's 3-digit code", examples = "801") String issuingLa,
            @Schema(nullable = true, description = "E only (required): the date the LA issued the plan, not in the future",
                    examples = "2025-09-01") LocalDate planIssueDate) {
    }

    @Schema(description = "How the open provision ends")
    public record CloseInput(
            @NotNull @Schema(description = "The provision's last day: not before its start, not in the future",
                    examples = "2026-03-31") LocalDate endDate,
            @NotBlank @Size(max = 200) @Schema(examples = "Needs met through quality-first teaching") String reason) {
    }

    @Schema(description = "The pupil's ranked needs, replacing the current ones")
    public record NeedsInput(@NotNull @Schema(description = """
            A primary need (rank 1) and optionally a secondary (rank 2); empty only for a pupil without SEN provision \
            (N)""") List<NeedInput> needs) {
    }
}
