//! Meetings: calendar events read from iCalendar text (recurrences, exceptions, overrides, whole
//! days, zones with daylight saving inside the series) and what they do to the mode, held
//! messages and booked focus. The clock is moved by hand; nothing sleeps.

use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use lull_core::calendar::{self, CalendarKind, CalendarSource, MeetingSettings, expand};
use lull_core::timeline::QuietReason;
use lull_core::{Change, Decision, DigestReason, Lull, Mode, NewMessage, Outcome, Settings, Source};

use crate::support::{Fixture, block_changes, digests, from, mins, tick, utc};

/// Wednesday 25 November 2026, 10:00 in Berlin: in the default work hours (09:00–12:00).
fn morning() -> Fixture {
    Fixture::at(utc(2026, 11, 25, 9, 0, 0))
}

fn work_calendar() -> CalendarSource {
    CalendarSource {
        id: "work".into(),
        url: "/home/me/work.ics".into(),
        kind: CalendarKind::Ics,
        user: None,
        poll_minutes: 15,
        enabled: true,
    }
}

fn with_calendar(settings: Settings) -> Settings {
    Settings { calendars: vec![work_calendar()], ..settings }
}

/// A Lull with one calendar holding `events` (the body of a VCALENDAR).
fn lull_with(fx: &Fixture, events: &str) -> Lull {
    let mut lull = fx.lull();
    lull.update_settings(with_calendar(Settings::default())).expect("valid settings");
    read(&mut lull, events);
    lull
}

/// The calendar's source read `events` again.
fn read(lull: &mut Lull, events: &str) {
    let parsed = calendar::parse(&ics(events)).expect("a calendar");
    lull.set_calendar("work", parsed.events).expect("the calendar is in the settings");
}

fn ics(events: &str) -> String {
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{events}END:VCALENDAR\r\n")
}

fn event(uid: &str, lines: &str) -> String {
    format!("BEGIN:VEVENT\r\nUID:{uid}\r\n{lines}END:VEVENT\r\n")
}

/// A meeting today (25 November) from `start` to `end`, Berlin time.
fn meeting_today(title: &str, start: &str, end: &str) -> String {
    event(
        title,
        &format!(
            "SUMMARY:{title}\r\nDTSTART;TZID=Europe/Berlin:20261125T{start}00\r\nDTEND;TZID=Europe/Berlin:20261125T{end}00\r\n"
        ),
    )
}

fn berlin(t: DateTime<Utc>) -> String {
    t.with_timezone(&Tz::Europe__Berlin).format("%a %d %H:%M").to_string()
}

fn starts(text: &str, from: DateTime<Utc>, to: DateTime<Utc>, zone: Tz) -> Vec<String> {
    let parsed = calendar::parse(&ics(text)).expect("a calendar");
    expand::occurrences(&parsed.events, from, to, zone)
        .iter()
        .map(|o| format!("{} {}", berlin(o.start), o.event.title))
        .collect()
}

#[test]
fn a_weekly_meeting_stays_at_its_local_time_across_the_change_to_winter_time() {
    // Berlin leaves summer time on Sunday 25 October 2026.
    let weekly = event(
        "standup",
        "SUMMARY:Standup\r\nDTSTART;TZID=Europe/Berlin:20261014T100000\r\nDURATION:PT15M\r\nRRULE:FREQ=WEEKLY;UNTIL=20261104T090000Z\r\n",
    );
    let found = starts(&weekly, utc(2026, 10, 1, 0, 0, 0), utc(2026, 12, 1, 0, 0, 0), Tz::Europe__Berlin);
    assert_eq!(
        found,
        ["Wed 14 10:00 Standup", "Wed 21 10:00 Standup", "Wed 28 10:00 Standup", "Wed 04 10:00 Standup"],
        "10:00 in summer and in winter time, and UNTIL (a UTC time) ends the series"
    );
}

#[test]
fn a_meeting_in_new_york_moves_in_berlin_in_the_week_the_two_changes_differ() {
    // New York leaves summer time on 1 November, a week after Berlin: that week its 09:00 is 14:00
    // in Berlin, else 15:00.
    let weekly = event(
        "sync",
        "SUMMARY:Sync\r\nDTSTART;TZID=America/New_York:20261021T090000\r\nDTEND;TZID=America/New_York:20261021T093000\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\n",
    );
    let found = starts(&weekly, utc(2026, 10, 1, 0, 0, 0), utc(2026, 12, 1, 0, 0, 0), Tz::Europe__Berlin);
    assert_eq!(found, ["Wed 21 15:00 Sync", "Wed 28 14:00 Sync", "Wed 04 15:00 Sync"]);
}

#[test]
fn an_exdate_removes_an_occurrence_and_an_override_moves_one() {
    let series = event(
        "review",
        "SUMMARY:Review\r\nDTSTART;TZID=Europe/Berlin:20261123T140000\r\nDTEND;TZID=Europe/Berlin:20261123T150000\r\n\
         RRULE:FREQ=DAILY;COUNT=5\r\nEXDATE;TZID=Europe/Berlin:20261124T140000\r\n",
    ) + &event(
        "review",
        "SUMMARY:Review (moved)\r\nRECURRENCE-ID;TZID=Europe/Berlin:20261126T140000\r\n\
         DTSTART;TZID=Europe/Berlin:20261126T160000\r\nDTEND;TZID=Europe/Berlin:20261126T163000\r\n",
    ) + &event(
        "review",
        "SUMMARY:Review\r\nRECURRENCE-ID;TZID=Europe/Berlin:20261127T140000\r\nSTATUS:CANCELLED\r\n\
         DTSTART;TZID=Europe/Berlin:20261127T140000\r\nDTEND;TZID=Europe/Berlin:20261127T150000\r\n",
    );
    let found = starts(&series, utc(2026, 11, 23, 0, 0, 0), utc(2026, 11, 30, 0, 0, 0), Tz::Europe__Berlin);
    assert_eq!(
        found,
        ["Mon 23 14:00 Review", "Wed 25 14:00 Review", "Thu 26 16:00 Review (moved)", "Fri 27 14:00 Review"],
        "Tuesday's is excluded, Thursday's moved; Friday's is an override (cancelled: the mode skips it)"
    );
}

#[test]
fn a_busy_event_makes_it_quiet_for_the_meeting_and_its_end_releases_one_meeting_digest() {
    let fx = morning();
    let mut lull = lull_with(&fx, &meeting_today("Planning", "1030", "1115"));
    assert_eq!(lull.status().expect("status").mode, Mode::Open, "before the meeting");
    let next = lull.status().expect("status").next_change.expect("a change ahead");
    assert_eq!((next.at, next.mode), (utc(2026, 11, 25, 9, 30, 0), Mode::Quiet), "it is announced");

    fx.clock.advance(mins(30));
    let changes = tick(&mut lull);
    assert!(changes.contains(&Change::ModeChanged { from: Mode::Open, to: Mode::Quiet }), "{changes:?}");
    let status = lull.status().expect("status");
    assert_eq!(status.quiet_reason, Some(QuietReason::Meeting));
    let meeting = status.meeting.expect("the status names the meeting");
    assert_eq!((meeting.title.as_str(), berlin(meeting.end)), ("Planning", "Wed 25 11:15".to_owned()));

    let (held, _) = lull.receive(from("CI", "build failed")).expect("stored");
    assert_eq!(held.decision, Decision::Held);
    assert_eq!(
        held.release_at,
        Some(utc(2026, 11, 25, 10, 15, 0)),
        "the sender is told: at the meeting's end"
    );
    let urgent = NewMessage { priority: Some(5), ..NewMessage::new(Source::Api, "prod is down") };
    assert_eq!(lull.receive(urgent).expect("stored").0.decision, Decision::BrokeThrough, "as in a block");

    fx.clock.advance(mins(45));
    let changes = tick(&mut lull);
    let [digest] = digests(&changes).try_into().expect("exactly one digest when the meeting ends");
    assert_eq!((digest.reason, digest.count), (DigestReason::Meeting, 1));
    assert!(digest.text.starts_with("1 held during your meeting"), "{}", digest.text);
    assert_eq!(lull.status().expect("status").meeting, None);
    assert_eq!(digests(&tick(&mut lull)), vec![], "released once");
}

#[test]
fn the_meetings_are_kept_across_a_restart_without_reading_the_calendar_again() {
    let fx = morning();
    drop(lull_with(&fx, &meeting_today("Planning", "1000", "1100")));
    let (lull, _) = fx.open();
    let status = lull.status().expect("status");
    assert_eq!((status.mode, status.quiet_reason), (Mode::Quiet, Some(QuietReason::Meeting)));
}

#[test]
fn free_declined_cancelled_and_whole_day_events_are_no_meetings() {
    let fx = morning();
    let events = [
        meeting_today("Busy", "1300", "1400").replace("SUMMARY:Busy", "SUMMARY:Free\r\nTRANSP:TRANSPARENT"),
        meeting_today("Declined", "1000", "1100")
            .replace("SUMMARY:", "ATTENDEE;PARTSTAT=DECLINED:mailto:Me@Example.org\r\nSUMMARY:"),
        meeting_today("Cancelled", "1000", "1100").replace("SUMMARY:", "STATUS:CANCELLED\r\nSUMMARY:"),
        event("birthday", "SUMMARY:Birthday\r\nDTSTART;VALUE=DATE:20261125\r\n"),
    ]
    .concat();
    let mut lull = fx.lull();
    let meetings = MeetingSettings { addresses: vec!["me@example.org".into()], ..MeetingSettings::default() };
    lull.update_settings(with_calendar(Settings { meetings, ..Settings::default() })).expect("valid");
    read(&mut lull, &events);
    assert_eq!(lull.status().expect("status").mode, Mode::Open);
    fx.clock.advance(mins(3 * 60 + 30));
    assert_eq!(lull.status().expect("status").mode, Mode::Open, "a free event is no meeting");

    // A whole day that says it is busy (a conference) is quiet all day.
    read(&mut lull, &event("conf", "SUMMARY:Conference\r\nTRANSP:OPAQUE\r\nDTSTART;VALUE=DATE:20261125\r\n"));
    let status = lull.status().expect("status");
    assert_eq!(status.quiet_reason, Some(QuietReason::Meeting));
    assert_eq!(status.meeting.map(|m| berlin(m.end)), Some("Thu 26 00:00".to_owned()));
}

#[test]
fn a_meeting_outside_work_hours_leaves_it_quiet_for_the_hours_and_meetings_can_be_switched_off() {
    let fx = Fixture::at(utc(2026, 11, 25, 18, 0, 0)); // 19:00 in Berlin
    let lull = lull_with(&fx, &meeting_today("Dinner talk", "1900", "2000"));
    let status = lull.status().expect("status");
    assert_eq!((status.mode, status.quiet_reason), (Mode::Quiet, Some(QuietReason::OffHours)));

    let fx = morning();
    let mut lull = lull_with(&fx, &meeting_today("Planning", "1000", "1100"));
    assert_eq!(lull.status().expect("status").quiet_reason, Some(QuietReason::Meeting));
    let meetings = MeetingSettings { quiet: false, ..MeetingSettings::default() };
    lull.update_settings(with_calendar(Settings { meetings, ..Settings::default() })).expect("valid");
    let status = lull.status().expect("status");
    assert_eq!((status.mode, status.meeting), (Mode::Open, None), "meetings do not quiet when switched off");
}

#[test]
fn a_removed_calendar_takes_its_meetings_with_it_and_cannot_be_read_into() {
    let fx = morning();
    let mut lull = lull_with(&fx, &meeting_today("Planning", "1000", "1100"));
    lull.update_settings(Settings::default()).expect("valid");
    assert_eq!(lull.status().expect("status").mode, Mode::Open);
    let err = lull.set_calendar("work", Vec::new()).expect_err("no such calendar");
    assert_eq!(err.code, lull_core::ErrorCode::InvalidRequest);
    // Nor does it come back with the calendar's return before it is read again.
    lull.update_settings(with_calendar(Settings::default())).expect("valid");
    assert_eq!(lull.status().expect("status").mode, Mode::Open);
    let (lull, _) = fx.open();
    assert_eq!(lull.calendar_event_count("work"), None, "nor after a restart");
}

#[test]
fn an_event_with_the_focus_marker_starts_a_block_with_its_title_as_intent_once() {
    let fx = morning();
    let booked = meeting_today("Write the report #focus", "1030", "1130");
    let mut lull = lull_with(&fx, &booked);
    assert_eq!(lull.status().expect("status").mode, Mode::Open, "it is no meeting");
    fx.clock.advance(mins(30));
    let started = block_changes(tick(&mut lull));
    let [Change::Started { block }] = started.as_slice() else { panic!("one block starts: {started:?}") };
    assert_eq!(block.intent.as_deref(), Some("Write the report"));
    assert_eq!(block.deadline, utc(2026, 11, 25, 10, 30, 0), "it ends with the event");

    fx.clock.advance(mins(10));
    lull.stop_focus().expect("stopped early");
    let stopped = lull.status().expect("status");
    assert_eq!(stopped.today.blocks[0].outcome, Some(Outcome::Cancelled));
    fx.clock.advance(TimeDelta::seconds(5));
    assert_eq!(block_changes(tick(&mut lull)), vec![], "a booked block stopped early does not come back");
    read(&mut lull, &booked);
    assert_eq!(block_changes(tick(&mut lull)), vec![], "nor when the calendar is read again");
}
