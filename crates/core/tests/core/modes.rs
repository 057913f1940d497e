//! Modes over time: scheduled blocks, the next change, restarts, and properties of the whole.

use std::sync::Arc;

use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use lull_core::settings::{Day, ScheduledBlock};
use lull_core::timeline::Timeline;
use lull_core::{
    Change, Decision, Lull, ManualClock, MessageState, Mode, NewMessage, Settings, Source, WorkHours,
};
use proptest::prelude::*;

use crate::support::{Fixture, block_changes, mins, utc};

fn weekday_mornings() -> ScheduledBlock {
    ScheduledBlock {
        id: 0,
        days: vec![Day::Monday, Day::Tuesday, Day::Wednesday, Day::Thursday, Day::Friday],
        start: "09:00".parse().expect("t"),
        end: "10:30".parse().expect("t"),
        intent: Some("deep work".into()),
    }
}

#[test]
fn a_scheduled_block_starts_by_itself_and_a_skipped_occurrence_does_not() {
    let fx = Fixture::at(utc(2026, 11, 25, 7, 0, 0)); // Wednesday 08:00 Berlin
    let mut lull = fx.lull();
    let settings = Settings { schedule: vec![weekday_mornings()], ..lull.settings().clone() };
    let settings = lull.update_settings(settings).expect("valid");
    let id = settings.schedule[0].id;
    assert_ne!(id, 0, "an id is assigned");
    let start = utc(2026, 11, 25, 8, 0, 0);
    assert_eq!(lull.next_wakeup().into_result().expect("wakeup"), Some(start));
    assert_eq!(
        lull.status().expect("status").next_change.map(|c| (c.at, c.mode)),
        Some((start, Mode::Focus))
    );

    fx.clock.set(start);
    let changes = block_changes(lull.tick().into_result().expect("tick"));
    let [Change::Started { block }] = changes.as_slice() else {
        panic!("the scheduled block starts: {changes:?}")
    };
    assert_eq!(block.deadline, utc(2026, 11, 25, 9, 30, 0), "until 10:30");
    assert_eq!((block.schedule_id, block.intent.as_deref()), (Some(id), Some("deep work")));

    lull.stop_focus().expect("stopped early");
    assert_eq!(
        block_changes(lull.tick().into_result().expect("tick")),
        vec![],
        "a stopped occurrence does not come back"
    );

    lull.skip_scheduled(id, "2026-11-26".parse().expect("date")).expect("skip tomorrow");
    fx.clock.set(utc(2026, 11, 26, 8, 0, 0));
    assert_eq!(
        block_changes(lull.tick().into_result().expect("tick")),
        vec![],
        "the skipped occurrence does not start"
    );
    fx.clock.set(utc(2026, 11, 27, 8, 0, 0));
    assert_eq!(block_changes(lull.tick().into_result().expect("tick")).len(), 1, "Friday's does");
    assert_eq!(
        lull.skip_scheduled(999, "2026-11-30".parse().expect("date")).expect_err("unknown").code,
        lull_core::ErrorCode::UnknownSchedule
    );
}

#[test]
fn stopping_a_hand_started_block_inside_a_scheduled_occurrence_does_not_start_the_occurrence() {
    let fx = Fixture::at(utc(2026, 11, 25, 7, 50, 0)); // Wednesday 08:50 Berlin
    let mut lull = fx.lull();
    lull.update_settings(Settings { schedule: vec![weekday_mornings()], ..Settings::default() })
        .expect("valid");
    lull.start_focus(25 * 60, Some("my own")).expect("a hand-started block until 09:15");
    fx.clock.set(utc(2026, 11, 25, 8, 0, 0)); // 09:00: the occurrence begins under the hand block
    assert_eq!(
        block_changes(lull.tick().into_result().expect("tick")),
        vec![],
        "the hand-started block goes on"
    );

    fx.clock.set(utc(2026, 11, 25, 8, 5, 0));
    lull.stop_focus().expect("stopped at 09:05");
    let changes = block_changes(lull.tick().into_result().expect("tick"));
    assert_eq!(changes, vec![], "stopping means stop: the scheduled block does not start at once");
    assert_eq!(lull.running_block().expect("read"), None);
    assert_eq!(lull.mode().expect("mode"), Mode::Open, "work hours, no block");
    fx.clock.set(utc(2026, 11, 25, 9, 0, 0)); // 10:00, still inside the occurrence
    assert_eq!(
        block_changes(lull.tick().into_result().expect("tick")),
        vec![],
        "nor later in the occurrence"
    );
    fx.clock.set(utc(2026, 11, 26, 8, 0, 0));
    assert_eq!(
        block_changes(lull.tick().into_result().expect("tick")).len(),
        1,
        "Thursday's occurrence starts"
    );
}

#[test]
fn a_hand_started_block_that_runs_out_inside_a_scheduled_occurrence_hands_over_to_it() {
    let fx = Fixture::at(utc(2026, 11, 25, 7, 50, 0)); // Wednesday 08:50 Berlin
    let mut lull = fx.lull();
    lull.update_settings(Settings { schedule: vec![weekday_mornings()], ..Settings::default() })
        .expect("valid");
    let hand = lull.start_focus(25 * 60, None).expect("a hand-started block until 09:15");
    fx.clock.set(hand.deadline);
    let changes = block_changes(lull.tick().into_result().expect("tick"));
    let [Change::Ended { .. }, Change::Started { block }] = changes.as_slice() else {
        panic!("the hand block ends and the occurrence takes over: {changes:?}")
    };
    assert_eq!(block.deadline, utc(2026, 11, 25, 9, 30, 0), "for the rest of the occurrence, until 10:30");
}

#[test]
fn starting_lull_in_the_middle_of_a_scheduled_block_joins_it_for_the_rest() {
    let fx = Fixture::at(utc(2026, 11, 25, 7, 0, 0));
    {
        let mut lull = fx.lull();
        lull.update_settings(Settings { schedule: vec![weekday_mornings()], ..Settings::default() })
            .expect("valid");
    }
    fx.clock.set(utc(2026, 11, 25, 9, 0, 0)); // 10:00 Berlin, not running until now
    let (lull, _) = fx.open();
    let block = lull.running_block().expect("read").expect("the occurrence runs");
    assert_eq!(block.planned_secs, 30 * 60, "for the 30 minutes left");
}

#[test]
fn a_block_started_in_quiet_hours_goes_back_to_quiet_and_keeps_holding() {
    let fx = Fixture::at(utc(2026, 11, 25, 20, 0, 0)); // 21:00 Berlin
    let mut lull = fx.lull();
    lull.start_focus(1800, None).expect("start");
    lull.tick().into_result().expect("tick");
    assert_eq!(lull.mode().expect("mode"), Mode::Focus);
    let (receipt, _) = lull.receive(NewMessage::new(Source::Api, "late")).expect("ok");
    assert_eq!(
        receipt.release_at,
        Some(utc(2026, 11, 26, 8, 0, 0)),
        "the block ends in quiet hours: tomorrow 09:00"
    );
    fx.clock.advance(mins(30));
    let changes = lull.tick().into_result().expect("tick");
    assert!(changes.contains(&Change::ModeChanged { from: Mode::Focus, to: Mode::Quiet }));
    assert!(!changes.iter().any(|c| matches!(c, Change::Digest { .. })), "no digest into Quiet");
    assert_eq!(lull.message(receipt.id).expect("m").state, MessageState::Held);
}

#[test]
fn after_a_restart_a_block_that_ended_while_away_releases_its_messages_once() {
    let fx = Fixture::new();
    {
        let mut lull = fx.lull();
        lull.start_focus(600, None).expect("start");
        lull.tick().into_result().expect("tick");
        lull.receive(NewMessage::new(Source::Api, "held")).expect("ok");
    }
    fx.clock.advance(mins(30));
    let (mut lull, changes) = fx.open();
    let digests = changes.iter().filter(|c| matches!(c, Change::Digest { .. })).count();
    assert_eq!(digests, 1, "{changes:?}");
    lull.mark_digests_announced().expect("ok");
    assert_eq!(fx.open().1.iter().filter(|c| matches!(c, Change::Digest { .. })).count(), 0, "once");
}

#[test]
fn working_late_until_a_time_in_the_repeated_autumn_hour_means_the_coming_one() {
    // New York, Sunday 1 November 2026: 02:00 EDT falls back to 01:00 EST, so 01:00–02:00 local
    // happens twice: 05:00–06:00 UTC (EDT), then 06:00–07:00 UTC (EST).
    let until: lull_core::TimeOfDay = "01:30".parse().expect("t");
    for (now, expected, why) in [
        (utc(2026, 11, 1, 4, 30, 0), utc(2026, 11, 1, 5, 30, 0), "00:30 EDT: the first 01:30"),
        (utc(2026, 11, 1, 5, 15, 0), utc(2026, 11, 1, 5, 30, 0), "01:15 EDT: the first 01:30"),
        (
            utc(2026, 11, 1, 5, 45, 0),
            utc(2026, 11, 1, 6, 30, 0),
            "01:45 EDT: the first is past, the second comes",
        ),
        (utc(2026, 11, 1, 6, 15, 0), utc(2026, 11, 1, 6, 30, 0), "01:15 EST: the second 01:30"),
        (utc(2026, 11, 1, 6, 40, 0), utc(2026, 11, 2, 6, 30, 0), "01:40 EST: both are past, tomorrow's"),
    ] {
        let fx = Fixture::at(now);
        fx.clock.set_time_zone(Tz::America__New_York);
        let mut lull = fx.lull();
        assert_eq!(lull.working_late(until).expect("working late"), expected, "{why}");
    }
}

#[test]
fn a_change_of_time_zone_is_honoured() {
    let fx = Fixture::new(); // 09:00 UTC: 10:00 in Berlin (work), 04:00 in New York (night)
    let lull = fx.lull();
    assert_eq!(lull.mode().expect("mode"), Mode::Open);
    fx.clock.set_time_zone(Tz::America__New_York);
    assert_eq!(lull.mode().expect("mode"), Mode::Quiet, "the same instant is night in New York");
}

#[test]
fn a_database_written_by_schema_1_opens_upgraded_with_its_running_block() {
    let fx = Fixture::at(utc(2026, 11, 25, 9, 10, 0));
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema-v1.sqlite3");
    std::fs::copy(fixture, fx.db()).expect("copy the fixture");
    let (mut lull, _) = fx.open();
    let block = lull.running_block().expect("read").expect("the block written by schema 1 still runs");
    assert_eq!(block.intent.as_deref(), Some("still running"));
    assert_eq!(block.deadline, utc(2026, 11, 25, 9, 50, 0));
    assert_eq!(lull.status().expect("status").today.blocks.len(), 2, "both blocks are kept");
    lull.tick().into_result().expect("tick");
    assert_eq!(
        lull.receive(NewMessage::new(Source::Api, "x")).expect("the new tables work").0.decision,
        Decision::Held
    );
}

// ---- properties -------------------------------------------------------------------------

const ZONES: [Tz; 4] = [Tz::Europe__Berlin, Tz::America__New_York, Tz::Australia__Lord_Howe, Tz::Asia__Tokyo];

fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    (1_767_225_600i64..1_830_297_600).prop_map(|s| DateTime::from_timestamp(s, 0).unwrap_or_default())
}

fn offset() -> impl Strategy<Value = Option<TimeDelta>> {
    prop::option::of((1i64..86_400 * 3).prop_map(TimeDelta::seconds))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// The mode is one of the three at every instant, it stays until the announced next change,
    /// and at that change it is the announced mode.
    #[test]
    fn the_next_change_is_the_first_instant_the_mode_differs(
        zone in prop::sample::select(ZONES.to_vec()),
        t in instant(),
        block in offset(),
        late in offset(),
        done in offset(),
        probes in prop::collection::vec(0.0f64..1.0, 6),
        leave in prop::option::of((0i64..3, 1i64..30)),
        meetings in prop::collection::vec((offset(), 1i64..240), 0..3),
        presenting in any::<bool>(),
    ) {
        // Sometimes a leave (up to a month of days off) starts around `t`.
        let mut hours = WorkHours::default();
        if let Some((from, days)) = leave {
            let first = t.date_naive() + TimeDelta::days(from);
            hours.days_off = (0..days).map(|d| first + TimeDelta::days(d)).collect();
        }
        let timeline = Timeline {
            zone,
            hours: &hours,
            block_until: block.map(|d| t + d),
            working_late_until: late.map(|d| t + d),
            done_for_today_until: done.map(|d| t + d),
            scheduled: vec![],
            // Meetings starting around `t`, some overlapping, some already under way.
            meetings: meetings
                .iter()
                .filter_map(|&(start, minutes)| start.map(|d| (t + d - TimeDelta::minutes(30), t + d + TimeDelta::minutes(minutes))))
                .collect(),
            away: None,
            presenting,
            block_paused: false,
        };
        let now = timeline.mode_at(t);
        if let Some(change) = timeline.next_change(t) {
            prop_assert!(change.at > t);
            prop_assert_ne!(change.mode, now);
            prop_assert_eq!(timeline.mode_at(change.at), change.mode);
            for p in probes {
                let probe = t + TimeDelta::milliseconds(((change.at - t).num_milliseconds() as f64 * p) as i64);
                if probe < change.at {
                    prop_assert_eq!(timeline.mode_at(probe), now);
                }
            }
        }
        // Work hours resume within weeks, so a held message is always told when it will be seen
        // (at the earliest: nobody knows when a screen on show will be private again).
        let present = timeline.present();
        let open = present.next_open(t);
        prop_assert!(open.is_some(), "an Open lies ahead");
        if let Some(open) = open {
            prop_assert_eq!(present.mode_at(open), Mode::Open);
            prop_assert!(open >= t);
        }
    }
}

#[derive(Debug, Clone)]
enum Step {
    Receive { priority: u8 },
    Wait { minutes: i64 },
    StartFocus { minutes: i64 },
    Stop,
    WorkingLate,
    DoneForToday,
    Restart,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (1u8..=5).prop_map(|priority| Step::Receive { priority }),
        4 => (1i64..600).prop_map(|minutes| Step::Wait { minutes }),
        2 => (1i64..120).prop_map(|minutes| Step::StartFocus { minutes }),
        1 => Just(Step::Stop),
        1 => Just(Step::WorkingLate),
        1 => Just(Step::DoneForToday),
        1 => Just(Step::Restart),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 60, ..ProptestConfig::default() })]

    /// Whatever happens (blocks, overrides, restarts, hours passing), every held message is
    /// released exactly once, by exactly one digest, and the digests count them all.
    #[test]
    fn every_held_message_is_released_exactly_once(steps in prop::collection::vec(step(), 1..40), start in instant()) {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("lull.sqlite3");
        let clock = ManualClock::new(start, Tz::Europe__Berlin);
        let open = || Lull::open(&db, Arc::new(clock.clone())).expect("opens");
        let (mut lull, mut changes) = open();
        let mut held = std::collections::BTreeSet::new();
        for step in steps {
            match step {
                Step::Receive { priority } => {
                    let message = NewMessage { priority: Some(priority), ..NewMessage::new(Source::Api, "m") };
                    let (receipt, _) = lull.receive(message).expect("received");
                    if receipt.decision == Decision::Held {
                        held.insert(receipt.id);
                    }
                }
                Step::Wait { minutes } => clock.advance(TimeDelta::minutes(minutes)),
                Step::StartFocus { minutes } => { let _ = lull.start_focus(minutes * 60, None); }
                Step::Stop => { let _ = lull.stop_focus(); }
                Step::WorkingLate => { let _ = lull.working_late("23:00".parse().expect("t")); }
                Step::DoneForToday => { let _ = lull.done_for_today(); }
                Step::Restart => {
                    lull.mark_digests_announced().expect("ok");
                    drop(lull);
                    let (reopened, more) = open();
                    lull = reopened;
                    changes.extend(more);
                }
            }
            changes.extend(lull.tick().into_result().expect("tick"));
        }
        // Finally let every override and block run out and reach the next Open.
        let _ = lull.stop_focus();
        lull.clear_overrides().expect("ok");
        changes.extend(lull.tick().into_result().expect("tick"));
        let status = lull.status().expect("status");
        if status.mode != Mode::Open {
            let open_at = status.next_change.expect("an Open ahead").at;
            clock.set(open_at);
            changes.extend(lull.tick().into_result().expect("tick"));
        }
        // Every Digest change counts, as every one is a notification the user sees: the same
        // digest published twice would be two popups, and must fail here.
        let mut digest_ids = std::collections::BTreeSet::new();
        let mut counted = 0;
        for change in &changes {
            if let Change::Digest { digest } = change {
                prop_assert!(digest_ids.insert(digest.id), "digest {} published more than once", digest.id);
                counted += digest.count;
            }
        }
        prop_assert_eq!(counted as usize, held.len(), "the digests count every held message once");
        for id in held {
            let m = lull.message(id).expect("kept");
            prop_assert_eq!(m.state, MessageState::Released, "message {} released", id);
            prop_assert!(m.digest_id.is_some_and(|d| digest_ids.contains(&d)));
        }
    }
}

#[test]
fn working_late_for_two_hours_at_23_30_lasts_until_01_30_tomorrow() {
    let fx = Fixture::at(utc(2026, 11, 25, 22, 30, 40)); // Wednesday 23:30:40 in Berlin
    let mut lull = fx.lull();
    let until = lull.working_late_for(TimeDelta::hours(2)).expect("working late");
    assert_eq!(until, utc(2026, 11, 26, 0, 30, 0), "Thursday 01:30 Berlin, to the minute");
    assert_eq!(lull.status().expect("status").working_late_until, Some(until), "the status shows it");
    assert_eq!(lull.mode().expect("mode"), Mode::Open, "open past midnight");

    let err = lull.working_late_for(TimeDelta::hours(24)).expect_err("a day is too long");
    assert_eq!(err.code, lull_core::ErrorCode::InvalidTime, "{err:?}");
}

#[test]
fn working_late_for_an_hour_in_the_repeated_autumn_hour_takes_the_later_occurrence() {
    // 02:30 CEST on 25 October 2026; an hour later the clock reads 02:30 again (CET).
    let fx = Fixture::at(utc(2026, 10, 25, 0, 30, 0));
    let mut lull = fx.lull();
    let until = lull.working_late_for(TimeDelta::hours(1)).expect("working late");
    assert_eq!(until, utc(2026, 10, 25, 1, 30, 0), "an hour later, not now and not tomorrow");
}
