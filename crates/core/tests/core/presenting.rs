//! Presenting: the screen on show (a fullscreen window has the focus, or the screen is shared)
//! as the screen sources report it, and what it does to held messages. The clock is moved by
//! hand; nothing sleeps.

use lull_core::timeline::QuietReason;
use lull_core::{
    Change, Decision, DigestReason, Lull, Mode, NewMessage, Presence, Screen, ScreenSettings, Settings,
    Source,
};

use crate::support::{Fixture, digests, from, mins, tick, utc};

/// Wednesday 10:00 in Berlin: inside the default work hours (09:00–12:00, 13:00–17:30).
fn morning() -> Fixture {
    Fixture::at(utc(2026, 11, 25, 9, 0, 0))
}

fn lull_with(fx: &Fixture, screens: ScreenSettings) -> Lull {
    let mut lull = fx.lull();
    lull.update_settings(Settings { screens, ..Settings::default() }).expect("valid settings");
    tick(&mut lull);
    assert_eq!(lull.status().expect("status").mode, Mode::Open, "the test starts in work hours");
    lull
}

fn show(lull: &mut Lull, screen: Screen) -> Vec<Change> {
    lull.set_screen(screen);
    let mut changes = lull.take_changes();
    changes.extend(tick(lull));
    changes
}

fn urgent(body: &str) -> NewMessage {
    NewMessage { priority: Some(5), ..NewMessage::new(Source::Api, body) }
}

#[test]
fn a_fullscreen_window_in_work_hours_holds_messages_and_its_end_releases_one_digest() {
    let fx = morning();
    let mut lull = lull_with(&fx, ScreenSettings::default());
    let changes = show(&mut lull, Screen::Fullscreen);
    assert!(changes.contains(&Change::ModeChanged { from: Mode::Open, to: Mode::Quiet }), "{changes:?}");
    let status = lull.status().expect("status");
    assert_eq!(status.quiet_reason, Some(QuietReason::Presenting));
    let on_show = status.presenting.expect("the status says presenting");
    assert_eq!((on_show.screen, on_show.since), (Screen::Fullscreen, fx.clock_now()));

    fx.clock.advance(mins(5));
    let (receipt, _) = lull.receive(from("CI", "build failed")).expect("stored");
    assert_eq!((receipt.decision, receipt.release_at), (Decision::Held, None), "nobody knows until when");
    let (receipt, _) = lull.receive(urgent("prod is down")).expect("stored");
    assert_eq!(receipt.decision, Decision::BrokeThrough, "what breaks through a block still does");

    // Sharing the screen after the fullscreen window is one stretch, from its start.
    fx.clock.advance(mins(5));
    show(&mut lull, Screen::Shared);
    let on_show = lull.status().expect("status").presenting.expect("presenting");
    assert_eq!((on_show.screen, on_show.since), (Screen::Shared, fx.clock_now() - mins(10)));

    fx.clock.advance(mins(20));
    let changes = show(&mut lull, Screen::Private);
    let [digest] = digests(&changes).try_into().expect("exactly one digest when it ends");
    assert_eq!(digest.reason, DigestReason::Presenting);
    assert_eq!(digest.count, 1);
    assert!(digest.text.starts_with("1 held while you were presenting: 1 from CI"), "{}", digest.text);
    let status = lull.status().expect("status");
    assert_eq!((status.mode, status.quiet_reason, status.presenting), (Mode::Open, None, None));
    assert_eq!(digests(&show(&mut lull, Screen::Private)), vec![], "a repeated report is nothing");
}

#[test]
fn presenting_changes_nothing_when_switched_off_outside_work_hours_or_in_the_first_run() {
    let fx = morning();
    let mut lull = lull_with(&fx, ScreenSettings { quiet: false });
    show(&mut lull, Screen::Fullscreen);
    let status = lull.status().expect("status");
    assert_eq!(status.mode, Mode::Open, "switched off");
    assert!(status.presenting.is_some(), "the status still says what the desktop said");

    // 20:00 in Berlin: Quiet for the hours, and it stays so when the window leaves.
    let fx = Fixture::at(utc(2026, 11, 25, 19, 0, 0));
    let mut lull = fx.lull();
    lull.update_settings(Settings::default()).expect("valid");
    tick(&mut lull);
    show(&mut lull, Screen::Fullscreen);
    assert_eq!(lull.status().expect("status").quiet_reason, Some(QuietReason::OffHours));
    lull.receive(from("CI", "nightly")).expect("stored");
    assert_eq!(digests(&show(&mut lull, Screen::Private)), vec![], "held for the morning");

    let fx = morning();
    let mut lull = fx.lull();
    lull.begin_first_run().expect("begun");
    show(&mut lull, Screen::Fullscreen);
    assert_eq!(lull.status().expect("status").mode, Mode::Open, "the first run holds nothing");
}

#[test]
fn a_meeting_says_why_first_and_away_second_and_a_block_ending_while_presenting_waits_for_its_end() {
    let fx = morning();
    let mut lull = lull_with(&fx, ScreenSettings::default());
    show(&mut lull, Screen::Fullscreen);
    lull.set_presence(Presence::Idle).expect("taken");
    tick(&mut lull);
    assert_eq!(
        lull.status().expect("status").quiet_reason,
        Some(QuietReason::Presenting),
        "someone talking over slides is idle, but at the machine"
    );
    lull.set_presence(Presence::Active).expect("taken");
    show(&mut lull, Screen::Private);

    lull.start_focus(25 * 60, None).expect("started");
    lull.receive(from("CI", "held in the block")).expect("stored");
    show(&mut lull, Screen::Shared);
    fx.clock.advance(mins(26));
    let changes = tick(&mut lull);
    assert_eq!(digests(&changes), vec![], "the block's end shows nothing while the screen is shared");
    assert_eq!(lull.status().expect("status").quiet_reason, Some(QuietReason::Presenting));
    let [digest] = digests(&show(&mut lull, Screen::Private)).try_into().expect("one digest after");
    assert_eq!((digest.reason, digest.count), (DigestReason::Presenting, 1));
}
