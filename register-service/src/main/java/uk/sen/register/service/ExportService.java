package uk.sen.register.service;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.CallerScope;
import uk.sen.register.config.ExchangeConfig;
import uk.sen.register.domain.Provision;
import uk.sen.register.domain.ProvisionPeriod;
import uk.sen.register.domain.School;
import uk.sen.register.domain.SenHistory;
import uk.sen.register.domain.SenRules.RankedNeed;
import uk.sen.register.domain.YearGroups;
import uk.sen.register.exchange.CtfFileName;
import uk.sen.register.exchange.CtfWriter;
import uk.sen.register.exchange.Sen2Writer;
import uk.sen.register.repository.ExchangeRepository;
import uk.sen.register.repository.ExchangeRepository.PlanRow;
import uk.sen.register.repository.ExchangeRepository.PupilRow;

/**
 * The register's exports: a school's Common Transfer File (leavers with their SEN history) and the LA exchange
 * (pupils with EHC plans in the LA's schools). Each export is audited with every pupil it carries before it is
 * written out.
 */
@ApplicationScoped
@Transactional
public class ExportService {

    /** A CTF ready to write, with its DfE file name. */
    public record CtfExport(String fileName, CtfWriter.Document document) {
    }

    @Inject
    ExchangeRepository exchange;

    @Inject
    SchoolService schools;

    @Inject
    RegisterService register;

    @Inject
    AuditLog audit;

    @Inject
    CallerScope caller;

    @Inject
    ExchangeConfig config;

    /**
     * The CTF of a school's leavers between {@code from} and {@code to} (both included), or with
     * {@code leavers = false} of every pupil on roll today; destination unknown (MMM/MMMM) unless given.
     */
    public CtfExport ctf(String schoolUrn, boolean leavers, LocalDate from, LocalDate to, String destLa,
            String destEstab) {
        School school = schools.visibleSchool(schoolUrn);
        LocalDate today = register.today();
        List<PupilRow> pupils = leavers ? exchange.leavers(school.urn, from, to) : exchange.onRoll(school.urn, today);
        List<UUID> ids = pupils.stream().map(PupilRow::id).toList();
        Map<UUID, List<ProvisionPeriod>> provisions = exchange.provisions(ids);
        Map<UUID, List<RankedNeed>> needs = exchange.needsOnLastDay(ids, today);
        List<CtfWriter.Pupil> out = new ArrayList<>();
        for (PupilRow p : pupils) {
            LocalDate left = p.leavingDate() != null && !p.leavingDate().isAfter(today) ? p.leavingDate() : null;
            List<SenHistory.Entry> history = SenHistory.toEntries(provisions.getOrDefault(p.id(), List.of()), left);
            boolean onRegister = !history.isEmpty()
                    && history.get(history.size() - 1).provision() != Provision.N;
            out.add(new CtfWriter.Pupil(p.upn(), p.surname(), p.forename(), p.dateOfBirth(), p.sex(), p.ncYear(),
                    history, onRegister ? needs.getOrDefault(p.id(), List.of()) : List.of()));
        }
        String fileName = CtfFileName.of(school.laCode, school.estabNumber, destLa, destEstab,
                exchange.nextCtfNumber(school.urn));
        LocalDateTime now = register.now();
        CtfWriter.Document document = new CtfWriter.Document(config.ctfVersion(), now,
                YearGroups.schoolYear(now.toLocalDate()),
                new CtfWriter.School(school.laCode, school.estabNumber, school.urn, school.name),
                destLa != null ? destLa : CtfFileName.UNKNOWN_LA, destEstab != null ? destEstab : CtfFileName.UNKNOWN_ESTAB,
                out);
        audit.record(AuditLog.EXPORT, "pupil", ids.stream().map(UUID::toString).toList(), school.trustId, school.urn,
                "CTF " + fileName + (leavers ? " of leavers " + from + " to " + to : " of pupils on roll"));
        return new CtfExport(fileName, document);
    }

    /** The LA exchange for the caller's LA: pupils with an open EHC plan today in the LA's schools, any trust. */
    public List<Sen2Writer.Person> laExchange(String format) {
        String la = caller.la();
        if (la == null || la.isBlank()) {
            throw ProblemException.forbidden("Your account is not linked to a local authority.");
        }
        List<PlanRow> plans = exchange.openPlans(la, register.today());
        // Audited per trust and school, so each trust and SENCO sees in their own audit what went to the LA.
        Map<String, List<String>> byTrustAndSchool = new LinkedHashMap<>();
        List<Sen2Writer.Person> persons = new ArrayList<>(plans.size());
        for (PlanRow plan : plans) {
            PupilRow p = plan.pupil();
            byTrustAndSchool.computeIfAbsent(p.trustId() + "\u0000" + p.schoolUrn(), k -> new ArrayList<>())
                    .add(p.id().toString());
            persons.add(new Sen2Writer.Person(p.upn(), p.surname(), p.forename(), p.dateOfBirth(), p.sex(),
                    p.schoolUrn(), plan.planIssueDate(), plan.issuingLa(), plan.needs()));
        }
        byTrustAndSchool.forEach((key, ids) -> {
            String[] trustAndSchool = key.split("\u0000", 2);
            audit.record(AuditLog.EXPORT, "pupil", ids, trustAndSchool[0], trustAndSchool[1],
                    "LA exchange (SEN2 items) for LA " + la + " as " + format);
        });
        return persons;
    }
}
