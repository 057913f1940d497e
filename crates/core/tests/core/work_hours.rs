//! Work hours: inside/outside, the next boundary, daylight-saving days, and the property that
//! the two answers always agree.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use chrono_tz::Tz;
use lull_core::work_hours::{Week, Window, WorkHours};
use lull_core::{ErrorCode, TimeOfDay};
use proptest::prelude::*;

fn t(s: &str) -> DateTime<Utc> {
    s.parse().expect("an RFC 3339 instant")
}

fn tod(s: &str) -> TimeOfDay {
    s.parse().expect("HH:MM")
}

fn window(start: &str, end: &str) -> Window {
    Window::new(tod(start), tod(end))
}

fn sundays(windows: Vec<Window>) -> WorkHours {
    WorkHours { week: Week { sunday: windows, ..Week::default() }, days_off: vec![] }
        .validate()
        .expect("valid")
}

/// The work intervals of one local day, as UTC instants.
fn day(hours: &WorkHours, zone: Tz, date: &str) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let date: NaiveDate = date.parse().expect("a date");
    hours.intervals(zone, date, date)
}

#[test]
fn the_default_week_is_monday_to_friday_with_a_lunch_break() {
    let hours = WorkHours::default();
    let berlin = Tz::Europe__Berlin;
    assert!(hours.contains(berlin, t("2026-11-25T09:00:00Z")), "Wednesday 10:00 is work time");
    assert!(!hours.contains(berlin, t("2026-11-25T11:30:00Z")), "12:30 is lunch");
    assert!(!hours.contains(berlin, t("2026-11-28T10:00:00Z")), "Saturday is off");
    assert_eq!(
        hours.next_boundary(berlin, t("2026-11-25T09:00:00Z")),
        Some(t("2026-11-25T11:00:00Z")),
        "12:00 ends the morning"
    );
    assert_eq!(
        hours.next_boundary(berlin, t("2026-11-27T17:00:00Z")),
        Some(t("2026-11-30T08:00:00Z")),
        "after Friday evening the next boundary is Monday 09:00"
    );
}

#[test]
fn days_off_have_no_work_hours() {
    let mut hours = WorkHours::default();
    hours.days_off.push("2026-11-26".parse().expect("date"));
    let hours = hours.validate().expect("valid");
    let berlin = Tz::Europe__Berlin;
    assert!(!hours.contains(berlin, t("2026-11-26T09:00:00Z")), "Thursday is a day off");
    assert_eq!(
        hours.next_boundary(berlin, t("2026-11-25T17:00:00Z")),
        Some(t("2026-11-27T08:00:00Z")),
        "Friday next"
    );
}

#[test]
fn a_window_across_the_berlin_spring_gap_shrinks_to_what_exists() {
    // 29 March 2026: 02:00 CET becomes 03:00 CEST (01:00 UTC).
    let berlin = Tz::Europe__Berlin;
    let hours = sundays(vec![window("01:30", "02:30"), window("02:45", "04:00")]);
    assert_eq!(
        day(&hours, berlin, "2026-03-29"),
        vec![(t("2026-03-29T00:30:00Z"), t("2026-03-29T02:00:00Z"))],
        "01:30 CET to 03:00 CEST, and 02:45 (not existing) moves to 03:00, so the two windows touch and merge"
    );
    let inside_gap_window = sundays(vec![window("02:10", "02:50")]);
    assert_eq!(
        day(&inside_gap_window, berlin, "2026-03-29"),
        vec![],
        "a window wholly inside the gap vanishes"
    );
}

#[test]
fn a_window_over_the_new_york_autumn_repeat_counts_the_first_occurrence() {
    // 1 November 2026: 02:00 EDT becomes 01:00 EST; 01:00–02:00 happens twice.
    let ny = Tz::America__New_York;
    let hours = sundays(vec![window("01:00", "02:00"), window("09:00", "17:00")]);
    assert_eq!(
        day(&hours, ny, "2026-11-01"),
        vec![
            (t("2026-11-01T05:00:00Z"), t("2026-11-01T07:00:00Z")),
            (t("2026-11-01T14:00:00Z"), t("2026-11-01T22:00:00Z")),
        ],
        "01:00 EDT (first occurrence) to 02:00 EST: two real hours"
    );
    let spring = sundays(vec![window("02:30", "03:30")]);
    assert_eq!(
        day(&spring, ny, "2026-03-08"),
        vec![(t("2026-03-08T07:00:00Z"), t("2026-03-08T07:30:00Z"))],
        "8 March: 02:30 does not exist, the window starts at 03:00 EDT"
    );
}

#[test]
fn lord_howe_shifts_by_thirty_minutes_both_ways() {
    let lh = Tz::Australia__Lord_Howe;
    // 4 October 2026: 02:00 +10:30 becomes 02:30 +11:00.
    let hours = sundays(vec![window("02:00", "03:00")]);
    assert_eq!(day(&hours, lh, "2026-10-04"), vec![(t("2026-10-03T15:30:00Z"), t("2026-10-03T16:00:00Z"))]);
    // 5 April 2026: 02:00 +11:00 becomes 01:30 +10:30; 01:30–02:00 happens twice.
    let hours = sundays(vec![window("01:30", "02:00")]);
    assert_eq!(day(&hours, lh, "2026-04-05"), vec![(t("2026-04-04T14:30:00Z"), t("2026-04-04T15:30:00Z"))]);
}

#[test]
fn a_zone_without_daylight_saving_is_plain() {
    let tokyo = Tz::Asia__Tokyo;
    let hours = sundays(vec![window("02:00", "03:00")]);
    assert_eq!(
        day(&hours, tokyo, "2026-03-29"),
        vec![(t("2026-03-28T17:00:00Z"), t("2026-03-28T18:00:00Z"))]
    );
}

#[test]
fn a_window_until_midnight_joins_one_from_midnight() {
    let hours = WorkHours {
        week: Week {
            monday: vec![window("22:00", "24:00")],
            tuesday: vec![window("00:00", "02:00")],
            ..Week::default()
        },
        days_off: vec![],
    }
    .validate()
    .expect("valid");
    let utc = Tz::UTC;
    assert_eq!(
        hours.next_boundary(utc, t("2026-11-23T23:00:00Z")),
        Some(t("2026-11-24T02:00:00Z")),
        "one stretch over midnight"
    );
}

#[test]
fn invalid_work_hours_are_refused_with_a_code() {
    let backwards = WorkHours {
        week: Week { monday: vec![window("17:00", "09:00")], ..Week::default() },
        days_off: vec![],
    };
    assert_eq!(backwards.validate().expect_err("refused").code, ErrorCode::InvalidWorkHours);
    let overlapping = WorkHours {
        week: Week { monday: vec![window("09:00", "12:00"), window("11:00", "13:00")], ..Week::default() },
        days_off: vec![],
    };
    let err = overlapping.validate().expect_err("refused");
    assert_eq!(err.code, ErrorCode::InvalidWorkHours);
    assert!(err.message.contains("overlap"), "{}", err.message);
    let empty = WorkHours {
        week: Week { monday: vec![window("09:00", "09:00")], ..Week::default() },
        days_off: vec![],
    };
    assert_eq!(empty.validate().expect_err("refused").code, ErrorCode::InvalidWorkHours);
}

pub(crate) const ZONES: [Tz; 6] = [
    Tz::Europe__Berlin,
    Tz::America__New_York,
    Tz::Australia__Lord_Howe,
    Tz::Asia__Tokyo,
    Tz::America__Santiago,
    Tz::UTC,
];

/// 0 to 3 windows a day, at any minutes (including the DST hours and 24:00).
fn day_windows() -> impl Strategy<Value = Vec<Window>> {
    prop::collection::btree_set(0u16..=1440, 0..=6).prop_map(|points| {
        let points: Vec<u16> = points.into_iter().collect();
        points
            .chunks_exact(2)
            .filter_map(|pair| {
                let start = TimeOfDay::from_minutes(pair[0])?;
                let end = TimeOfDay::from_minutes(pair[1])?;
                Some(Window::new(start, end))
            })
            .collect()
    })
}

pub(crate) fn work_hours() -> impl Strategy<Value = WorkHours> {
    (prop::collection::vec(day_windows(), 7), prop::collection::vec(0i64..120, 0..5)).prop_map(
        |(days, off)| {
            let mut days = days.into_iter();
            let mut next = || days.next().unwrap_or_default();
            let week = Week {
                monday: next(),
                tuesday: next(),
                wednesday: next(),
                thursday: next(),
                friday: next(),
                saturday: next(),
                sunday: next(),
            };
            let base: NaiveDate = "2026-03-01".parse().unwrap_or_default();
            let days_off = off.into_iter().map(|d| base + TimeDelta::days(d)).collect();
            WorkHours { week, days_off }.validate().unwrap_or_default()
        },
    )
}

pub(crate) fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    // 2026-01-01 to 2027-12-31, to the second: both DST changes of every zone above.
    (1_767_225_600i64..1_830_297_600).prop_map(|s| DateTime::from_timestamp(s, 0).unwrap_or_default())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn inside_hours_and_next_boundary_always_agree(
        hours in work_hours(),
        zone in prop::sample::select(ZONES.to_vec()),
        t in instant(),
        probes in prop::collection::vec(0.0f64..1.0, 8),
    ) {
        let inside = hours.contains(zone, t);
        match hours.next_boundary(zone, t) {
            Some(boundary) => {
                prop_assert!(boundary > t, "the boundary lies ahead");
                prop_assert_ne!(hours.contains(zone, boundary), inside, "the state flips at the boundary");
                let span = (boundary - t).num_seconds();
                for p in probes {
                    let probe = t + TimeDelta::seconds((span as f64 * p) as i64);
                    if probe < boundary {
                        prop_assert_eq!(hours.contains(zone, probe), inside, "no change before the boundary, at {}", probe);
                    }
                }
            }
            None => {
                // No boundary within the horizon: the state holds for (at least) the next days probed.
                for p in probes {
                    let probe = t + TimeDelta::seconds((p * 30.0 * 86_400.0) as i64);
                    prop_assert_eq!(hours.contains(zone, probe), inside);
                }
            }
        }
    }
}

#[test]
fn the_next_start_is_searched_past_a_long_leave_from_inside_and_before_the_last_window() {
    // Monday 23 November 2026, then nine working days off (24 November to 4 December).
    let first: NaiveDate = "2026-11-24".parse().expect("date");
    let days_off = (0..11).map(|d| first + TimeDelta::days(d)).collect();
    let hours = WorkHours { days_off, ..WorkHours::default() };
    let hours = hours.validate().expect("valid");
    let berlin = Tz::Europe__Berlin;
    let back = t("2026-12-07T08:00:00Z");
    let afternoon = t("2026-11-23T12:30:00Z"); // 13:30, inside the last window before the leave
    assert_eq!(hours.next_start(berlin, afternoon), Some(back), "the next window to start");
    let morning = t("2026-11-23T06:00:00Z"); // 07:00, before the day's first window
    assert_eq!(hours.next_start(berlin, morning), Some(t("2026-11-23T08:00:00Z")), "09:00 today");
    assert_eq!(hours.first_start_after_today(berlin, morning), Some(back), "the first window of a later day");
    let boundaries: Vec<_> = hours.boundaries_after(berlin, afternoon).take(2).collect();
    assert_eq!(boundaries, [t("2026-11-23T16:30:00Z"), back], "17:30 today, then the Monday after");
}
