package uk.sen.notification.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import uk.sen.notification.config.NotificationConfig;
import uk.sen.notification.domain.TriggerRule;

/**
 * The trigger rules as data: what the API shows is what the planner reads. The rules come from the migrations only
 * (the API shows them and never changes them), so each process reads the active ones once, not once per event.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class RuleBook {

    @Inject
    EntityManager em;

    @Inject
    NotificationConfig config;

    /** The active rules by event type, read on first use; detached, and never changed by anyone. */
    private volatile Map<String, List<TriggerRule>> active;

    public List<TriggerRule> rules() {
        return TriggerRule.list("order by eventType, id");
    }

    /** The active rules for an event type, in id order. */
    public List<TriggerRule> activeFor(String eventType) {
        Map<String, List<TriggerRule>> byType = active;
        if (byType == null) {
            List<TriggerRule> all = TriggerRule.list("active = true order by id");
            all.forEach(em::detach);
            byType = all.stream().collect(Collectors.groupingBy(r -> r.eventType, LinkedHashMap::new,
                    Collectors.toUnmodifiableList()));
            active = byType;
        }
        return byType.getOrDefault(eventType, List.of());
    }

    public boolean hasRules(String eventType) {
        return !activeFor(eventType).isEmpty();
    }

    /** Whether triggers of this type are worth keeping for contacts added later. */
    public boolean keptForCatchUp(String eventType) {
        return activeFor(eventType).stream().anyMatch(r -> r.catchUpDays > 0);
    }

    public Map<String, TreeSet<String>> inviteeAgencies() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT invitee_role, agency FROM invitee_agency").getResultList();
        Map<String, TreeSet<String>> map = new TreeMap<>();
        rows.forEach(r -> map.computeIfAbsent((String) r[0], k -> new TreeSet<>()).add((String) r[1]));
        return map;
    }

    public List<Integer> reminderDaysBefore() {
        return config.reminders().daysBefore();
    }
}
