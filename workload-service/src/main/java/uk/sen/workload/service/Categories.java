package uk.sen.workload.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import uk.sen.platform.problem.Violation;
import uk.sen.workload.domain.ActivityCategory;

/** The activity categories, read from their table (a handful of rows) whenever they are needed. */
@ApplicationScoped
public class Categories {

    /** Every category in display order, active or not, by code. */
    public Map<String, ActivityCategory> all() {
        Map<String, ActivityCategory> byCode = new LinkedHashMap<>();
        for (ActivityCategory c : ActivityCategory.inOrder()) {
            byCode.put(c.code, c);
        }
        return byCode;
    }

    /** Why {@code code} cannot be used for new time, or null when it can. */
    public Violation refusal(String field, String code) {
        if (code == null || code.isBlank()) {
            return new Violation(field, "is required (see GET /api/v1/categories)");
        }
        ActivityCategory category = ActivityCategory.findById(code);
        if (category == null) {
            return new Violation(field, "unknown category '" + code + "' (see GET /api/v1/categories)");
        }
        if (!category.active) {
            return new Violation(field, "category '" + code + "' is no longer in use");
        }
        return null;
    }

    public List<ActivityCategory> list() {
        return ActivityCategory.inOrder();
    }
}
