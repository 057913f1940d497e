//! Days off and long leave: what "done for today", the snoozes and a held message's `release_at`
//! resolve to when the next workdays are all off, and scheduled blocks on days off.

use chrono::NaiveDate;
use lull_core::settings::{Day, ScheduledBlock};
use lull_core::{Decision, Lull, Mode, NewMessage, Settings, SnoozeUntil, Source, WorkHours};

use crate::support::{Fixture, block_changes, utc};

/// Leave from Tuesday 24 November to Friday 4 December 2026: nine working days off in a row.
fn on_leave_after_monday_23_november(lull: &mut Lull) {
    let first: NaiveDate = "2026-11-24".parse().expect("date");
    let days_off = (0..11).map(|d| first + chrono::TimeDelta::days(d)).collect();
    let hours = WorkHours { days_off, ..WorkHours::default() };
    let settings = Settings { work_hours: hours, ..lull.settings().clone() };
    lull.update_settings(settings).expect("valid settings");
}

/// Monday 7 December 2026, 09:00 in Berlin: the first window after the leave.
fn back_from_leave() -> chrono::DateTime<chrono::Utc> {
    utc(2026, 12, 7, 8, 0, 0)
}

#[test]
fn done_for_today_before_a_long_leave_lasts_until_the_first_window_after_it() {
    let fx = Fixture::at(utc(2026, 11, 23, 6, 0, 0)); // Monday 07:00 Berlin, before today's first window
    let mut lull = fx.lull();
    on_leave_after_monday_23_november(&mut lull);
    let until = lull.done_for_today().expect("there are work hours after the leave");
    assert_eq!(until, back_from_leave(), "done until the Monday after the leave, 09:00");
    lull.tick().into_result().expect("tick");
    let (receipt, _) = lull.receive(NewMessage::new(Source::Api, "see you")).expect("received");
    assert_eq!(
        (receipt.decision, receipt.release_at),
        (Decision::Held, Some(back_from_leave())),
        "the sender is told when it will be seen"
    );
}

#[test]
fn the_workday_snoozes_before_a_long_leave_reach_past_it() {
    let fx = Fixture::at(utc(2026, 11, 23, 6, 0, 0)); // Monday 07:00 Berlin
    let mut lull = fx.lull();
    on_leave_after_monday_23_november(&mut lull);
    let (r, _) = lull.receive(NewMessage::new(Source::Api, "later")).expect("received");
    assert_eq!(
        lull.snooze(&[r.id], SnoozeUntil::NextWorkday).expect("a workday comes after the leave"),
        back_from_leave()
    );
    assert_eq!(
        lull.snooze(&[r.id], SnoozeUntil::NextWorkWindow).expect("today's first window"),
        utc(2026, 11, 23, 8, 0, 0),
        "09:00 today"
    );
    fx.clock.set(utc(2026, 11, 23, 12, 30, 0)); // 13:30, inside the last window before the leave
    assert_eq!(
        lull.snooze(&[r.id], SnoozeUntil::NextWorkWindow).expect("a window starts after the leave"),
        back_from_leave()
    );
}

#[test]
fn a_message_held_by_a_block_that_ends_after_the_last_window_before_a_leave_is_told_when() {
    let fx = Fixture::at(utc(2026, 11, 23, 16, 0, 0)); // Monday 17:00 Berlin, the last half hour
    let mut lull = fx.lull();
    on_leave_after_monday_23_november(&mut lull);
    lull.start_focus(3600, None).expect("a block until 18:00");
    lull.tick().into_result().expect("tick");
    let (receipt, _) = lull.receive(NewMessage::new(Source::Api, "held")).expect("received");
    assert_eq!(receipt.decision, Decision::Held);
    assert_eq!(
        receipt.release_at,
        Some(back_from_leave()),
        "the block ends after hours: the first window after the leave"
    );
}

#[test]
fn a_scheduled_block_does_not_start_on_a_day_off() {
    let fx = Fixture::at(utc(2026, 11, 25, 7, 0, 0)); // Wednesday 08:00 Berlin
    let mut lull = fx.lull();
    let every_day = ScheduledBlock {
        id: 0,
        days: vec![Day::Monday, Day::Tuesday, Day::Wednesday, Day::Thursday, Day::Friday],
        start: "09:00".parse().expect("t"),
        end: "10:30".parse().expect("t"),
        intent: None,
    };
    let hours = WorkHours { days_off: vec!["2026-11-25".parse().expect("date")], ..WorkHours::default() };
    lull.update_settings(Settings { work_hours: hours, schedule: vec![every_day], ..Settings::default() })
        .expect("valid");
    let thursday = utc(2026, 11, 26, 8, 0, 0);
    assert_eq!(
        lull.next_wakeup().into_result().expect("wakeup"),
        Some(thursday),
        "nothing to do on the day off"
    );
    fx.clock.set(utc(2026, 11, 25, 8, 0, 0)); // 09:00 on the day off
    assert_eq!(block_changes(lull.tick().into_result().expect("tick")), vec![], "no block on a day off");
    assert_eq!(lull.mode().expect("mode"), Mode::Quiet, "a day off is Quiet");
    let (receipt, _) = lull.receive(NewMessage::new(Source::Api, "x")).expect("received");
    assert_eq!(receipt.release_at, Some(utc(2026, 11, 26, 9, 30, 0)), "Thursday, after its block");
    fx.clock.set(thursday);
    assert_eq!(
        block_changes(lull.tick().into_result().expect("tick")).len(),
        1,
        "Thursday's occurrence starts"
    );
}

/// Work hours that cover every minute: the windows merge into one endless stretch.
fn all_day_every_day(lull: &mut Lull) {
    let mut hours = WorkHours::default();
    for day in lull_core::work_hours::WEEKDAYS {
        *hours.week.day_mut(day) = vec![lull_core::work_hours::Window::new(
            "00:00".parse().expect("time"),
            "24:00".parse().expect("time"),
        )];
    }
    let settings = Settings { work_hours: hours, ..lull.settings().clone() };
    lull.update_settings(settings).expect("valid settings");
}

#[test]
fn with_work_hours_all_day_every_day_done_for_today_and_the_snoozes_reach_tomorrow() {
    let fx = Fixture::at(utc(2026, 11, 25, 14, 0, 0)); // Wednesday 15:00 Berlin
    let mut lull = fx.lull();
    all_day_every_day(&mut lull);
    let tomorrow = utc(2026, 11, 25, 23, 0, 0); // Thursday 00:00 Berlin
    assert_eq!(lull.done_for_today().expect("a later day has a window"), tomorrow, "until tomorrow begins");
    lull.clear_overrides().expect("back to the schedule");
    let (r, _) = lull.receive(NewMessage::new(Source::Api, "later")).expect("received");
    assert_eq!(lull.snooze(&[r.id], SnoozeUntil::NextWorkday).expect("tomorrow"), tomorrow);
    assert_eq!(lull.snooze(&[r.id], SnoozeUntil::NextWorkWindow).expect("the next window"), tomorrow);
}
