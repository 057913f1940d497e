//! Calendars end to end: the source against a real Radicale each test starts (see
//! `radicale.rs`), over CalDAV and as an ICS URL, and against ICS files; the engine on a real
//! SQLite file, the password in the fallback secrets file. The profile's clock stands on
//! Wednesday 25 November 2026, 11:00 in Berlin, in the work hours.

use std::sync::Arc;

use lull_core::calendar::{CalendarKind, CalendarSource};
use lull_core::timeline::QuietReason;
use lull_core::{Engine, Mode, Presence, SourceState, SourceStatus, Status};
use lull_secrets::Secret;
use lull_sources::Statuses;
use lull_sources::calendar::Calendars;
use tokio::sync::watch;

use crate::radicale::{PASSWORD, Radicale, USER};
use crate::{Profile, until, until_state};

fn calendar(id: &str, url: &str, kind: CalendarKind, user: Option<&str>) -> CalendarSource {
    CalendarSource {
        id: id.into(),
        url: url.into(),
        kind,
        user: user.map(str::to_owned),
        poll_minutes: 15,
        enabled: true,
    }
}

/// Lull with `calendars` in its settings, `password` stored for them, and the calendar source
/// started.
async fn run(
    profile: &Profile,
    calendars: Vec<CalendarSource>,
    password: Option<&str>,
) -> (Engine, watch::Receiver<SourceStatus>, Statuses) {
    if let Some(password) = password {
        for calendar in &calendars {
            let label = format!("Lull: {}", calendar.secret_name());
            profile
                .secrets()
                .store(&calendar.secret_key(), &label, &Secret::new(password))
                .await
                .expect("the password is stored");
        }
    }
    let statuses = Statuses::default();
    let source = Calendars::new(profile.open_secrets(), Arc::new(profile.clock.clone()), statuses.clone());
    let (engine, status) = profile.start(|s| s.calendars = calendars, Box::new(source)).await;
    (engine, status, statuses)
}

fn vcalendar(body: &str) -> String {
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Lull tests//EN\r\n{body}END:VCALENDAR\r\n")
}

fn vevent(uid: &str, lines: &str) -> String {
    format!("BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261120T080000Z\r\n{lines}END:VEVENT\r\n")
}

/// A meeting on 25 November from `start` to `end` (HHMM), Berlin time.
fn meeting(uid: &str, title: &str, start: &str, end: &str) -> String {
    vcalendar(&vevent(
        uid,
        &format!(
            "SUMMARY:{title}\r\nDTSTART;TZID=Europe/Berlin:20261125T{start}00\r\nDTEND;TZID=Europe/Berlin:20261125T{end}00\r\n"
        ),
    ))
}

/// "Planning until 11:40", as the status says the meeting under way.
fn meeting_now(status: &Status) -> Option<String> {
    status.meeting.as_ref().map(|m| {
        let end = m.end.with_timezone(&chrono_tz::Tz::Europe__Berlin).format("%a %H:%M");
        format!("{} until {end}", m.title)
    })
}

/// Waits until the status says the meeting under way is `expected`.
async fn until_meeting(engine: &Engine, expected: Option<&str>) {
    until(&format!("the meeting under way is {expected:?}"), || async {
        meeting_now(&engine.status()).as_deref() == expected
    })
    .await;
}

/// The machine slept and woke: every calendar is read again at once (as at each poll).
async fn sleep_and_wake(engine: &Engine) {
    engine.set_presence(Presence::Asleep).await.expect("asleep");
    engine.set_presence(Presence::Active).await.expect("awake");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_caldav_calendar_makes_it_quiet_for_its_meetings_and_follows_their_changes() {
    let radicale = Radicale::start();
    radicale.make_calendar("work");
    // A daily meeting excluded today, and a weekly one moved into this hour today.
    let daily = vevent(
        "daily",
        "SUMMARY:Daily\r\nDTSTART;TZID=Europe/Berlin:20261123T104500\r\nDTEND;TZID=Europe/Berlin:20261123T111500\r\n\
         RRULE:FREQ=DAILY\r\nEXDATE;TZID=Europe/Berlin:20261125T104500\r\n",
    );
    radicale.put("work", "daily", &vcalendar(&daily));
    let weekly = |end: &str| {
        vcalendar(
            &(vevent(
                "sync",
                "SUMMARY:Sync\r\nDTSTART;TZID=Europe/Berlin:20261104T080000\r\nDTEND;TZID=Europe/Berlin:20261104T083000\r\n\
             RRULE:FREQ=WEEKLY\r\n",
            ) + &vevent(
                "sync",
                &format!(
                    "SUMMARY:Sync (moved)\r\nRECURRENCE-ID;TZID=Europe/Berlin:20261125T080000\r\n\
                 DTSTART;TZID=Europe/Berlin:20261125T105500\r\nDTEND;TZID=Europe/Berlin:20261125T{end}00\r\n"
                ),
            )),
        )
    };
    radicale.put("work", "sync", &weekly("1125"));

    let profile = Profile::new();
    let work = calendar("work", &radicale.url("work"), CalendarKind::Caldav, Some(USER));
    let (engine, mut status, statuses) = run(&profile, vec![work], Some(PASSWORD)).await;
    until_state(&mut status, SourceState::Running).await;
    let work_status = statuses.snapshot().remove("work").expect("the calendar's status");
    assert_eq!(work_status.detail.as_deref(), Some("3 events"), "the series, its override and the daily one");
    until_meeting(&engine, Some("Sync (moved) until Wed 11:25")).await;
    let now = engine.status();
    assert_eq!((now.mode, now.quiet_reason), (Mode::Quiet, Some(QuietReason::Meeting)));

    // The meeting runs late, and a conference is added for the whole day: read after a sleep.
    radicale.put("work", "sync", &weekly("1140"));
    let conference = vevent(
        "conf",
        "SUMMARY:Conference\r\nTRANSP:OPAQUE\r\nDTSTART;VALUE=DATE:20261125\r\nDTEND;VALUE=DATE:20261126\r\n",
    );
    radicale.put("work", "conf", &vcalendar(&conference));
    sleep_and_wake(&engine).await;
    until_meeting(&engine, Some("Conference until Thu 00:00")).await;
    let folder = radicale.folder();
    assert!(folder.exists(), "the server kept its collections in {}", folder.display());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_calendar_read_as_an_ics_url_and_a_wrong_password_is_refused() {
    let radicale = Radicale::start();
    radicale.make_calendar("team");
    radicale.put("team", "planning", &meeting("planning", "Planning", "1030", "1130"));

    let profile = Profile::new();
    let team = calendar("team", &radicale.url("team"), CalendarKind::Ics, Some(USER));
    let (engine, mut status, _) = run(&profile, vec![team.clone()], Some(PASSWORD)).await;
    until_state(&mut status, SourceState::Running).await;
    until_meeting(&engine, Some("Planning until Wed 11:30")).await;
    drop(engine);

    let profile = Profile::new();
    let (engine, mut status, _) = run(&profile, vec![team], Some("not-the-password")).await;
    let refused = until_state(&mut status, SourceState::Refused).await;
    assert!(refused.detail.as_deref().is_some_and(|d| d.contains("refused the login")), "{refused:?}");
    assert_eq!(engine.status().meeting, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_in_place_of_a_calendar_keeps_the_meetings_read_before_and_says_what_is_wrong() {
    let profile = Profile::new();
    let file = profile.dir.path().join("work.ics");
    std::fs::write(&file, meeting("planning", "Planning", "1030", "1130")).expect("the file");
    let work = calendar("work", &file.display().to_string(), CalendarKind::Ics, None);
    let (engine, mut status, _) = run(&profile, vec![work], None).await;
    until_state(&mut status, SourceState::Running).await;
    until_meeting(&engine, Some("Planning until Wed 11:30")).await;

    for garbage in [&b"<html><body>502 Bad Gateway</body></html>"[..], &[0xff, 0xfe, 0x00, 0x42][..]] {
        std::fs::write(&file, garbage).expect("the file");
        sleep_and_wake(&engine).await;
        let failing = until_state(&mut status, SourceState::Unreachable).await;
        assert!(failing.detail.as_deref().is_some_and(|d| d.contains("not a calendar")), "{failing:?}");
        assert_eq!(
            meeting_now(&engine.status()).as_deref(),
            Some("Planning until Wed 11:30"),
            "the events read before stay in force"
        );
        std::fs::write(&file, meeting("planning", "Planning", "1030", "1130")).expect("the file");
        sleep_and_wake(&engine).await;
        until_state(&mut status, SourceState::Running).await;
    }

    std::fs::remove_file(&file).expect("removed");
    sleep_and_wake(&engine).await;
    let gone = until_state(&mut status, SourceState::Unreachable).await;
    assert!(gone.detail.as_deref().is_some_and(|d| d.contains("cannot read")), "{gone:?}");
}
