package uk.sen.workload.domain;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the effort of one piece of statutory work falls: spread evenly over the {@code spreadWeeks} weeks that end
 * with the week of its anchor date (the meeting when one is set, else the date it is due by). Weeks before the
 * current week are history (that work was done, or not, and shows in the time logged); work that is overdue and
 * still open brings one week's share into the current week, because its meeting still has to happen.
 */
public final class WorkSpread {

    private WorkSpread() {
    }

    /** Minutes per week (Mondays) from {@code currentWeek} on. */
    public static Map<LocalDate, Double> spread(LocalDate anchor, int spreadWeeks, double effortMinutes,
            LocalDate currentWeek) {
        if (spreadWeeks < 1) {
            throw new IllegalArgumentException("spreadWeeks must be at least 1");
        }
        LocalDate anchorWeek = SchoolCalendar.weekStart(anchor);
        LocalDate thisWeek = SchoolCalendar.weekStart(currentWeek);
        double share = effortMinutes / spreadWeeks;
        Map<LocalDate, Double> weeks = new LinkedHashMap<>();
        if (anchorWeek.isBefore(thisWeek)) {
            weeks.put(thisWeek, share);
            return weeks;
        }
        for (LocalDate week = anchorWeek.minusWeeks(spreadWeeks - 1L); !week.isAfter(anchorWeek); week = week.plusWeeks(1)) {
            if (!week.isBefore(thisWeek)) {
                weeks.put(week, share);
            }
        }
        return weeks;
    }
}
