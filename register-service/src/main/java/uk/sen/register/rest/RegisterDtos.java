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

import uk.sen.register.domain.School;

/** Request and response bodies of the register API. */
public final class RegisterDtos {

    private RegisterDtos() {
    }

    public record SchoolInput(
            @NotBlank @Pattern(regexp = "[0-9]{6}", message = "must be a 6-digit URN") @Schema(examples = "900101") String urn,
            @NotBlank @Pattern(regexp = "[0-9]{3}", message = "must be a 3-digit LA code") @Schema(examples = "801") String laCode,
            @NotBlank @Pattern(regexp = "[0-9]{4}", message = "must be a 4-digit establishment number") @Schema(examples = "2001") String estabNumber,
            @NotBlank @Size(max = 200) @Schema(examples = "Harbour Primary School") String name,
            @NotNull School.Phase phase,
            @NotNull @Min(0) @Max(25) Integer lowestAge,
            @NotNull @Min(0) @Max(25) Integer highestAge) {
    }

    public record SchoolView(String urn, String trustId, String laCode, String estabNumber, String dfeNumber,
            String name, School.Phase phase, int lowestAge, int highestAge, long version) {
        static SchoolView of(School s) {
            return new SchoolView(s.urn, s.trustId, s.laCode, s.estabNumber, s.dfeNumber(), s.name, s.phase,
                    s.lowestAge, s.highestAge, s.version);
        }
    }

    public record PupilInput(
            @NotBlank @Schema(examples = "H801200001001") String upn,
            @Schema(description = "A previous UPN, e.g. the temporary one replaced by this") String formerUpn,
            @NotBlank @Size(max = 100) String forename,
            @NotBlank @Size(max = 100) String surname,
            @NotNull @Schema(examples = "2016-03-14") LocalDate dateOfBirth,
            @NotBlank @Schema(examples = "F", description = "M or F") String sex,
            @NotBlank @Schema(examples = "4", description = "E1, E2, N1, N2, R, 1-14, X") String ncYear,
            @NotBlank @Pattern(regexp = "[0-9]{6}", message = "must be a 6-digit URN") String schoolUrn,
            @NotNull LocalDate onRollDate,
            LocalDate leavingDate) {
    }

    public record NeedView(int rank, String code, String description, String area) {
    }

    public record ProvisionView(UUID id, String provision, String meaning, LocalDate startDate, LocalDate endDate,
            String endReason, String issuingLa, LocalDate planIssueDate) {
    }

    public record PupilView(UUID id, String trustId, String schoolUrn, String upn, String formerUpn,
            boolean temporaryUpn, String forename, String surname, LocalDate dateOfBirth, String sex, String ncYear,
            LocalDate onRollDate, LocalDate leavingDate, String provision, ProvisionView currentProvision,
            List<NeedView> needs, long version) {
    }

    public record NeedInput(@NotNull Integer rank, @NotBlank @Schema(examples = "SLCN") String code) {
    }

    public record ProvisionInput(
            @NotBlank @Schema(examples = "K", description = "K (SEN support) or E (EHC plan)") String provision,
            @NotNull LocalDate startDate,
            @NotNull List<NeedInput> needs,
            @Schema(description = "E only: the issuing LA's 3-digit code", examples = "801") String issuingLa,
            @Schema(description = "E only: the date the LA issued the plan") LocalDate planIssueDate) {
    }

    public record CloseInput(@NotNull LocalDate endDate,
            @NotBlank @Size(max = 200) @Schema(examples = "Needs met through quality-first teaching") String reason) {
    }

    public record NeedsInput(@NotNull List<NeedInput> needs) {
    }
}
