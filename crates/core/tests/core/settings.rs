//! Settings: what validation refuses.

use lull_core::settings::{Day, ScheduledBlock};
use lull_core::{ErrorCode, Settings};

use crate::support::Fixture;

fn mornings(id: u32) -> ScheduledBlock {
    ScheduledBlock {
        id,
        days: vec![Day::Monday],
        start: "09:00".parse().expect("t"),
        end: "10:00".parse().expect("t"),
        intent: None,
    }
}

#[test]
fn a_review_time_of_24_00_is_refused_and_names_its_field() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let settings =
        Settings { review_time: Some("24:00".parse().expect("a time of day")), ..Settings::default() };
    let err = lull.update_settings(settings).expect_err("24:00 is the end of a day, not a time to review at");
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidSettings, Some("review_time")), "{err}");
    assert_eq!(lull.settings(), &Settings::default(), "nothing changed");
    let late = Settings { review_time: Some("23:59".parse().expect("t")), ..Settings::default() };
    assert!(lull.update_settings(late).is_ok(), "23:59 is the latest review time");
}

#[test]
fn a_schedule_id_of_u32_max_is_refused_without_overflowing() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    for schedule in [
        vec![mornings(u32::MAX)],
        vec![mornings(u32::MAX), mornings(0)],
        vec![mornings(0), mornings(u32::MAX)],
    ] {
        let settings = Settings { schedule, ..Settings::default() };
        let err = lull.update_settings(settings).expect_err("refused");
        assert_eq!(err.code, ErrorCode::InvalidSchedule, "{err}");
        assert!(err.field.as_deref().is_some_and(|f| f.starts_with("schedule")), "names the block: {err:?}");
    }
    let highest = lull_core::settings::MAX_SCHEDULE_ID;
    let settings = Settings { schedule: vec![mornings(highest)], ..Settings::default() };
    assert!(lull.update_settings(settings).is_ok(), "the highest id is allowed on its own");
    let settings = Settings { schedule: vec![mornings(highest), mornings(0)], ..Settings::default() };
    let err = lull.update_settings(settings).expect_err("no id is left for the new block");
    assert_eq!(err.code, ErrorCode::InvalidSchedule, "{err}");
    assert_eq!(lull.settings().schedule, vec![mornings(highest)], "nothing changed");
}
