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
use lull_core::Mode;

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
    use super::clock;
    use super::fixtures::{now, utc, zone};

    #[test]
    fn times_today_are_hh_mm_and_later_ones_carry_the_day() {
        assert_eq!(clock(utc("2026-11-24T16:30:00Z"), now(), &zone()), "17:30");
        assert_eq!(clock(utc("2026-11-25T08:00:00Z"), now(), &zone()), "Wed 09:00");
        assert_eq!(clock(utc("2026-12-24T08:00:00Z"), now(), &zone()), "2026-12-24 09:00");
        assert_eq!(clock(utc("2026-11-24T23:30:00Z"), now(), &zone()), "Wed 00:30", "in the local zone");
    }
}
