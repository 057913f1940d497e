//! What each command changed, seen by driving the core directly: the same changes the engine
//! publishes to the tray, the window and the event stream, because the core authors them.

use lull_core::{Change, ErrorCode, Lull, NewMessage, Settings, SnoozeUntil, Source};

use crate::support::{Fixture, mins, utc};

fn receive(lull: &mut Lull, body: &str) -> i64 {
    lull.receive(NewMessage::new(Source::Api, body)).expect("received").0.id
}

#[test]
fn a_manual_start_extend_and_stop_each_report_their_block_once() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    assert_eq!(lull.take_changes(), vec![], "opening made no command changes");

    let started = lull.start_focus(25 * 60, Some("write")).expect("start");
    assert_eq!(
        lull.take_changes(),
        vec![Change::Started { block: started.clone() }],
        "the start is reported"
    );
    assert_eq!(lull.take_changes(), vec![], "and taken once");

    fx.clock.advance(mins(5));
    let extended = lull.extend_focus(10 * 60).expect("extend");
    assert_eq!(extended.deadline, utc(2026, 11, 25, 9, 35, 0), "ten more minutes");
    let stopped = lull.stop_focus().expect("stop");
    assert_eq!(
        lull.take_changes(),
        vec![Change::Extended { block: extended }, Change::Ended { block: stopped, while_away: false }],
        "in the order they happened, the stop seen ending, not while away"
    );
}

#[test]
fn a_tick_returns_its_own_changes_and_leaves_the_commands_ones_to_take() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let block = lull.start_focus(25 * 60, None).expect("start");
    let ticked = lull.tick().into_result().expect("tick");
    assert!(
        !ticked.iter().any(|c| matches!(c, Change::Started { .. })),
        "the start is not the tick's: {ticked:?}"
    );
    assert_eq!(lull.take_changes(), vec![Change::Started { block }], "it waits in the buffer");
}

#[test]
fn a_command_that_fails_reports_nothing() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let err = lull.stop_focus().expect_err("no block runs");
    assert_eq!(err.code, ErrorCode::NoFocusRunning, "{err:?}");
    let err = lull.done(&[999]).expect_err("no such message");
    assert_eq!(err.code, ErrorCode::UnknownMessage, "{err:?}");
    let bad = Settings { focus_presets: vec![0], ..Settings::default() };
    lull.update_settings(bad).expect_err("a zero-minute preset is refused");
    assert_eq!(lull.take_changes(), vec![], "nothing was committed, so nothing is reported");
}

#[test]
fn triage_reports_the_messages_it_changed_sorted_and_once_each() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let a = receive(&mut lull, "first");
    let b = receive(&mut lull, "second");
    assert_eq!(lull.take_changes(), vec![], "an arrival is the receiver's to publish, not buffered");

    lull.done(&[b, a, b]).expect("done");
    lull.undone(&[a]).expect("undone");
    lull.snooze(&[b, a], SnoozeUntil::Time { at: utc(2026, 11, 25, 12, 0, 0) }).expect("snooze");
    lull.unsnooze(&[a]).expect("unsnooze");
    lull.pin(&[a], Some(utc(2026, 11, 26, 8, 0, 0))).expect("pin");
    lull.unpin(&[a]).expect("unpin");
    assert_eq!(
        lull.take_changes(),
        vec![
            Change::InboxChanged { ids: vec![a, b] },
            Change::InboxChanged { ids: vec![a] },
            Change::InboxChanged { ids: vec![a, b] },
            Change::InboxChanged { ids: vec![a] },
            Change::InboxChanged { ids: vec![a] },
            Change::InboxChanged { ids: vec![a] },
        ],
        "one change per command: done, undone, snooze, unsnooze, pin, unpin"
    );
}

#[test]
fn a_settings_change_reports_the_settings_as_saved() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let settings = Settings { focus_presets: vec![15, 45], ..Settings::default() };
    let saved = lull.update_settings(settings).expect("valid settings");
    assert_eq!(saved.focus_presets, vec![15, 45]);
    assert_eq!(lull.take_changes(), vec![Change::SettingsChanged { settings: saved }], "what listeners get");
}
