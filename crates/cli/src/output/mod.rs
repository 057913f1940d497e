//! What `lull` prints: sentences for people, one waybar line, inbox rows.
//!
//! Every function takes `now` and the time zone to show times in, so tests pin both; `main`
//! passes the system clock and `chrono::Local`. Times are "HH:MM" when they fall today, with
//! the weekday when within a week, and with the date beyond.
//!
//! Here: the clock and the mode's names every line uses; `status.rs` the sentences about blocks
//! and `lull status`, `sources.rs` the table of `lull sources`, `waybar.rs` the bar's line,
//! `messages.rs` receipts, inbox rows and id lists.

mod messages;
mod sources;
mod status;
mod waybar;

use std::fmt::Display;

use chrono::{DateTime, TimeZone, Utc};
use lull_core::{Mode, ProposedBlock};

pub use messages::{ids, message_row, receipt};
pub use sources::sources;
pub use status::{focus_extended, focus_started, focus_stopped, status};
pub use waybar::waybar;

/// A time zone whose offsets can be printed: `chrono_tz::Tz` in `main`, fixed offsets in tests.
pub trait Zone: TimeZone<Offset: Display> {}

impl<Z: TimeZone<Offset: Display>> Zone for Z {}

/// A time as the user reads it on their clock.
pub fn clock<Z: Zone>(t: DateTime<Utc>, now: DateTime<Utc>, zone: &Z) -> String {
    let (local, today) = (t.with_timezone(zone), now.with_timezone(zone).date_naive());
    let days = (local.date_naive() - today).num_days();
    if days == 0 {
        local.format("%H:%M").to_string()
    } else if (-6..=6).contains(&days) {
        local.format("%a %H:%M").to_string()
    } else {
        local.format("%Y-%m-%d %H:%M").to_string()
    }
}

/// `lull proposals`: one numbered line each, or why there is none.
pub fn proposals<Z: Zone>(proposals: &[ProposedBlock], now: DateTime<Utc>, zone: &Z) -> String {
    if proposals.is_empty() {
        return "Nothing is proposed today (set a daily goal: focus_time.daily_minutes in `lull settings`)."
            .to_owned();
    }
    let lines: Vec<String> = proposals
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let state = if p.accepted { "accepted" } else { "proposed" };
            format!("{:>2}. {}  {state}", i + 1, proposal_span(p, now, zone))
        })
        .collect();
    lines.join("\n")
}

/// "14:05–14:55 (50 min)".
pub fn proposal_span<Z: Zone>(p: &ProposedBlock, now: DateTime<Utc>, zone: &Z) -> String {
    let minutes = (p.end - p.start).num_minutes();
    format!("{}–{} ({minutes} min)", clock(p.start, now, zone), clock(p.end, now, zone))
}

/// The proposal `which` names: its number in the list (from 1) or its start as HH:MM.
pub fn find_proposal<Z: Zone>(proposals: &[ProposedBlock], which: &str, zone: &Z) -> Option<ProposedBlock> {
    if let Ok(n) = which.parse::<usize>() {
        return n.checked_sub(1).and_then(|i| proposals.get(i)).copied();
    }
    let wanted = which.parse::<lull_core::TimeOfDay>().ok()?;
    proposals
        .iter()
        .find(|p| p.start.with_timezone(zone).format("%H:%M").to_string() == wanted.to_string())
        .copied()
}

/// The instant `text` (HH:MM) names on the local day of `now`; `None` for no such time (not
/// HH:MM, or in the hour a change to summer time skips).
pub fn today_at<Z: Zone>(text: &str, now: DateTime<Utc>, zone: &Z) -> Option<DateTime<Utc>> {
    let time = text.parse::<lull_core::TimeOfDay>().ok()?;
    let minutes = u32::from(time.minutes());
    let clock = chrono::NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0)?;
    let day = now.with_timezone(zone).date_naive();
    zone.from_local_datetime(&day.and_time(clock)).earliest().map(|t| t.with_timezone(&Utc))
}

pub fn mode_name(mode: Mode) -> &'static str {
    match mode {
        Mode::Focus => "focus",
        Mode::Open => "open",
        Mode::Quiet => "quiet",
    }
}

#[cfg(test)]
mod fixtures {
    use chrono::{DateTime, FixedOffset, Utc};
    use lull_core::{Decision, FocusBlock, Message, MessageState, Mode, Source, Status, TodaySummary};

    pub(super) fn utc(s: &str) -> DateTime<Utc> {
        s.parse().expect("an RFC 3339 instant")
    }

    /// 10:00 on Tuesday 24 November 2026 at +01:00.
    pub(super) fn now() -> DateTime<Utc> {
        utc("2026-11-24T09:00:00Z")
    }

    pub(super) fn zone() -> FixedOffset {
        FixedOffset::east_opt(3600).expect("a valid offset")
    }

    pub(super) fn block(started: &str, deadline: &str, intent: Option<&str>) -> FocusBlock {
        let (started_at, deadline) = (utc(started), utc(deadline));
        FocusBlock {
            id: 1,
            started_at,
            deadline,
            intent: intent.map(str::to_owned),
            planned_secs: (deadline - started_at).num_seconds(),
            ended_at: None,
            outcome: None,
            schedule_id: None,
            away_secs: 0,
        }
    }

    pub(super) fn status(mode: Mode, block: Option<FocusBlock>, held: i64) -> Status {
        Status {
            mode,
            quiet_reason: (mode == Mode::Quiet).then_some(lull_core::timeline::QuietReason::OffHours),
            meeting: None,
            presenting: None,
            away: None,
            next_change: None,
            block,
            block_breakthroughs: 0,
            held,
            working_late_until: None,
            done_for_today_until: None,
            today: TodaySummary::default(),
            proposals: Vec::new(),
            fault: None,
            first_run: false,
        }
    }

    pub(super) fn message(id: i64) -> Message {
        Message {
            id,
            source: Source::Api,
            source_detail: None,
            sender: Some("CI".to_owned()),
            title: Some("Build failed".to_owned()),
            body: "main is red\nsee the log".to_owned(),
            link: None,
            priority: 3,
            tags: vec![],
            thread: None,
            dedupe_key: None,
            received_at: utc("2026-11-24T09:31:00Z"),
            state: MessageState::Delivered,
            decision: Decision::Delivered,
            block_id: None,
            delivered_at: None,
            released_at: None,
            done_at: None,
            snoozed_until: None,
            pinned: false,
            pin_due: None,
            digest_id: None,
            via: None,
            app: None,
            icon: None,
            actions: vec![],
        }
    }
}

#[cfg(test)]
mod tests {
    use lull_core::ProposedBlock;

    use super::fixtures::{now, utc, zone};
    use super::{clock, find_proposal, proposals, today_at};

    fn two() -> Vec<ProposedBlock> {
        vec![
            ProposedBlock {
                start: utc("2026-11-24T13:05:00Z"),
                end: utc("2026-11-24T13:55:00Z"),
                accepted: false,
            },
            ProposedBlock {
                start: utc("2026-11-24T14:05:00Z"),
                end: utc("2026-11-24T14:35:00Z"),
                accepted: true,
            },
        ]
    }

    #[test]
    fn proposals_are_numbered_lines_and_found_by_number_or_local_start() {
        assert_eq!(
            proposals(&two(), now(), &zone()),
            " 1. 14:05–14:55 (50 min)  proposed\n 2. 15:05–15:35 (30 min)  accepted"
        );
        assert!(proposals(&[], now(), &zone()).starts_with("Nothing is proposed today"));
        assert_eq!(find_proposal(&two(), "2", &zone()), Some(two()[1]));
        assert_eq!(find_proposal(&two(), "14:05", &zone()), Some(two()[0]), "the start on the local clock");
        for none in ["0", "3", "13:05", "noon", ""] {
            assert_eq!(find_proposal(&two(), none, &zone()), None, "{none:?}");
        }
    }

    #[test]
    fn a_new_start_is_that_time_on_the_local_day() {
        assert_eq!(today_at("15:30", now(), &zone()), Some(utc("2026-11-24T14:30:00Z")));
        assert_eq!(
            today_at("00:10", utc("2026-11-24T23:30:00Z"), &zone()),
            Some(utc("2026-11-24T23:10:00Z")),
            "local day"
        );
        assert_eq!(today_at("half past", now(), &zone()), None);
    }

    #[test]
    fn times_today_are_hh_mm_and_later_ones_carry_the_day() {
        assert_eq!(clock(utc("2026-11-24T16:30:00Z"), now(), &zone()), "17:30");
        assert_eq!(clock(utc("2026-11-25T08:00:00Z"), now(), &zone()), "Wed 09:00");
        assert_eq!(clock(utc("2026-12-24T08:00:00Z"), now(), &zone()), "2026-12-24 09:00");
        assert_eq!(clock(utc("2026-11-24T23:30:00Z"), now(), &zone()), "Wed 00:30", "in the local zone");
    }
}
