//! Focus time booked for you, as properties over any work hours, zone, day and calendar: a
//! proposal is always work time to come, never touches a meeting's margin, a block or skipped
//! time, never overlaps another (a break between them), is never shorter than the minimum, and
//! the proposals never add up to more than the goal needs (give or take one minimum block).

use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use lull_core::calendar::proposals::{BREAK, Day, GOAL_SLACK, MEETING_MARGIN, MIN_BLOCK, plan};
use lull_core::work_hours::{Interval, WorkHours};
use proptest::prelude::*;

use crate::work_hours::{ZONES, instant, work_hours};

/// Up to six spans starting within a day of `t`'s offset, 5 to 120 minutes long.
fn spans() -> impl Strategy<Value = Vec<(i64, i64)>> {
    prop::collection::vec((0i64..24 * 60, 5i64..120), 0..6)
}

fn around(now: DateTime<Utc>, spans: &[(i64, i64)]) -> Vec<Interval> {
    let start_of = now - TimeDelta::hours(2);
    spans
        .iter()
        .map(|&(from, len)| (start_of + TimeDelta::minutes(from), start_of + TimeDelta::minutes(from + len)))
        .collect()
}

fn overlaps(a: Interval, b: Interval) -> bool {
    a.0 < b.1 && b.0 < a.1
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    // The case that found the break missing across two gaps (a 5-minute block between them).
    #[test]
    fn proposals_keep_every_rule(
        hours in work_hours(),
        zone in prop::sample::select(ZONES.to_vec()),
        now in instant(),
        meetings in spans(),
        blocks in spans(),
        skipped in spans(),
        focused in 0i64..300,
        goal in 0i64..480,
        block in 0i64..180,
    ) {
        let zone: Tz = zone;
        let hours: WorkHours = hours;
        let today = now.with_timezone(&zone).date_naive();
        let work = hours.intervals(zone, today, today);
        let (meetings, blocks, skipped) = (around(now, &meetings), around(now, &blocks), around(now, &skipped));
        let day = Day { work: &work, meetings: &meetings, blocks: &blocks, skipped: &skipped };
        let proposals = plan(now, day, TimeDelta::minutes(focused), TimeDelta::minutes(goal), TimeDelta::minutes(block));
        for (i, p) in proposals.iter().enumerate() {
            let p = (p.start, p.end);
            prop_assert!(p.0 >= now, "{p:?} starts in the past");
            prop_assert!(p.1 - p.0 >= MIN_BLOCK, "{p:?} is shorter than the minimum");
            prop_assert!(work.iter().any(|w| w.0 <= p.0 && p.1 <= w.1), "{p:?} is not inside one work interval of {work:?}");
            for m in &meetings {
                prop_assert!(!overlaps(p, (m.0 - MEETING_MARGIN, m.1 + MEETING_MARGIN)), "{p:?} is in meeting {m:?}'s margin");
            }
            for b in blocks.iter().chain(&skipped) {
                prop_assert!(!overlaps(p, *b), "{p:?} overlaps {b:?}");
            }
            if let Some(next) = proposals.get(i + 1) {
                prop_assert!(next.start >= p.1 + BREAK, "no break between {p:?} and {next:?}");
            }
        }
        let to_come: TimeDelta = blocks.iter().filter(|b| b.1 > now).map(|b| b.1 - b.0.max(now)).sum();
        let need = TimeDelta::minutes(goal - focused) - to_come;
        let proposed: TimeDelta = proposals.iter().map(|p| p.end - p.start).sum();
        prop_assert!(proposed < need.max(TimeDelta::zero()) + MIN_BLOCK, "{proposed} proposed for {need} needed");
        if need < GOAL_SLACK {
            prop_assert!(proposals.is_empty(), "the goal is met, yet {proposals:?}");
        }
    }
}
