//! The first run: a profile an app has just created holds nothing by the clock until the user
//! has finished (or skipped) the first-run flow; an existing one is never taken back to it.

use lull_core::settings::{Day, ScheduledBlock};
use lull_core::{Change, Decision, Mode, Settings};

use crate::support::{Fixture, from, tick, utc};

/// Wednesday 23:00 in Berlin: Quiet by the default work hours.
fn at_night() -> Fixture {
    Fixture::at(utc(2026, 11, 25, 22, 0, 0))
}

#[test]
fn before_the_first_run_is_finished_the_clock_holds_nothing_and_scheduled_blocks_wait() {
    let fx = at_night();
    let mut lull = fx.lull();
    lull.begin_first_run().expect("begun");
    let night = ScheduledBlock {
        id: 0,
        days: vec![Day::Wednesday, Day::Thursday],
        start: "23:00".parse().expect("t"),
        end: "23:59".parse().expect("t"),
        intent: None,
    };
    lull.update_settings(Settings { schedule: vec![night], ..lull.settings().clone() }).expect("saved");
    tick(&mut lull);

    let status = lull.status().expect("status");
    assert!(status.first_run, "the status says so, for the followers and the window");
    assert_eq!(status.mode, Mode::Open, "23:00 is outside the work hours, but no Quiet before the first run");
    assert_eq!(status.block, None, "the scheduled 23:00 block waits too");
    let received = lull.receive(from("Slack", "are you there?")).expect("stored");
    assert_eq!(received.0.decision, Decision::Delivered, "nothing is held by the clock");

    let block = lull.start_focus(600, Some("a block of my own")).expect("a block the user starts still runs");
    let held = lull.receive(from("CI", "build red")).expect("stored");
    assert_eq!(held.0.decision, Decision::Held, "and holds, as the user asked for it");
    assert!(block.is_running());
}

#[test]
fn finishing_the_first_run_brings_in_the_work_hours_and_is_said_once() {
    let fx = at_night();
    let mut lull = fx.lull();
    lull.begin_first_run().expect("begun");
    tick(&mut lull);
    lull.take_changes();
    assert_eq!(lull.mode().expect("mode"), Mode::Open);

    lull.finish_first_run().expect("finished");
    let changes = lull.take_changes();
    assert_eq!(
        changes,
        vec![Change::SettingsChanged { settings: lull.settings().clone() }],
        "the settings in force changed: capture and do-not-disturb follow them now"
    );
    assert!(
        tick(&mut lull).contains(&Change::ModeChanged { from: Mode::Open, to: Mode::Quiet }),
        "night is Quiet now"
    );
    assert!(!lull.status().expect("status").first_run);

    lull.finish_first_run().expect("again");
    assert_eq!(lull.take_changes(), vec![], "finishing twice changes nothing");
    drop(lull);
    assert!(!fx.lull().first_run(), "finished for good: a restart keeps it");
}

#[test]
fn a_first_run_survives_a_restart_and_an_existing_profile_never_has_one() {
    let fx = at_night();
    let mut lull = fx.lull();
    assert!(!lull.first_run(), "a database opened without begin_first_run (an upgrade, an import) is set up");
    assert_eq!(lull.mode().expect("mode"), Mode::Quiet);
    lull.begin_first_run().expect("begun");
    drop(lull);
    let lull = fx.lull();
    assert!(lull.first_run(), "a restart in the middle of the first run is still in it");
    assert_eq!(lull.mode().expect("mode"), Mode::Open);
}
