#!/usr/bin/env bash
# Runs the date-sensitive module tests (on the real infrastructure) as at each of a spread of days, so that a test
# that holds only on some days of the year fails here and not on the day CI meets it.
#   deploy/test-dates.sh               every day of the list below, then today (about 5 minutes a day)
#   deploy/test-dates.sh 2028-02-29 …  only the days (or yyyy-MM-ddTHH:mm moments) given
#   SEN_DATES_TESTS=all deploy/test-dates.sh …   every module test, not only the date-sensitive ones
# Each day runs with -Dsen.test.as-at=<day>, which the platform's one clock (EnglandClock) and the tests' TestDates
# read. The end-to-end tests are not part of the sweep: `SEN_TEST_AS_AT=<day> deploy/test.sh` runs the whole test
# command, e2e included, as at one day. Adds its table to docs/testing/dates.md, above the earlier runs; logs under
# deploy/.state/logs/dates.
set -euo pipefail

DEPLOY_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/common.sh
source "$DEPLOY_DIR/lib/common.sh"

# The terms are the defaults review-service (TermCalendar) and workload-service (SchoolCalendar) are built with;
# 2026/27: autumn 1 Sep to 18 Dec (the rule's 20 Dec is a Sunday: a term ends on the Friday before), spring 4 Jan to
# 25 Mar (Easter is 28 Mar 2027), summer 12 Apr to 22 Jul.
# Every day is one the tests may yet meet (today or later): a test may take a date before it was written to be past.
DAYS=(
  2028-02-29             # a leap day
  2027-08-31 2027-09-01  # the school year's last day, the next one's first
  2026-12-31             # the year's end
  2027-03-28T00:30       # the clocks go forward (01:00 GMT): just before
  2027-10-31T00:30       # the clocks go back (02:00 BST): before
  2027-01-13             # a Wednesday in term
  2027-01-16             # a Saturday
  2026-12-18             # the autumn term's last day (its first: 1 September 2027, above)
  2026-12-19 2027-01-03  # the Christmas holiday's first and last day
  2027-01-04 2027-03-25  # the spring term's first and last day
  2027-03-26 2027-04-11  # the Easter holiday's first and last day
  2027-04-12 2027-07-22  # the summer term's first and last day
  2027-07-23             # the summer holiday's first day
  2026-12-24 2027-01-01  # the workload calendar's Christmas closure and its spring start
  2027-04-01 2027-08-01  # the workload calendar's summer start and August closure
  2027-03-28T03:30       # just after the clocks go forward
  2027-10-31T23:30       # late on the long day the clocks go back
)
if (( $# )); then DAYS=("$@"); else DAYS+=("$(TZ=Europe/London date +%F)"); fi

LOGS=$LOG_DIR/dates
REPORT=$ROOT_DIR/docs/testing/dates.md
mkdir -p "$LOGS" "$(dirname "$REPORT")"

started=()
while read -r piece state _; do
  [[ $state == READY ]] || started+=("$piece")
done < <("$DEPLOY_DIR/infra.sh" status 2>/dev/null | grep -E '^(postgres|kafka|greenmail|keycloak) ' || true)
cleanup() {
  local rc=$?
  if (( ${#started[@]} )); then "$DEPLOY_DIR/infra.sh" down "${started[@]}" || true; fi
  exit $rc
}
trap cleanup EXIT
if (( ${#started[@]} )); then "$DEPLOY_DIR/infra.sh" up "${started[@]}"; fi

cd "$ROOT_DIR"
say dates "building once (log: $LOGS/build.log)"
./mvnw -B -q install -DskipTests >"$LOGS/build.log" 2>&1 || { show_log_tail "$LOGS/build.log"; die dates "build failed"; }

MODULES=platform,register-service,review-service,notification-service,workload-service
# The tests that read today or build dates from it: every class that uses TestDates (found here, so a new one joins
# by itself), and those that take today another way or are the date rules' own table-driven tests (listed).
OTHER_DATE_TESTS=AllocationExceededTest,AssessmentRequestTest,CalendarFeedTest,CtfReaderTest,DurationsTest,\
EnglandClockTest,ForecastTest,MisFormatTest,RegisterSyncTest,ReviewEventsTest,RuleConditionTest,SchoolCalendarTest,\
SenRulesTest,SencoViewTest,SharingRulesTest,StatutoryClockTest,SupportPlanCycleTest,TermCalendarTest,\
TimeEntryResourceTest
# shellcheck disable=SC2046 # one folder per module
uses_test_dates=$(grep -rl --include='*Test.java' TestDates $(printf '%s/src/test ' ${MODULES//,/ }) \
  | xargs -rn1 basename | sed 's/\.java$//' | sort -u | paste -sd, -)
DATE_TESTS=$OTHER_DATE_TESTS${uses_test_dates:+,$uses_test_dates}
selection=()
[[ ${SEN_DATES_TESTS:-} == all ]] || selection=("-Dtest=$DATE_TESTS" -Dsurefire.failIfNoSpecifiedTests=false)
# The report keeps what is there: its opening (up to the first "## ") stays first, this run's section comes next and
# the earlier runs' sections after it. The section is rewritten after each day, so a sweep stopped early keeps what it
# measured.
intro="# The module tests as at a spread of days"
earlier=""
if [[ -f $REPORT ]]; then
  intro=$(awk '/^## /{exit} {print}' "$REPORT")
  earlier=$(awk '/^## /{found=1} found' "$REPORT")
fi
run_heading="## Run of $(date -u +%F), at \`$(git rev-parse --short HEAD)\` ($(nproc) cores; \`deploy/test-dates.sh\`)"
write_report() {
  {
    printf '%s\n\n' "$intro"
    echo "$run_heading"
    echo
    echo "The date-sensitive tests of the platform and the four services (${SEN_DATES_TESTS:-the classes that use TestDates and those of OTHER_DATE_TESTS})" \
      "with \`-Dsen.test.as-at=<day>\`."
    echo
    echo "| as at | day | result | tests | time | failing tests |"
    echo "|---|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
    [[ -z $earlier ]] || printf '\n%s\n' "$earlier"
  } >"$REPORT"
}

rows=() failed=0
for day in "${DAYS[@]}"; do
  log=$LOGS/${day//:/}.log
  say dates "as at $day (log: $log)"
  t0=$SECONDS
  if ./mvnw -B -o -fae test -pl "$MODULES" "${selection[@]}" "-Dsen.test.as-at=$day" >"$log" 2>&1; then result=passed; else result=FAILED; failed=1; fi
  tests=$(grep -E '^\[(INFO|ERROR|WARNING)\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$' "$log" \
    | awk -F'[:,] *' '{run+=$2; bad+=$4+$6} END {printf "%d run, %d failed", run, bad}')
  broken=$(grep -oE '^\[ERROR\]   [A-Za-z]+\.[A-Za-z0-9_]+' "$log" | awk '{print $2}' | sort -u | paste -sd' ' - || true)
  rows+=("| $day | $(TZ=Europe/London date -d "${day%%T*}" +%a) | $result | $tests | $((SECONDS - t0)) s | ${broken:-} |")
  say dates "as at $day: $result ($tests)"
  write_report
done
say dates "table: $REPORT"
exit $failed
