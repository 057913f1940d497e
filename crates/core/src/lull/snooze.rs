//! What a snooze resolves to: the menu's choices with the instant each means now, and typed
//! instants ("friday 9") read against the user's work hours, for the window and the CLI alike.

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};

use super::Lull;
use super::inbox::{SnoozeChoice, SnoozeKey, SnoozeUntil};
use crate::error::{Error, ErrorCode, Result};
use crate::local_time::{TimeOfDay, local_date};
use crate::when;

/// A day without work hours starts at this time for "friday" and "next week".
const DEFAULT_DAY_START: TimeOfDay = TimeOfDay::hm(9, 0);

impl Lull {
    /// The instant `until` means now.
    pub fn resolve_snooze(&self, until: SnoozeUntil) -> Result<DateTime<Utc>> {
        let now = self.now();
        let zone = self.clock.time_zone();
        match until {
            SnoozeUntil::Time { at } if at > now => Ok(at),
            SnoozeUntil::Time { .. } => {
                Err(Error::new(ErrorCode::InvalidTime, "a snooze must end in the future"))
            }
            SnoozeUntil::BlockEnd => self.store.running_block()?.map(|b| b.deadline).ok_or_else(|| {
                Error::new(ErrorCode::NoFocusRunning, "no focus block is running to snooze until its end")
            }),
            SnoozeUntil::NextWorkWindow => {
                self.settings.work_hours.next_start(zone, now).ok_or_else(no_work_hours)
            }
            SnoozeUntil::NextWorkday => {
                self.settings.work_hours.first_start_after_today(zone, now).ok_or_else(no_work_hours)
            }
        }
    }

    /// The snooze menu, in its order, each choice with the instant it means now. Choices that
    /// mean nothing now are left out (no block end without a block, no evening once it has
    /// begun), and so is one that lands on the same instant as an earlier one.
    pub fn snooze_choices(&self) -> Result<Vec<SnoozeChoice>> {
        let now = self.now();
        let zone = self.clock.time_zone();
        let today = local_date(now, zone);
        let mut choices: Vec<SnoozeChoice> = Vec::new();
        let mut offer = |key, until| {
            if let Ok(at) = self.resolve_snooze(until)
                && !choices.iter().any(|c| c.at == at)
            {
                choices.push(SnoozeChoice { key, until, at });
            }
        };
        offer(SnoozeKey::BlockEnd, SnoozeUntil::BlockEnd);
        offer(SnoozeKey::InAnHour, SnoozeUntil::Time { at: now + TimeDelta::hours(1) });
        let evening = when::EVENING.on(today, zone);
        if now + TimeDelta::hours(1) <= evening {
            offer(SnoozeKey::ThisEvening, SnoozeUntil::Time { at: evening });
        }
        offer(SnoozeKey::NextWorkWindow, SnoozeUntil::NextWorkWindow);
        offer(SnoozeKey::Tomorrow, SnoozeUntil::NextWorkday);
        let monday = today + TimeDelta::days(7 - i64::from(today.weekday().num_days_from_monday()));
        offer(SnoozeKey::NextWeek, SnoozeUntil::Time { at: self.day_start(monday).on(monday, zone) });
        Ok(choices)
    }

    /// Reads a typed instant (see [`crate::when`]) in the user's zone; a day named without a time
    /// means the start of that day's first work window.
    pub fn parse_when(&self, text: &str) -> Result<DateTime<Utc>> {
        when::parse(text, self.now(), self.clock.time_zone(), |date| self.day_start(date))
            .map_err(|why| Error::new(ErrorCode::InvalidTime, why))
    }

    /// When work starts on `date`: its first window, or 09:00 on a day without one.
    fn day_start(&self, date: NaiveDate) -> TimeOfDay {
        let hours = &self.settings.work_hours;
        if hours.is_day_off(date) {
            return DEFAULT_DAY_START;
        }
        hours.week.day(date.weekday()).iter().map(|w| w.start).min().unwrap_or(DEFAULT_DAY_START)
    }
}

fn no_work_hours() -> Error {
    Error::new(ErrorCode::NoWorkHours, "there are no work hours ahead; set your work hours first")
}
