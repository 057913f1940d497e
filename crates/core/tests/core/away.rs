//! Away: the screen locked, idleness and sleep as the presence sources report them, and what they
//! do to held messages, blocks and scheduled blocks. The clock is moved by hand; nothing sleeps.

use chrono::{DateTime, Utc};
use lull_core::settings::{Day, ScheduledBlock};
use lull_core::timeline::QuietReason;
use lull_core::{
    AwaySettings, Change, Decision, DigestReason, Lull, MessageState, Mode, NewMessage, Presence, Settings,
    Source,
};
use proptest::prelude::*;

use crate::support::{Fixture, digests, from, mins, tick, utc};

/// Wednesday 10:00 in Berlin: inside the default work hours (09:00–12:00, 13:00–17:30).
fn morning() -> Fixture {
    Fixture::at(utc(2026, 11, 25, 9, 0, 0))
}

/// A Lull with the default settings but `away`, Open now.
fn lull_with(fx: &Fixture, away: AwaySettings) -> Lull {
    let mut lull = fx.lull();
    lull.update_settings(Settings { away, ..Settings::default() }).expect("valid settings");
    tick(&mut lull);
    assert_eq!(lull.status().expect("status").mode, Mode::Open, "the test starts in work hours");
    lull
}

fn urgent(body: &str) -> NewMessage {
    NewMessage { priority: Some(5), ..NewMessage::new(Source::Api, body) }
}

fn decision(lull: &mut Lull, message: NewMessage) -> (Decision, Option<DateTime<Utc>>) {
    let (receipt, _) = lull.receive(message).expect("stored");
    (receipt.decision, receipt.release_at)
}

fn present(lull: &mut Lull, presence: Presence) -> Vec<Change> {
    lull.set_presence(presence).expect("the report is taken");
    let mut changes = lull.take_changes();
    changes.extend(tick(lull));
    changes
}

#[test]
fn a_locked_screen_in_work_hours_holds_messages_and_the_return_releases_one_away_digest() {
    let fx = morning();
    let mut lull = lull_with(&fx, AwaySettings::default());
    let changes = present(&mut lull, Presence::Locked);
    assert!(
        changes.contains(&Change::ModeChanged { from: Mode::Open, to: Mode::Quiet }),
        "locking the screen makes it Quiet: {changes:?}"
    );
    let status = lull.status().expect("status");
    assert_eq!(status.quiet_reason, Some(QuietReason::Away));
    let away = status.away.expect("the status says away");
    assert_eq!((away.presence, away.since), (Presence::Locked, fx.clock_now()));

    fx.clock.advance(mins(3));
    assert_eq!(decision(&mut lull, from("CI", "build failed")), (Decision::Held, None), "nobody knows when");
    assert_eq!(decision(&mut lull, from("Alice", "lunch?")).0, Decision::Held);
    assert_eq!(decision(&mut lull, urgent("prod is down")).0, Decision::BrokeThrough, "as in a block");

    fx.clock.advance(mins(39) + chrono::TimeDelta::seconds(17));
    let changes = present(&mut lull, Presence::Active);
    let [digest] = digests(&changes).try_into().expect("exactly one digest on return");
    assert_eq!(digest.reason, DigestReason::Away);
    assert_eq!(digest.away_secs, Some(42 * 60 + 17), "how long the user was away");
    assert_eq!(digest.count, 2);
    assert!(digest.text.starts_with("2 held while you were away (42 min): "), "{}", digest.text);
    let status = lull.status().expect("status");
    assert_eq!((status.mode, status.quiet_reason, status.away), (Mode::Open, None, None));
    assert_eq!(digests(&present(&mut lull, Presence::Active)), vec![], "a repeated report is nothing");
    assert_eq!(digests(&tick(&mut lull)), vec![], "released once");
}

#[test]
fn idle_then_locked_is_one_spell_from_when_idleness_began() {
    let fx = morning();
    let mut lull = lull_with(&fx, AwaySettings::default());
    let began = fx.clock_now();
    present(&mut lull, Presence::Idle);
    lull.receive(from("CI", "x")).expect("stored");
    fx.clock.advance(mins(5));
    present(&mut lull, Presence::Locked);
    let away = lull.status().expect("status").away.expect("away");
    assert_eq!((away.presence, away.since), (Presence::Locked, began));
    fx.clock.advance(mins(25));
    let [digest] = digests(&present(&mut lull, Presence::Active)).try_into().expect("one digest");
    assert_eq!(digest.away_secs, Some(30 * 60));
}

#[test]
fn a_block_keeps_its_wall_clock_end_and_the_time_locked_is_not_focus() {
    let fx = morning();
    let mut lull = lull_with(&fx, AwaySettings::default());
    let block = lull.start_focus(25 * 60, Some("write")).expect("started");
    fx.clock.advance(mins(5));
    present(&mut lull, Presence::Locked);
    fx.clock.advance(mins(5));
    let status = lull.status().expect("status");
    assert_eq!(status.mode, Mode::Focus, "a locked screen does not end a block");
    assert_eq!(status.today.focus_secs, 5 * 60, "the minutes locked so far are not focus");
    fx.clock.advance(mins(5));
    present(&mut lull, Presence::Active);
    let running = lull.running_block().expect("read").expect("still running");
    assert_eq!((running.away_secs, running.deadline), (10 * 60, block.deadline), "marked, same end");

    // Idle at the desk is not time gone: someone may be reading.
    present(&mut lull, Presence::Idle);
    fx.clock.advance(mins(3));
    present(&mut lull, Presence::Active);
    fx.clock.set(block.deadline);
    let changes = tick(&mut lull);
    let Some(Change::Ended { block: ended, .. }) = changes.iter().find(|c| matches!(c, Change::Ended { .. }))
    else {
        panic!("the block ends at its deadline: {changes:?}")
    };
    assert_eq!(ended.away_secs, 10 * 60);
    assert_eq!(ended.focused_secs(fx.clock_now()), 15 * 60, "25 minutes less the 10 locked");
    assert_eq!(lull.status().expect("status").today.focus_secs, 15 * 60);
}

#[test]
fn a_paused_block_does_not_end_while_locked_and_its_end_moves_by_the_time_away() {
    let fx = morning();
    let mut lull = lull_with(&fx, AwaySettings { pause_blocks: true, ..AwaySettings::default() });
    let block = lull.start_focus(25 * 60, None).expect("started");
    fx.clock.advance(mins(5));
    present(&mut lull, Presence::Locked);
    fx.clock.advance(mins(60));
    let changes = tick(&mut lull);
    assert!(!changes.iter().any(|c| matches!(c, Change::Ended { .. })), "paused: {changes:?}");
    assert_eq!(lull.status().expect("status").mode, Mode::Focus);
    present(&mut lull, Presence::Active);
    let running = lull.running_block().expect("read").expect("it resumes");
    assert_eq!(running.deadline, block.deadline + mins(60), "the end moved by the hour away");
    assert_eq!(running.away_secs, 60 * 60);
    fx.clock.set(running.deadline);
    let ended = tick(&mut lull)
        .into_iter()
        .find_map(|c| if let Change::Ended { block, .. } = c { Some(block) } else { None })
        .expect("it ends at its new end");
    assert_eq!(ended.focused_secs(fx.clock_now()), 25 * 60, "the whole planned focus, none of the hour");
}

#[test]
fn a_block_that_ends_while_the_machine_sleeps_ends_at_its_deadline_and_is_released_once_on_return() {
    let fx = morning();
    let mut lull = lull_with(&fx, AwaySettings::default());
    let block = lull.start_focus(25 * 60, None).expect("started");
    lull.receive(from("CI", "held in the block")).expect("stored");
    fx.clock.advance(mins(10));
    present(&mut lull, Presence::Asleep);
    fx.clock.advance(mins(60)); // the lid opens an hour later; the screen is locked
    let changes = present(&mut lull, Presence::Locked);
    let ended = changes
        .iter()
        .find_map(|c| if let Change::Ended { block, .. } = c { Some(block.clone()) } else { None })
        .expect("the block ended during the sleep");
    assert_eq!(ended.ended_at, Some(block.deadline), "recorded at its deadline");
    assert_eq!(ended.away_secs, 15 * 60, "the 15 minutes asleep");
    assert_eq!(digests(&changes), vec![], "nobody is there to see a digest");
    assert_eq!(lull.status().expect("status").quiet_reason, Some(QuietReason::Away));

    let [digest] = digests(&present(&mut lull, Presence::Active)).try_into().expect("one digest on unlock");
    assert_eq!((digest.reason, digest.count), (DigestReason::Away, 1));
    assert_eq!(digests(&tick(&mut lull)), vec![], "and only one");
}

#[test]
fn no_scheduled_block_starts_while_the_screen_is_locked_and_it_starts_on_unlock_within_its_window() {
    let fx = Fixture::at(utc(2026, 11, 25, 7, 55, 0)); // Wednesday 08:55 Berlin
    let mut lull = fx.lull();
    let rule = ScheduledBlock {
        id: 0,
        days: vec![Day::Wednesday, Day::Thursday],
        start: "09:00".parse().expect("t"),
        end: "10:30".parse().expect("t"),
        intent: Some("deep work".into()),
    };
    lull.update_settings(Settings { schedule: vec![rule], ..Settings::default() }).expect("valid");
    present(&mut lull, Presence::Locked);
    fx.clock.set(utc(2026, 11, 25, 8, 0, 0));
    let changes = tick(&mut lull);
    assert!(!changes.iter().any(|c| matches!(c, Change::Started { .. })), "locked: {changes:?}");
    assert_eq!(lull.status().expect("status").quiet_reason, Some(QuietReason::Away));
    fx.clock.set(utc(2026, 11, 25, 8, 20, 0));
    let changes = present(&mut lull, Presence::Active);
    let block = changes
        .iter()
        .find_map(|c| if let Change::Started { block } = c { Some(block.clone()) } else { None })
        .expect("it starts on unlock");
    assert_eq!(block.deadline, utc(2026, 11, 25, 9, 30, 0), "until its window ends, 10:30");

    // Thursday: locked through the whole window, it never starts.
    fx.clock.set(utc(2026, 11, 26, 7, 55, 0));
    lull.stop_focus().ok();
    present(&mut lull, Presence::Locked);
    fx.clock.set(utc(2026, 11, 26, 9, 40, 0));
    tick(&mut lull);
    let changes = present(&mut lull, Presence::Active);
    assert!(!changes.iter().any(|c| matches!(c, Change::Started { .. })), "its window passed: {changes:?}");
}

#[test]
fn away_outside_work_hours_changes_nothing_and_what_was_held_comes_in_the_morning() {
    let fx = Fixture::at(utc(2026, 11, 25, 21, 0, 0)); // Wednesday 22:00 Berlin
    let mut lull = fx.lull();
    tick(&mut lull);
    lull.receive(from("CI", "nightly")).expect("stored");
    let changes = present(&mut lull, Presence::Locked);
    assert!(!changes.iter().any(|c| matches!(c, Change::ModeChanged { .. })), "{changes:?}");
    assert_eq!(lull.status().expect("status").quiet_reason, Some(QuietReason::OffHours));
    fx.clock.advance(mins(30));
    assert_eq!(digests(&present(&mut lull, Presence::Active)), vec![], "back at night: still quiet");
    fx.clock.set(utc(2026, 11, 26, 8, 0, 0));
    let [digest] = digests(&tick(&mut lull)).try_into().expect("the morning's digest");
    assert_eq!((digest.reason, digest.away_secs), (DigestReason::Quiet, None));
}

#[test]
fn with_holding_off_away_changes_no_mode_but_a_block_still_does_not_count_time_locked() {
    let fx = morning();
    let mut lull = lull_with(&fx, AwaySettings { hold: false, ..AwaySettings::default() });
    present(&mut lull, Presence::Locked);
    assert_eq!(lull.status().expect("status").mode, Mode::Open);
    assert_eq!(decision(&mut lull, from("CI", "x")).0, Decision::Delivered);
    present(&mut lull, Presence::Active);
    lull.start_focus(25 * 60, None).expect("started");
    present(&mut lull, Presence::Locked);
    fx.clock.advance(mins(4));
    present(&mut lull, Presence::Active);
    assert_eq!(lull.running_block().expect("read").expect("running").away_secs, 4 * 60);
}

#[test]
fn before_the_first_run_is_finished_away_holds_nothing() {
    let fx = morning();
    let mut lull = fx.lull();
    lull.begin_first_run().expect("first run");
    present(&mut lull, Presence::Locked);
    assert_eq!(lull.status().expect("status").mode, Mode::Open);
    assert_eq!(decision(&mut lull, from("CI", "x")).0, Decision::Delivered);
}

#[test]
fn idle_minutes_out_of_range_are_refused_with_the_field_named() {
    let fx = morning();
    let mut lull = fx.lull();
    for minutes in [0, 241] {
        let away = AwaySettings { idle_minutes: Some(minutes), ..AwaySettings::default() };
        let err = lull.update_settings(Settings { away, ..Settings::default() }).expect_err("refused");
        assert_eq!(err.code, lull_core::ErrorCode::InvalidSettings);
        assert_eq!(err.field.as_deref(), Some("away.idle_minutes"), "{err}");
    }
    let away = AwaySettings { idle_minutes: None, ..AwaySettings::default() };
    lull.update_settings(Settings { away, ..Settings::default() }).expect("idleness may be unwatched");
}

#[derive(Debug, Clone)]
enum Step {
    Report(Presence),
    Message,
    Wait(i64),
    Focus(i64),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        prop::sample::select(vec![Presence::Active, Presence::Idle, Presence::Locked, Presence::Asleep])
            .prop_map(Step::Report),
        Just(Step::Message),
        (1i64..90).prop_map(Step::Wait),
        (5i64..60).prop_map(Step::Focus),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Whatever the desktop reports, in any order, at any hour: no held message is lost or
    /// released twice, and a block's focus never includes its time away.
    #[test]
    fn away_spells_never_lose_or_double_a_held_message_and_blocks_exclude_time_away(
        steps in prop::collection::vec(step(), 1..40),
        pause in any::<bool>(),
    ) {
        let fx = morning();
        let mut lull = lull_with(&fx, AwaySettings { pause_blocks: pause, ..AwaySettings::default() });
        let mut held = 0;
        let mut released = 0;
        let mut all = Vec::new();
        for step in steps {
            match step {
                Step::Report(presence) => {
                    lull.set_presence(presence).expect("taken");
                    all.extend(lull.take_changes());
                }
                Step::Message => {
                    if lull.receive(from("CI", "x")).expect("stored").0.decision == Decision::Held {
                        held += 1;
                    }
                }
                Step::Wait(minutes) => fx.clock.advance(mins(minutes)),
                Step::Focus(minutes) => {
                    let _ = lull.start_focus(minutes * 60, None);
                    all.extend(lull.take_changes());
                }
            }
            all.extend(tick(&mut lull));
        }
        // Back, and the next workday's morning: everything held is out.
        lull.set_presence(Presence::Active).expect("taken");
        all.extend(lull.take_changes());
        all.extend(tick(&mut lull));
        // A week on, at 10:00 in Berlin: a weekday (the steps span at most three days from
        // Wednesday), in work hours.
        let day = fx.clock_now().date_naive() + chrono::TimeDelta::days(7);
        fx.clock.set(day.and_hms_opt(9, 0, 0).expect("a time").and_utc());
        all.extend(tick(&mut lull));
        let _ = lull.stop_focus();
        all.extend(lull.take_changes());
        all.extend(tick(&mut lull));
        for digest in digests(&all) {
            released += digest.count;
        }
        prop_assert_eq!(released, held, "every held message released once");
        let inbox = lull.inbox(&lull_core::request::InboxList::default()).expect("inbox");
        prop_assert!(inbox.messages.iter().all(|m| m.state != MessageState::Held), "none left held");
        for change in &all {
            if let Change::Ended { block, .. } = change {
                let end = block.ended_at.expect("ended");
                let elapsed = (end.min(block.deadline) - block.started_at).num_seconds();
                prop_assert!(block.away_secs >= 0 && block.away_secs <= (end - block.started_at).num_seconds());
                prop_assert_eq!(block.focused_secs(end), (elapsed - block.away_secs).max(0));
            }
        }
    }
}
