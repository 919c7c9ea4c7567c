package uk.sen.register.events;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import uk.sen.platform.outbox.OutboxWriter;
import uk.sen.register.domain.NeedAreas;
import uk.sen.register.domain.Provision;
import uk.sen.register.domain.Pupil;
import uk.sen.register.domain.School;
import uk.sen.register.domain.SenProvision;

/**
 * The register's integration events on {@code sen.register.v1}, written through the outbox. Each carries the
 * pupil's snapshot, so consumers never call back; names are left out (data minimisation), the UPN is in (the key a
 * school's and a trust's systems know the pupil by: contacts imports, webhooks). Schemas:
 * {@code src/main/resources/events/}.
 */
@ApplicationScoped
public class RegisterEvents {

    public static final String PREFIX = "uk.sen.register.";
    /** A pupil joined a school's roll with no SEN provision (N), so every service can know every pupil on roll. */
    public static final String PUPIL_ADDED = PREFIX + "pupil-added";
    public static final String PUPIL_REGISTERED = PREFIX + "pupil-registered";
    public static final String PROVISION_CHANGED = PREFIX + "provision-changed";
    public static final String NEEDS_CHANGED = PREFIX + "needs-changed";
    public static final String PUPIL_LEFT_REGISTER = PREFIX + "pupil-left-register";
    public static final String PUPIL_DETAILS_CHANGED = PREFIX + "pupil-details-changed";

    public record NeedData(int rank, String code, String area) {
    }

    /** The data of every register event: the pupil as the register holds them after the change. */
    public record PupilSnapshot(String pupilId, String upn, String trustId, String schoolUrn, String schoolName, String laCode,
            String schoolPhase, int schoolHighestAge, LocalDate dateOfBirth, String ncYear, String provision, LocalDate provisionStartDate,
            String issuingLa, LocalDate planIssueDate, List<NeedData> needs, String previousProvision,
            LocalDate endDate, String endReason, List<String> changedFields) {
    }

    @Inject
    OutboxWriter outbox;

    @Inject
    NeedAreas areas;

    @ConfigProperty(name = "sen.topics.register")
    String topic;

    /** One event of a batch, with what {@link #publish} takes. */
    public record Planned(String type, Pupil pupil, School school, SenProvision open, Provision previous,
            SenProvision closed, List<String> changedFields) {
    }

    public void publish(String type, Pupil pupil, School school, SenProvision open, Provision previous,
            SenProvision closed, List<String> changedFields) {
        outbox.publish(topic, type, pupil.id.toString(), pupil.trustId, pupil.schoolUrn,
                snapshot(pupil, school, open, previous, closed, changedFields));
    }

    /** Many events in one write (imports): the same events, with the same data, as {@link #publish} one by one. */
    public void publishAll(List<Planned> events) {
        outbox.publishAll(topic, events.stream()
                .map(e -> new OutboxWriter.Pending(e.type(), e.pupil().id.toString(), e.pupil().trustId,
                        e.pupil().schoolUrn, snapshot(e.pupil(), e.school(), e.open(), e.previous(), e.closed(),
                                e.changedFields())))
                .toList());
    }

    private PupilSnapshot snapshot(Pupil pupil, School school, SenProvision open, Provision previous,
            SenProvision closed, List<String> changedFields) {
        List<NeedData> needs = pupil.needs.stream()
                .map(n -> new NeedData(n.rank, n.needCode, areas.areaOf(n.needCode).name())).toList();
        return new PupilSnapshot(pupil.id.toString(), pupil.upn, pupil.trustId, pupil.schoolUrn, school.name, school.laCode,
                school.phase.name(), school.highestAge,
                pupil.dateOfBirth, pupil.ncYear, open == null ? Provision.N.name() : open.provision.name(),
                open == null ? null : open.startDate, open == null ? null : open.issuingLa,
                open == null ? null : open.planIssueDate, needs, previous == null ? null : previous.name(),
                closed == null ? null : closed.endDate, closed == null ? null : closed.endReason,
                changedFields == null ? List.of() : changedFields);
    }
}
