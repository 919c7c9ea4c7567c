package uk.sen.notification.service;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import uk.sen.notification.config.NotificationConfig;
import uk.sen.notification.domain.TriggerRule;

/** The trigger rules as data: what the API shows is what the planner reads. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class RuleBook {

    @Inject
    EntityManager em;

    @Inject
    NotificationConfig config;

    public List<TriggerRule> rules() {
        return TriggerRule.list("order by eventType, id");
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
