//! Settings: typed, validated as a whole, stored as one JSON document.
//!
//! An update is all or nothing: [`Settings::validate`] checks every part, and only a valid whole is
//! written. Fields added later get their defaults when an older document is read.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::block::{MAX_FOCUS_SECS, validate_intent};
use crate::calendar::proposals::FocusTime;
use crate::calendar::{CalendarSource, MeetingSettings, validate_calendars};
use crate::error::{Error, ErrorCode, Result};
use crate::local_time::{TimeOfDay, local_date};
use crate::presence::AwaySettings;
use crate::rules::{BreakthroughRule, validate_rules};
use crate::screen::ScreenSettings;
use crate::subscriptions::{
    GotifySubscription, ImapAccount, NtfySubscription, validate_gotify, validate_imap, validate_ntfy,
};
use crate::work_hours::WorkHours;

pub const MAX_SCHEDULED_BLOCKS: usize = 50;
/// How many focus lengths the tray and the window offer at most.
pub const MAX_FOCUS_PRESETS: usize = 8;
/// The longest a done message may be kept before it is deleted (100 years: "forever" is `None`).
pub const MAX_RETENTION_DAYS: u32 = 36_500;
pub const MAX_BATCH_TIMES: usize = 48;
/// How often batched delivery may come, in minutes.
pub const BATCH_EVERY_MINUTES: std::ops::RangeInclusive<u32> = 5..=720;
/// The highest scheduled block id: ids fit a signed 32-bit integer, so every reader (SQLite,
/// JSON numbers, a script's `int`) sees the same number, and the next id (the highest + 1)
/// can never overflow.
pub const MAX_SCHEDULE_ID: u32 = i32::MAX as u32;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub work_hours: WorkHours,
    /// Tried in order; the first match decides.
    pub rules: Vec<BreakthroughRule>,
    pub delivery: Delivery,
    /// When the daily review reminder comes; `None`: 30 minutes before the day's last window ends.
    pub review_time: Option<TimeOfDay>,
    pub schedule: Vec<ScheduledBlock>,
    /// Focus lengths offered in the tray and the window, in minutes.
    pub focus_presets: Vec<u32>,
    /// Done messages older than this many days are deleted; `None` keeps them forever.
    pub retention_days: Option<u32>,
    /// A message already shown as a popup (delivered while Open, or a breakthrough) files itself
    /// as done this many hours after it was shown, unless it is pinned: it needs no triage twice.
    /// `None` keeps it in the inbox.
    pub file_delivered_after_hours: Option<u32>,
    /// Commands run when a block starts or ends and when the mode changes.
    pub hooks: Vec<Hook>,
    /// Record other apps' desktop notifications into the inbox (Linux, session bus).
    pub capture_desktop: bool,
    /// Switch the desktop's own do-not-disturb on in Focus and Quiet, and restore it after.
    pub desktop_dnd: bool,
    /// The global shortcut that toggles focus (`"Ctrl+Alt+F"`); `None` (the default) for none.
    pub shortcut: Option<String>,
    /// How the inbox is grouped in the review window.
    pub inbox_grouping: Grouping,
    /// Topics on ntfy servers that Lull subscribes to.
    pub ntfy: Vec<NtfySubscription>,
    /// Gotify servers whose messages Lull follows.
    pub gotify: Vec<GotifySubscription>,
    /// Mail accounts whose folders Lull reads (never changes) over IMAP.
    pub imap: Vec<ImapAccount>,
    /// What a locked screen, idleness and sleep do.
    pub away: AwaySettings,
    /// Calendars Lull reads (never writes): their meetings and booked focus time.
    pub calendars: Vec<CalendarSource>,
    /// What the calendars' events do.
    pub meetings: MeetingSettings,
    /// What a screen on show (a fullscreen window, shared) does.
    pub screens: ScreenSettings,
    /// Focus time booked for you: the daily goal Lull proposes blocks for.
    pub focus_time: FocusTime,
}

/// How the inbox is grouped: by who sent it (and thread), by where it came from, or not at all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Grouping {
    /// One group per source, sender (or app, or topic) and thread.
    #[default]
    Sender,
    /// One group per source: the API, desktop notifications, …
    Source,
    /// One list, newest first.
    Flat,
}

/// When a hook runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum HookEvent {
    FocusStart,
    FocusEnd,
    ModeChange,
}

impl HookEvent {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::FocusStart => "focus_start",
            Self::FocusEnd => "focus_end",
            Self::ModeChange => "mode_change",
        }
    }
}

/// A user command (run with `sh -c`) and the event it follows. The details come in `LULL_*`
/// environment variables; it gets [`HOOK_TIMEOUT_SECS`] seconds, then it is killed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct Hook {
    pub on: HookEvent,
    pub command: String,
}

pub const HOOK_TIMEOUT_SECS: u64 = 10;
/// A popup seen in the morning is filed by the evening's review.
pub const DEFAULT_FILE_DELIVERED_HOURS: u32 = 8;
/// A week: longer than that, a popup is better triaged by hand.
pub const MAX_FILE_DELIVERED_HOURS: u32 = 168;
pub const MAX_HOOKS: usize = 20;

impl Default for Settings {
    fn default() -> Self {
        Self {
            work_hours: WorkHours::default(),
            rules: vec![BreakthroughRule::urgent()],
            delivery: Delivery::Immediate,
            review_time: None,
            schedule: Vec::new(),
            focus_presets: vec![25, 50, 90],
            retention_days: Some(90),
            file_delivered_after_hours: Some(DEFAULT_FILE_DELIVERED_HOURS),
            hooks: Vec::new(),
            capture_desktop: true,
            desktop_dnd: true,
            // Opt-in: listening for a global shortcut on X11 costs 20 wake-ups a second.
            shortcut: None,
            inbox_grouping: Grouping::Sender,
            ntfy: Vec::new(),
            gotify: Vec::new(),
            imap: Vec::new(),
            away: AwaySettings::default(),
            calendars: Vec::new(),
            meetings: MeetingSettings::default(),
            screens: ScreenSettings::default(),
            focus_time: FocusTime::default(),
        }
    }
}

/// How messages are delivered while Open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(tag = "mode", rename_all = "snake_case", deny_unknown_fields)]
pub enum Delivery {
    /// Each message as it arrives.
    Immediate,
    /// Held and released together at fixed local times and/or every N minutes (counted from
    /// local midnight).
    Batched {
        #[serde(default)]
        every_minutes: Option<u32>,
        #[serde(default)]
        at: Vec<TimeOfDay>,
    },
}

impl Delivery {
    /// The next batch release strictly after `t`, for batched delivery.
    pub fn next_batch(&self, zone: Tz, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let Self::Batched { every_minutes, at } = self else { return None };
        let today = local_date(t, zone);
        let mut best: Option<DateTime<Utc>> = None;
        let mut consider = |candidate: DateTime<Utc>| {
            if candidate > t && best.is_none_or(|b| candidate < b) {
                best = Some(candidate);
            }
        };
        for time in at {
            if let Some(instant) = time.next_after(t, zone) {
                consider(instant);
            }
        }
        if let Some(every) = every_minutes.filter(|&e| e > 0) {
            let every = every as u16;
            // Slots are whole multiples from midnight; one in the repeated autumn hour comes at
            // both its occurrences. Once a slot's first occurrence lies after t, no later slot
            // can come earlier (first occurrences only grow), so the search stops there.
            'days: for date in [today, today + TimeDelta::days(1)] {
                for time in (0..24 * 60).step_by(usize::from(every)).filter_map(TimeOfDay::from_minutes) {
                    let mut instants = time.instants_on(date, zone);
                    let first = instants.next();
                    for instant in first.into_iter().chain(instants) {
                        consider(instant);
                    }
                    if first.is_some_and(|first| first > t) {
                        break 'days;
                    }
                }
            }
        }
        best
    }
}

/// Days of the week, for scheduled blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Day {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl From<Day> for Weekday {
    fn from(day: Day) -> Self {
        match day {
            Day::Monday => Weekday::Mon,
            Day::Tuesday => Weekday::Tue,
            Day::Wednesday => Weekday::Wed,
            Day::Thursday => Weekday::Thu,
            Day::Friday => Weekday::Fri,
            Day::Saturday => Weekday::Sat,
            Day::Sunday => Weekday::Sun,
        }
    }
}

/// A weekly focus block that starts by itself ("Mon–Fri 09:00–10:30").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct ScheduledBlock {
    /// Stable identity, so skipping an occurrence survives edits to the rest. 0 = assign one.
    #[serde(default)]
    pub id: u32,
    pub days: Vec<Day>,
    pub start: TimeOfDay,
    pub end: TimeOfDay,
    #[serde(default)]
    pub intent: Option<String>,
}

impl ScheduledBlock {
    /// The occurrence on `date`, as (start, end) instants, if the rule runs that weekday.
    pub fn occurrence(&self, date: NaiveDate, zone: Tz) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        use chrono::Datelike;
        let weekday = date.weekday();
        if !self.days.iter().any(|&d| Weekday::from(d) == weekday) {
            return None;
        }
        let (start, end) = (self.start.on(date, zone), self.end.on(date, zone));
        (end > start).then_some((start, end))
    }
}

impl Settings {
    /// Checks every part; returns the normalised settings or the first problem found.
    pub fn validate(mut self) -> Result<Self> {
        self.work_hours = self.work_hours.validate().map_err(|err| err.in_field("work_hours"))?;
        self.rules = validate_rules(self.rules).map_err(|err| err.in_field("rules"))?;
        self.delivery = validate_delivery(self.delivery).map_err(|err| err.in_field("delivery"))?;
        self.schedule = validate_schedule(self.schedule)?;
        self.away.validate()?;
        if self.review_time == Some(TimeOfDay::END_OF_DAY) {
            return Err(invalid("the review time is 00:00 to 23:59 (24:00 only ends a window)".into())
                .in_field("review_time"));
        }
        if self.focus_presets.is_empty() || self.focus_presets.len() > MAX_FOCUS_PRESETS {
            return Err(invalid(format!("between one and {MAX_FOCUS_PRESETS} focus presets"))
                .in_field("focus_presets"));
        }
        for &minutes in &self.focus_presets {
            if minutes == 0 || i64::from(minutes) * 60 > MAX_FOCUS_SECS {
                return Err(invalid(format!(
                    "a focus preset is 1 to {} minutes (got {minutes})",
                    MAX_FOCUS_SECS / 60
                ))
                .in_field("focus_presets"));
            }
        }
        if self.hooks.len() > MAX_HOOKS {
            return Err(invalid(format!("at most {MAX_HOOKS} hooks")).in_field("hooks"));
        }
        for (i, hook) in self.hooks.iter_mut().enumerate() {
            hook.command = hook.command.trim().to_owned();
            if hook.command.is_empty() || hook.command.len() > 4096 {
                return Err(
                    invalid("a hook's command is 1 to 4096 bytes".into()).in_field(format!("hooks[{i}]"))
                );
            }
        }
        if let Some(days) = self.retention_days
            && !(1..=MAX_RETENTION_DAYS).contains(&days)
        {
            return Err(invalid(format!(
                "retention is 1 to {MAX_RETENTION_DAYS} days, or none to keep everything (got {days})"
            ))
            .in_field("retention_days"));
        }
        if let Some(hours) = self.file_delivered_after_hours
            && !(1..=MAX_FILE_DELIVERED_HOURS).contains(&hours)
        {
            return Err(invalid(format!(
                "popups already seen file themselves after 1 to {MAX_FILE_DELIVERED_HOURS} hours, or never (got {hours})"
            ))
            .in_field("file_delivered_after_hours"));
        }
        if let Some(shortcut) = &mut self.shortcut {
            *shortcut = shortcut.trim().to_owned();
            if shortcut.len() > 64 {
                return Err(invalid("a shortcut is at most 64 characters".into()).in_field("shortcut"));
            }
        }
        self.shortcut = self.shortcut.take().filter(|s| !s.is_empty());
        self.ntfy = validate_ntfy(self.ntfy)?;
        self.gotify = validate_gotify(self.gotify)?;
        self.imap = validate_imap(self.imap)?;
        self.calendars = validate_calendars(self.calendars)?;
        self.meetings = self.meetings.validate()?;
        self.focus_time = self.focus_time.validate()?;
        Ok(self)
    }

    /// The scheduled blocks' occurrences on the local day `date`, as (schedule id, start, end).
    /// None on a day off: a day off has no work, scheduled focus included.
    pub fn occurrences_on(
        &self,
        date: NaiveDate,
        zone: Tz,
    ) -> impl Iterator<Item = (u32, DateTime<Utc>, DateTime<Utc>)> + '_ {
        let rules = if self.work_hours.is_day_off(date) { &[][..] } else { &self.schedule[..] };
        rules
            .iter()
            .filter_map(move |rule| rule.occurrence(date, zone).map(|(start, end)| (rule.id, start, end)))
    }

    /// The daily review reminder on the local day `date`, if any.
    pub fn review_at(&self, zone: Tz, date: NaiveDate) -> Option<DateTime<Utc>> {
        match self.review_time {
            Some(time) => Some(time.on(date, zone)),
            None => self.work_hours.last_end_on(zone, date).map(|end| end - TimeDelta::minutes(30)),
        }
    }
}

fn validate_delivery(delivery: Delivery) -> Result<Delivery> {
    let Delivery::Batched { every_minutes, mut at } = delivery else { return Ok(delivery) };
    if let Some(every) = every_minutes
        && !BATCH_EVERY_MINUTES.contains(&every)
    {
        return Err(invalid(format!(
            "batches come every {} to {} minutes (got {every})",
            BATCH_EVERY_MINUTES.start(),
            BATCH_EVERY_MINUTES.end()
        )));
    }
    if every_minutes.is_none() && at.is_empty() {
        return Err(invalid("batched delivery needs times or an interval".into()));
    }
    if at.len() > MAX_BATCH_TIMES || at.contains(&TimeOfDay::END_OF_DAY) {
        return Err(invalid(format!("at most {MAX_BATCH_TIMES} batch times, each 00:00 to 23:59")));
    }
    at.sort();
    at.dedup();
    Ok(Delivery::Batched { every_minutes, at })
}

fn validate_schedule(mut schedule: Vec<ScheduledBlock>) -> Result<Vec<ScheduledBlock>> {
    if schedule.len() > MAX_SCHEDULED_BLOCKS {
        return Err(invalid_schedule(format!("at most {MAX_SCHEDULED_BLOCKS} scheduled blocks")));
    }
    for (i, block) in schedule.iter().enumerate() {
        if block.id > MAX_SCHEDULE_ID {
            return Err(invalid_schedule(format!(
                "a scheduled block's id is 1 to {MAX_SCHEDULE_ID}, or 0 to have one assigned (got {})",
                block.id
            ))
            .in_field(format!("schedule[{i}]")));
        }
    }
    // New blocks get ids after the highest: an id is never reused, so the skips and the blocks
    // recorded for a deleted rule never apply to a new one. No overflow: ids are at most
    // MAX_SCHEDULE_ID, far below u32::MAX.
    let mut next_id = schedule.iter().map(|b| b.id).max().unwrap_or(0) + 1;
    let mut seen = std::collections::HashSet::new();
    for (i, block) in schedule.iter_mut().enumerate() {
        let invalid_schedule = |message: String| invalid_schedule(message).in_field(format!("schedule[{i}]"));
        if block.id == 0 {
            if next_id > MAX_SCHEDULE_ID {
                return Err(invalid_schedule(format!(
                    "no id is left for a new scheduled block (the highest is {MAX_SCHEDULE_ID}); give the others smaller ids"
                )));
            }
            block.id = next_id;
            next_id += 1;
        }
        if !seen.insert(block.id) {
            return Err(invalid_schedule(format!("two scheduled blocks have the id {}", block.id)));
        }
        if block.days.is_empty() {
            return Err(invalid_schedule(format!("scheduled block {} runs on no day", block.id)));
        }
        if block.end <= block.start {
            return Err(invalid_schedule(format!(
                "scheduled block {} ends ({}) before it starts ({})",
                block.id, block.end, block.start
            )));
        }
        block.intent =
            validate_intent(block.intent.as_deref()).map_err(|err| err.in_field(format!("schedule[{i}]")))?;
        block.days.sort_by_key(|&d| Weekday::from(d).num_days_from_monday());
        block.days.dedup();
    }
    Ok(schedule)
}

fn invalid(message: String) -> Error {
    Error::new(ErrorCode::InvalidSettings, message)
}

fn invalid_schedule(message: String) -> Error {
    Error::new(ErrorCode::InvalidSchedule, message)
}
