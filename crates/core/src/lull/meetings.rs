//! Meetings: what the calendar sources hand the engine, and what it does to the mode. A busy
//! event in work hours makes it Quiet for the meeting (held as in a block, breakthroughs still
//! show, one digest at its end); an event carrying the focus marker starts a block, once.

use chrono::{DateTime, TimeDelta, Utc};

use super::Lull;
use crate::calendar::{BookedFocus, Event, Meeting};
use crate::error::{Error, ErrorCode, Result};
use crate::store::calendars;
use crate::work_hours::Interval;

impl Lull {
    /// The events of calendar `calendar` as its source just read them, in place of the ones
    /// before. A calendar the settings do not list (removed while it was being read) is refused.
    pub fn set_calendar(&mut self, calendar: &str, events: Vec<Event>) -> Result<()> {
        if !self.settings.calendars.iter().any(|c| c.id == calendar && c.enabled) {
            return Err(Error::new(
                ErrorCode::InvalidRequest,
                format!("no calendar {calendar:?} is switched on in the settings"),
            ));
        }
        let now = self.now();
        self.store.write(|tx| calendars::save(tx, calendar, &events, now))?;
        self.calendars.set(calendar.to_owned(), events);
        Ok(())
    }

    /// How many events calendar `calendar` holds, if it has been read.
    pub fn calendar_event_count(&self, calendar: &str) -> Option<usize> {
        self.calendars.event_count(calendar)
    }

    /// Forgets the events of calendars that are gone or switched off, after a settings change.
    pub(super) fn keep_enabled_calendars(&mut self) -> Result<()> {
        let enabled: Vec<&str> =
            self.settings.calendars.iter().filter(|c| c.enabled).map(|c| c.id.as_str()).collect();
        let gone = self.calendars.keep_only(&enabled);
        if !gone.is_empty() {
            self.store.write(|tx| gone.iter().try_for_each(|id| calendars::delete(tx, id)))?;
        }
        Ok(())
    }

    /// The meetings (as intervals) and booked focus (`#focus` events and accepted proposals)
    /// that have not ended by `now`: none before the first run is finished, no meetings when
    /// meetings do not quiet.
    pub(super) fn calendar_ahead(&self, now: DateTime<Utc>) -> Result<(Vec<Interval>, Vec<BookedFocus>)> {
        if self.first_run() {
            return Ok((Vec::new(), Vec::new()));
        }
        let zone = self.clock.time_zone();
        let accepted = self.accepted_focus(crate::local_time::local_date(now, zone))?;
        if self.settings.calendars.is_empty() && accepted.is_empty() {
            return Ok((Vec::new(), Vec::new()));
        }
        let taken = calendars::booked_taken(self.store.conn(), now - TimeDelta::days(2))?;
        let quiet = self.settings.meetings.quiet;
        let (meetings, mut focus): (Vec<Interval>, Vec<BookedFocus>) = if self.settings.calendars.is_empty() {
            (Vec::new(), Vec::new())
        } else {
            self.calendars.around(now, zone, &self.settings.meetings, |meetings, focus| {
                let meetings =
                    meetings.iter().filter(|m| quiet && m.end > now).map(|m| (m.start, m.end)).collect();
                (meetings, focus.to_vec())
            })
        };
        focus.extend(accepted);
        focus.retain(|f| f.end > now && !taken.contains(&f.key));
        focus.sort_by_key(|f| (f.start, f.end));
        Ok((meetings, focus))
    }

    /// The meeting under way at `now`, if meetings quiet and one is.
    pub(super) fn meeting_at(&self, now: DateTime<Utc>) -> Option<Meeting> {
        if !self.settings.meetings.quiet || self.settings.calendars.is_empty() || self.first_run() {
            return None;
        }
        self.calendars.around(now, self.clock.time_zone(), &self.settings.meetings, |meetings, _| {
            // Of overlapping meetings, the one that ends last: "in a meeting until" its end.
            meetings.iter().filter(|m| m.start <= now && now < m.end).max_by_key(|m| m.end).cloned()
        })
    }

    /// The booked focus occurrence under way at `now` that has not run, if any.
    pub(super) fn booked_under_way(&self, now: DateTime<Utc>) -> Result<Option<BookedFocus>> {
        let (_, focus) = self.calendar_ahead(now)?;
        Ok(focus.into_iter().find(|f| f.start <= now && now < f.end))
    }
}
