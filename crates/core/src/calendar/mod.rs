//! Calendars: the user's meetings and the focus time they booked, read from ICS files, ICS URLs
//! and CalDAV collections (the `lull-sources` crate fetches them; nothing is ever written back).
//! Like the work hours, a calendar is an input to the mode: a busy event makes it Quiet for the
//! meeting, an event whose title carries the focus marker (`#focus`) is a scheduled focus block.
//!
//! The one decision: a calendar's events are kept in the database as the source last read them,
//! so a restart without the network still knows this afternoon's meetings, and the occurrences
//! (recurrences expanded) are worked out by the core from them, for the days around now, again
//! whenever the day, the zone, the events or the settings change.

pub mod expand;
pub mod ics;
pub mod proposals;

use std::cell::RefCell;
use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use ics::{Event, IcsError, Parsed, parse};

use crate::error::{Error, ErrorCode, Result};
use crate::local_time::local_date;

/// How many calendars Lull may read.
pub const MAX_CALENDARS: usize = 20;
/// How often a calendar is read again, in minutes.
pub const CALENDAR_POLL_MINUTES: std::ops::RangeInclusive<u32> = 1..=1440;
/// The marker that makes an event a focus block, unless the settings name another.
pub const DEFAULT_FOCUS_MARKER: &str = "#focus";
/// How many of the user's addresses the settings may list.
pub const MAX_ADDRESSES: usize = 20;

/// Where a calendar is read from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum CalendarKind {
    /// An iCalendar file: a path on this machine, or an http(s) URL (read with `ETag` and
    /// `Last-Modified`, so an unchanged calendar is not sent again).
    #[default]
    Ics,
    /// A CalDAV collection's URL, asked for the events around now with a `REPORT`.
    Caldav,
}

/// A calendar Lull reads, never writes. A password, when the server wants one, is in the Secret
/// Service under [`CalendarSource::secret_key`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct CalendarSource {
    /// Stable and unique among the calendars (`"work"`): it names the stored events and the secret.
    pub id: String,
    /// An absolute path or an http(s) URL for ICS; the collection's http(s) URL for CalDAV.
    pub url: String,
    #[serde(default)]
    pub kind: CalendarKind,
    /// The login name, for a server that asks for one.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub user: Option<String>,
    /// How often it is read again, in minutes.
    #[serde(default = "poll_minutes")]
    pub poll_minutes: u32,
    #[serde(default = "enabled")]
    pub enabled: bool,
}

fn poll_minutes() -> u32 {
    15
}

fn enabled() -> bool {
    true
}

impl CalendarSource {
    /// Where its password is kept in the Secret Service.
    pub fn secret_key(&self) -> String {
        format!("source/calendar/{}", self.id)
    }

    /// How a person names its secret (`lull secret set calendar/work`).
    pub fn secret_name(&self) -> String {
        format!("calendar/{}", self.id)
    }

    /// Whether it is a file on this machine.
    pub fn is_file(&self) -> bool {
        !self.url.starts_with("http://") && !self.url.starts_with("https://")
    }

    /// The file's path, for a calendar on this machine (`file://` taken off).
    pub fn path(&self) -> Option<&str> {
        self.is_file().then(|| self.url.strip_prefix("file://").unwrap_or(&self.url))
    }
}

/// What the calendar's events do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct MeetingSettings {
    /// A busy event in work hours makes the mode Quiet ("in a meeting until 15:00"): messages are
    /// held as in a focus block, and released in one digest when it ends.
    pub quiet: bool,
    /// An event whose title carries this marker is a focus block, its title (without the marker)
    /// the intent; `None`: no event is.
    #[ts(optional = nullable)]
    pub focus_marker: Option<String>,
    /// The user's own addresses: an event one of them declined is no meeting.
    pub addresses: Vec<String>,
}

impl Default for MeetingSettings {
    fn default() -> Self {
        Self { quiet: true, focus_marker: Some(DEFAULT_FOCUS_MARKER.to_owned()), addresses: Vec::new() }
    }
}

impl MeetingSettings {
    pub(crate) fn validate(mut self) -> Result<Self> {
        if let Some(marker) = &self.focus_marker {
            let marker = marker.trim();
            if marker.is_empty() || marker.chars().count() > 32 || marker.contains(char::is_control) {
                return Err(invalid("the focus marker is 1 to 32 characters".into())
                    .in_field("meetings.focus_marker"));
            }
            self.focus_marker = Some(marker.to_owned());
        }
        if self.addresses.len() > MAX_ADDRESSES {
            return Err(invalid(format!("at most {MAX_ADDRESSES} addresses")).in_field("meetings.addresses"));
        }
        for (i, address) in self.addresses.iter_mut().enumerate() {
            *address = address.trim().to_ascii_lowercase();
            if !address.contains('@') || address.len() > 254 || address.contains(char::is_whitespace) {
                return Err(invalid(format!("{address:?} is not a mail address"))
                    .in_field(format!("meetings.addresses[{i}]")));
            }
        }
        Ok(self)
    }
}

/// Checks every calendar; the field names the one at fault (`calendars[1]`).
pub(crate) fn validate_calendars(calendars: Vec<CalendarSource>) -> Result<Vec<CalendarSource>> {
    if calendars.len() > MAX_CALENDARS {
        return Err(invalid(format!("at most {MAX_CALENDARS} calendars")).in_field("calendars"));
    }
    let mut ids = std::collections::HashSet::new();
    let mut valid = Vec::with_capacity(calendars.len());
    for (i, mut calendar) in calendars.into_iter().enumerate() {
        let field = format!("calendars[{i}]");
        calendar.id = calendar.id.trim().to_owned();
        if !crate::subscriptions::is_name(&calendar.id, 32) {
            return Err(invalid("a calendar's id is 1 to 32 letters, digits, - or _".into()).in_field(field));
        }
        calendar.url = calendar.url.trim().to_owned();
        if calendar.is_file() {
            let path = calendar.path().unwrap_or_default();
            if calendar.kind == CalendarKind::Caldav {
                return Err(invalid("a CalDAV calendar is an http:// or https:// URL".into()).in_field(field));
            }
            if !path.starts_with('/') || path.len() > 4096 || path.contains('\0') {
                return Err(invalid(format!(
                    "a calendar is an absolute path or an http:// or https:// URL (got {:?})",
                    calendar.url
                ))
                .in_field(field));
            }
        } else {
            let has_host = calendar
                .url
                .split_once("://")
                .is_some_and(|(_, rest)| !rest.split(['/', '?']).next().unwrap_or_default().is_empty());
            if !has_host || calendar.url.len() > 2048 || calendar.url.contains([' ', '#']) {
                return Err(invalid(format!("{:?} is not a calendar's URL", calendar.url)).in_field(field));
            }
        }
        calendar.user = calendar.user.map(|u| u.trim().to_owned()).filter(|u| !u.is_empty());
        if calendar.user.as_ref().is_some_and(|u| u.len() > 256 || u.contains(char::is_control)) {
            return Err(invalid("a login name is at most 256 characters".into()).in_field(field));
        }
        if calendar.is_file() && calendar.user.is_some() {
            return Err(invalid("a file has no login name".into()).in_field(field));
        }
        if !CALENDAR_POLL_MINUTES.contains(&calendar.poll_minutes) {
            return Err(invalid(format!(
                "a calendar is read every {} to {} minutes",
                CALENDAR_POLL_MINUTES.start(),
                CALENDAR_POLL_MINUTES.end()
            ))
            .in_field(format!("{field}.poll_minutes")));
        }
        if !ids.insert(calendar.id.clone()) {
            return Err(invalid(format!("two calendars are called {:?}", calendar.id)).in_field(field));
        }
        valid.push(calendar);
    }
    Ok(valid)
}

fn invalid(message: String) -> Error {
    Error::new(ErrorCode::InvalidSettings, message)
}

/// A meeting: a busy occurrence of a calendar's event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Meeting {
    /// The calendar's id.
    pub calendar: String,
    pub title: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// An occurrence of an event carrying the focus marker: a focus block the user booked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BookedFocus {
    /// `calendar/uid/start in ms`: which occurrence it is, so it runs once.
    pub key: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub intent: Option<String>,
}

/// The calendars' events, and their occurrences around the day they were last looked at.
#[derive(Debug, Default)]
pub(crate) struct Book {
    events: BTreeMap<String, Vec<Event>>,
    expanded: RefCell<Option<Expanded>>,
}

#[derive(Debug)]
struct Expanded {
    day: NaiveDate,
    zone: Tz,
    meetings: Vec<Meeting>,
    focus: Vec<BookedFocus>,
}

/// How far back and ahead occurrences are worked out: yesterday (a meeting running past midnight)
/// and a week ahead, enough for any next change the tray or a sender is told.
const DAYS_BEFORE: i64 = 1;
const DAYS_AHEAD: i64 = 8;

impl Book {
    pub(crate) fn new(events: BTreeMap<String, Vec<Event>>) -> Self {
        Self { events, expanded: RefCell::new(None) }
    }

    pub(crate) fn set(&mut self, calendar: String, events: Vec<Event>) {
        self.events.insert(calendar, events);
        self.forget();
    }

    /// Keeps only the calendars in `ids`: a removed calendar's meetings go with it.
    pub(crate) fn keep_only(&mut self, ids: &[&str]) -> Vec<String> {
        let gone: Vec<String> =
            self.events.keys().filter(|id| !ids.contains(&id.as_str())).cloned().collect();
        for id in &gone {
            self.events.remove(id);
        }
        self.forget();
        gone
    }

    /// Drops the occurrences worked out: the settings changed.
    pub(crate) fn forget(&self) {
        self.expanded.replace(None);
    }

    pub(crate) fn event_count(&self, calendar: &str) -> Option<usize> {
        self.events.get(calendar).map(Vec::len)
    }

    /// The meetings and booked focus around `now`, worked out once a day (and zone).
    pub(crate) fn around<R>(
        &self,
        now: DateTime<Utc>,
        zone: Tz,
        settings: &MeetingSettings,
        read: impl FnOnce(&[Meeting], &[BookedFocus]) -> R,
    ) -> R {
        let day = local_date(now, zone);
        let mut expanded = self.expanded.borrow_mut();
        if !expanded.as_ref().is_some_and(|e| e.day == day && e.zone == zone) {
            *expanded = Some(self.expand(day, zone, settings));
        }
        let e = expanded.as_ref().unwrap_or_else(|| unreachable!("just set"));
        read(&e.meetings, &e.focus)
    }

    fn expand(&self, day: NaiveDate, zone: Tz, settings: &MeetingSettings) -> Expanded {
        let (from, _) = crate::lull::local_day_bounds(day - TimeDelta::days(DAYS_BEFORE), zone);
        let (to, _) = crate::lull::local_day_bounds(day + TimeDelta::days(DAYS_AHEAD), zone);
        let marker = settings.focus_marker.as_deref().map(str::to_lowercase);
        let mut meetings = Vec::new();
        let mut focus = Vec::new();
        for (calendar, events) in &self.events {
            for o in expand::occurrences(events, from, to, zone) {
                let event = o.event;
                // Lull's own `focus.ics`, subscribed to: its blocks are the accepted proposals.
                if event.cancelled || o.end <= o.start || event.uid.ends_with(proposals::UID_DOMAIN) {
                    continue;
                }
                let title = event.title.trim();
                if let Some(marker) = &marker
                    && let Some(at) = title.to_lowercase().find(marker.as_str())
                {
                    let intent = remove_marker(title, at, marker.len());
                    let key = format!("{calendar}/{}/{}", event.uid, o.start.timestamp_millis());
                    focus.push(BookedFocus { key, start: o.start, end: o.end, intent });
                    continue;
                }
                let declined = event.declined_by.iter().any(|a| settings.addresses.contains(a));
                // An all-day event is free unless it says it is busy: a birthday or a holiday far
                // more often than a day-long meeting (and calendar apps write all-day events so).
                let busy = event.transparent.map_or(!event.start.is_date(), |free| !free);
                if busy && !declined {
                    meetings.push(Meeting {
                        calendar: calendar.clone(),
                        title: title.to_owned(),
                        start: o.start,
                        end: o.end,
                    });
                }
            }
        }
        meetings.sort_by_key(|m| (m.start, m.end));
        focus.sort_by_key(|f| (f.start, f.end));
        Expanded { day, zone, meetings, focus }
    }
}

/// The title without the marker found at byte `at` (in its lower-case form, which for the
/// marker's ASCII or any text keeps the same byte positions only when lengths agree: checked).
fn remove_marker(title: &str, at: usize, len: usize) -> Option<String> {
    let without = match (title.get(..at), title.get(at + len..)) {
        (Some(before), Some(after)) if title.to_lowercase().len() == title.len() => {
            format!("{before} {after}")
        }
        _ => title.to_owned(),
    };
    let intent = without.split_whitespace().collect::<Vec<_>>().join(" ");
    (!intent.is_empty()).then_some(intent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marker_is_taken_out_of_the_intent() {
        assert_eq!(remove_marker("Write #focus the report", 6, 6).as_deref(), Some("Write the report"));
        assert_eq!(remove_marker("#Focus", 0, 6), None);
    }
}
