//! The three modes and how they follow from the clock, the schedule and the user's actions.
//!
//! [`Timeline`] is a pure description of everything that decides the mode (the running block,
//! overrides, work hours, upcoming scheduled blocks). The mode at any instant and the next
//! change are both computed from it, so what the tray shows, what a held message's sender is
//! told and when the engine wakes up all agree.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::presence::Presence;
use crate::work_hours::{Interval, WorkHours};

/// How many candidate instants the search for the next change looks at before giving up.
const MAX_CANDIDATES: usize = 256;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Mode {
    /// A focus block runs: messages are held unless a rule lets them through.
    Focus,
    /// Work hours, no block: messages are delivered (at once, or in batches).
    Open,
    /// Outside work hours, a day off, done for today, in a meeting, presenting, or away: messages
    /// are held.
    Quiet,
}

/// Why it is Quiet, as the tray and the window say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum QuietReason {
    /// Outside the work hours, or a day off.
    OffHours,
    /// "Done for today".
    DoneForToday,
    /// In work hours, but the user is away (locked, idle, asleep): released on return.
    Away,
    /// In work hours, in a meeting (a busy calendar event): released when it ends.
    Meeting,
    /// In work hours, the screen is on show (a fullscreen window, shared): released when it is
    /// private again.
    Presenting,
}

/// The next change of mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ModeChange {
    pub at: DateTime<Utc>,
    pub mode: Mode,
}

/// Everything the mode depends on.
#[derive(Debug, Clone)]
pub struct Timeline<'a> {
    pub zone: Tz,
    pub hours: &'a WorkHours,
    /// The running block's deadline.
    pub block_until: Option<DateTime<Utc>>,
    pub working_late_until: Option<DateTime<Utc>>,
    pub done_for_today_until: Option<DateTime<Utc>>,
    /// Scheduled block occurrences that will start by themselves (not skipped, not yet run),
    /// the focus time booked in a calendar among them.
    pub scheduled: Vec<Interval>,
    /// Meetings (busy calendar events) that have not ended: Quiet while one is under way in
    /// work hours.
    pub meetings: Vec<Interval>,
    /// How the user is away now, if they are and being away holds messages. Nobody knows when
    /// they come back, so it lasts for every instant looked at: the mode changes on return, by
    /// a command, not by the clock.
    pub away: Option<Presence>,
    /// The screen is on show and that holds messages. Like away, it lasts for every instant
    /// looked at.
    pub presenting: bool,
    /// The running block is paused (the screen is locked): it does not end by its deadline.
    pub block_paused: bool,
}

impl Timeline<'_> {
    pub fn mode_at(&self, t: DateTime<Utc>) -> Mode {
        self.state_at(t).0
    }

    /// Why it is Quiet at `t`, if it is.
    pub fn quiet_reason_at(&self, t: DateTime<Utc>) -> Option<QuietReason> {
        self.state_at(t).1
    }

    fn state_at(&self, t: DateTime<Utc>) -> (Mode, Option<QuietReason>) {
        let before = |until: Option<DateTime<Utc>>| until.is_some_and(|until| t < until);
        let block = self.block_until.is_some() && self.block_paused || before(self.block_until);
        // A scheduled block does not start while nobody is at the machine; it starts on return
        // if its window is still open.
        let scheduled = !self.away.is_some_and(Presence::left)
            && self.scheduled.iter().any(|&(start, end)| start <= t && t < end);
        if block || scheduled {
            (Mode::Focus, None)
        } else if before(self.done_for_today_until) {
            (Mode::Quiet, Some(QuietReason::DoneForToday))
        } else if before(self.working_late_until) || self.hours.contains(self.zone, t) {
            let meeting = self.meetings.iter().any(|&(start, end)| start <= t && t < end);
            match self.away {
                _ if meeting => (Mode::Quiet, Some(QuietReason::Meeting)),
                // Someone presenting is at the machine even when idle (talking over slides).
                _ if self.presenting => (Mode::Quiet, Some(QuietReason::Presenting)),
                Some(_) => (Mode::Quiet, Some(QuietReason::Away)),
                None => (Mode::Open, None),
            }
        } else {
            (Mode::Quiet, Some(QuietReason::OffHours))
        }
    }

    /// The same inputs as if the user were back and the screen private: when a message held now
    /// could be seen at the earliest.
    pub fn present(&self) -> Self {
        Self { away: None, presenting: false, block_paused: false, ..self.clone() }
    }

    /// The first instant after `t` at which the mode differs from the mode at `t`.
    pub fn next_change(&self, t: DateTime<Utc>) -> Option<ModeChange> {
        let now = self.mode_at(t);
        self.candidates(t).into_iter().find_map(|at| {
            let mode = self.mode_at(at);
            (mode != now).then_some(ModeChange { at, mode })
        })
    }

    /// The first instant at or after `t` that is Open: when a message held now will be seen.
    pub fn next_open(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        if self.mode_at(t) == Mode::Open {
            return Some(t);
        }
        self.candidates(t).into_iter().find(|&at| self.mode_at(at) == Mode::Open)
    }

    /// Every instant after `t` at which one of the inputs changes, in order: the overrides' and
    /// scheduled blocks' own instants, and the work-hours boundaries up to the last of them and
    /// two beyond. After the last override only work hours decide, and of two boundaries in a
    /// row one starts a window, so the next change and the next Open are always among them,
    /// however many days off come between (a block ending after the last window before a leave).
    fn candidates(&self, t: DateTime<Utc>) -> Vec<DateTime<Utc>> {
        let mut candidates: Vec<DateTime<Utc>> =
            [self.block_until, self.working_late_until, self.done_for_today_until]
                .into_iter()
                .flatten()
                .chain(self.scheduled.iter().chain(&self.meetings).flat_map(|&(start, end)| [start, end]))
                .filter(|&c| c > t)
                .collect();
        let last_override = candidates.iter().max().copied();
        let mut beyond = 0;
        for boundary in self.hours.boundaries_after(self.zone, t).take(MAX_CANDIDATES) {
            if last_override.is_none_or(|last| boundary > last) {
                beyond += 1;
            }
            candidates.push(boundary);
            if beyond == 2 {
                break;
            }
        }
        candidates.sort();
        candidates.dedup();
        candidates.truncate(MAX_CANDIDATES);
        candidates
    }
}
