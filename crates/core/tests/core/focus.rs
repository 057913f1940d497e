//! Focus blocks through the synchronous core: start, extend, stop, run out, restart, bad input.

use lull_core::block::{MAX_FOCUS_SECS, MAX_INTENT_CHARS};
use lull_core::{Change, ErrorCode, Outcome};

use crate::support::{Fixture, block_changes, mins, secs, utc};

#[test]
fn a_started_block_ends_at_its_deadline_and_is_recorded_as_completed() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let block = lull.start_focus(50 * 60, Some("draft the Q3 report")).expect("the block starts");
    assert_eq!(block.deadline, utc(2026, 11, 25, 9, 50, 0), "deadline = start + duration");
    assert_eq!(block.intent.as_deref(), Some("draft the Q3 report"));
    assert!(block.is_running());

    fx.clock.advance(mins(49));
    assert_eq!(
        block_changes(lull.tick().into_result().expect("tick")),
        vec![],
        "nothing is due a minute before the deadline"
    );

    fx.clock.advance(mins(1));
    let changes = block_changes(lull.tick().into_result().expect("tick"));
    let [Change::Ended { block: ended, while_away: false }] = changes.as_slice() else {
        panic!("expected exactly one Ended change, got {changes:?}");
    };
    assert_eq!(ended.outcome, Some(Outcome::Completed));
    assert_eq!(ended.ended_at, Some(block.deadline), "completed at its deadline");
    assert_eq!(lull.running_block().expect("read"), None, "no block runs afterwards");
    assert_eq!(
        block_changes(lull.tick().into_result().expect("tick")),
        vec![],
        "a second tick changes nothing"
    );
}

#[test]
fn a_block_noticed_late_after_a_suspend_is_completed_at_its_deadline_not_when_noticed() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let block = lull.start_focus(25 * 60, None).expect("the block starts");
    fx.clock.advance(chrono::TimeDelta::hours(3)); // the lid was closed
    let changes = block_changes(lull.tick().into_result().expect("tick"));
    let [Change::Ended { block: ended, .. }] = changes.as_slice() else { panic!("one end: {changes:?}") };
    assert_eq!(ended.ended_at, Some(block.deadline));
    assert_eq!(ended.focused_secs(fx.clock_now()), 25 * 60, "focus time counts up to the deadline only");
}

#[test]
fn extending_moves_the_deadline_and_the_planned_length() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let block = lull.start_focus(25 * 60, None).expect("start");
    fx.clock.advance(mins(20));
    let extended = lull.extend_focus(10 * 60).expect("extend");
    assert_eq!(extended.id, block.id);
    assert_eq!(extended.deadline, block.deadline + mins(10));
    assert_eq!(extended.planned_secs, 35 * 60);
    fx.clock.advance(mins(6));
    assert_eq!(
        block_changes(lull.tick().into_result().expect("tick")),
        vec![],
        "the old deadline has no effect any more"
    );
}

#[test]
fn stopping_early_records_the_block_as_cancelled_now() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    lull.start_focus(90 * 60, Some("read")).expect("start");
    fx.clock.advance(mins(12));
    let stopped = lull.stop_focus().expect("stop");
    assert_eq!(stopped.outcome, Some(Outcome::Cancelled));
    assert_eq!(stopped.ended_at, Some(utc(2026, 11, 25, 9, 12, 0)));
    assert_eq!(lull.running_block().expect("read"), None);
    assert!(lull.start_focus(60, None).is_ok(), "a new block can start after a stop");
}

#[test]
fn only_one_block_runs_at_a_time() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let first = lull.start_focus(25 * 60, None).expect("start");
    let err = lull.start_focus(50 * 60, Some("second")).expect_err("a second block is refused");
    assert_eq!(err.code, ErrorCode::FocusAlreadyRunning);
    assert!(err.message.contains("10:25"), "the message names the local end time: {}", err.message);
    assert_eq!(lull.running_block().expect("read"), Some(first), "the running block is unchanged");
}

#[test]
fn bad_durations_are_refused_with_a_code_and_nothing_changes() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    for (secs, code) in [
        (0, ErrorCode::InvalidDuration),
        (-60, ErrorCode::InvalidDuration),
        (i64::MIN, ErrorCode::InvalidDuration),
        (MAX_FOCUS_SECS + 1, ErrorCode::DurationTooLong),
        (i64::MAX, ErrorCode::DurationTooLong),
    ] {
        let err = lull.start_focus(secs, None).expect_err("refused");
        assert_eq!(err.code, code, "start_focus({secs})");
    }
    assert_eq!(lull.status().expect("status").today.blocks, vec![], "nothing was stored");
    assert!(lull.start_focus(MAX_FOCUS_SECS, None).is_ok(), "exactly 12 hours is allowed");
}

#[test]
fn bad_extensions_are_refused_and_the_block_is_unchanged() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let block = lull.start_focus(11 * 3600, None).expect("start");
    for (secs, code) in [
        (0, ErrorCode::InvalidDuration),
        (-300, ErrorCode::InvalidDuration),
        (3600 + 1, ErrorCode::DurationTooLong),
        (i64::MAX, ErrorCode::DurationTooLong),
    ] {
        let err = lull.extend_focus(secs).expect_err("refused");
        assert_eq!(err.code, code, "extend_focus({secs})");
    }
    assert_eq!(lull.running_block().expect("read"), Some(block), "the block is unchanged");
}

#[test]
fn an_intent_over_500_characters_is_refused_and_one_of_500_is_kept_whole() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let too_long = "é".repeat(MAX_INTENT_CHARS + 1);
    let err = lull.start_focus(60, Some(&too_long)).expect_err("refused");
    assert_eq!(err.code, ErrorCode::IntentTooLong);
    assert_eq!(lull.running_block().expect("read"), None, "no block was started");

    let exact = "é".repeat(MAX_INTENT_CHARS); // 1000 bytes, 500 characters
    let block = lull.start_focus(60, Some(&exact)).expect("500 characters are fine");
    assert_eq!(block.intent.as_deref(), Some(exact.as_str()));
}

#[test]
fn a_blank_intent_is_no_intent() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let block = lull.start_focus(60, Some("   \n ")).expect("start");
    assert_eq!(block.intent, None);
}

#[test]
fn stop_and_extend_with_no_block_running_are_refused() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    assert_eq!(lull.stop_focus().expect_err("refused").code, ErrorCode::NoFocusRunning);
    assert_eq!(lull.extend_focus(600).expect_err("refused").code, ErrorCode::NoFocusRunning);
    assert_eq!(lull.status().expect("status").today.blocks, vec![], "nothing was stored");
}

#[test]
fn after_a_restart_a_block_whose_deadline_is_ahead_resumes_with_the_same_deadline() {
    let fx = Fixture::new();
    let block = {
        let mut lull = fx.lull();
        lull.start_focus(50 * 60, Some("write")).expect("start")
    }; // the process dies here
    fx.clock.advance(mins(10));
    let (lull, changes) = fx.open();
    let changes = block_changes(changes);
    assert_eq!(changes, vec![], "nothing happened while away");
    assert_eq!(lull.running_block().expect("read"), Some(block), "same block, same deadline");
}

#[test]
fn after_a_restart_a_block_whose_deadline_passed_is_completed_at_its_deadline() {
    let fx = Fixture::new();
    let block = fx.lull().start_focus(25 * 60, None).expect("start");
    fx.clock.advance(chrono::TimeDelta::hours(5));
    let (lull, changes) = fx.open();
    let changes = block_changes(changes);
    let [Change::Ended { block: ended, while_away: true }] = changes.as_slice() else {
        panic!("one Ended change marked while_away: {changes:?}");
    };
    assert_eq!(ended.id, block.id);
    assert_eq!(ended.ended_at, Some(block.deadline));
    assert_eq!(ended.outcome, Some(Outcome::Completed));
    assert_eq!(lull.running_block().expect("read"), None);
    let again = block_changes(fx.open().1);
    assert_eq!(again, vec![], "it is recorded once, not at every start");
}

#[test]
fn today_counts_focus_time_and_completed_blocks_in_the_local_day() {
    // 22:30 UTC on the 24th is 23:30 in Berlin: yesterday, local time.
    let fx = Fixture::at(utc(2026, 11, 24, 22, 30, 0));
    let mut lull = fx.lull();
    lull.start_focus(20 * 60, None).expect("start");
    fx.clock.advance(mins(20));
    block_changes(lull.tick().into_result().expect("tick"));

    fx.clock.set(utc(2026, 11, 25, 8, 0, 0)); // 09:00 in Berlin
    lull.start_focus(25 * 60, Some("one")).expect("start");
    fx.clock.advance(mins(25));
    block_changes(lull.tick().into_result().expect("tick"));
    lull.start_focus(50 * 60, Some("two")).expect("start");
    fx.clock.advance(mins(10));
    lull.stop_focus().expect("stop");
    lull.start_focus(30 * 60, Some("three")).expect("start");
    fx.clock.advance(secs(90));

    let today = lull.status().expect("status").today;
    let intents: Vec<_> = today.blocks.iter().map(|b| b.intent.as_deref()).collect();
    assert_eq!(intents, [Some("three"), Some("two"), Some("one")], "today's blocks, newest first");
    assert_eq!(today.blocks_completed, 1);
    assert_eq!(today.focus_secs, 25 * 60 + 10 * 60 + 90, "completed + stopped + running so far");
}

#[test]
fn an_intent_with_control_characters_is_refused_so_no_hook_fails_to_start_on_it() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    for intent in ["write\0the report", "line one\nline two", "\u{1b}[31mred", "tab\there"] {
        let err = lull.start_focus(60, Some(intent)).expect_err("refused");
        assert_eq!(err.code, ErrorCode::InvalidIntent, "{intent:?}");
    }
    assert_eq!(lull.running_block().expect("read"), None, "no block was started");
    let kept = lull.start_focus(60, Some("  write the report — ü  ")).expect("plain text is fine");
    assert_eq!(kept.intent.as_deref(), Some("write the report — ü"), "trimmed, otherwise kept");
}
