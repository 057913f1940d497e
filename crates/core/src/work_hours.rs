//! Work hours: windows of local time per weekday, and days off.
//!
//! Everything is computed from one list: the work intervals (as UTC instants) of a range of local
//! days, with the daylight-saving rule of [`crate::local_time`] applied and touching intervals
//! merged. "Is this instant work time?" and "when does that next change?" are both read off that
//! list, so the two answers cannot disagree, which a property test checks.

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, ErrorCode, Result};
use crate::local_time::{TimeOfDay, local_date};

/// How far ahead to look for the next boundary: a year of days off is the most we honour.
const HORIZON_DAYS: i64 = 400;
/// The most windows one day may have.
pub const MAX_WINDOWS_PER_DAY: usize = 12;
/// The most days off that may be listed.
pub const MAX_DAYS_OFF: usize = 1000;

/// A span of local time within one day: `start` inclusive, `end` exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Window {
    pub start: TimeOfDay,
    pub end: TimeOfDay,
}

impl Window {
    pub fn new(start: TimeOfDay, end: TimeOfDay) -> Self {
        Self { start, end }
    }
}

/// The windows of each weekday, in local time.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct Week {
    #[serde(default)]
    pub monday: Vec<Window>,
    #[serde(default)]
    pub tuesday: Vec<Window>,
    #[serde(default)]
    pub wednesday: Vec<Window>,
    #[serde(default)]
    pub thursday: Vec<Window>,
    #[serde(default)]
    pub friday: Vec<Window>,
    #[serde(default)]
    pub saturday: Vec<Window>,
    #[serde(default)]
    pub sunday: Vec<Window>,
}

impl Week {
    pub fn day(&self, weekday: Weekday) -> &[Window] {
        match weekday {
            Weekday::Mon => &self.monday,
            Weekday::Tue => &self.tuesday,
            Weekday::Wed => &self.wednesday,
            Weekday::Thu => &self.thursday,
            Weekday::Fri => &self.friday,
            Weekday::Sat => &self.saturday,
            Weekday::Sun => &self.sunday,
        }
    }

    pub fn day_mut(&mut self, weekday: Weekday) -> &mut Vec<Window> {
        match weekday {
            Weekday::Mon => &mut self.monday,
            Weekday::Tue => &mut self.tuesday,
            Weekday::Wed => &mut self.wednesday,
            Weekday::Thu => &mut self.thursday,
            Weekday::Fri => &mut self.friday,
            Weekday::Sat => &mut self.saturday,
            Weekday::Sun => &mut self.sunday,
        }
    }
}

/// When the user works.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct WorkHours {
    pub week: Week,
    /// Local dates with no work at all (holidays, leave).
    #[serde(default)]
    pub days_off: Vec<NaiveDate>,
}

impl Default for WorkHours {
    /// Monday to Friday, 09:00–12:00 and 13:00–17:30.
    fn default() -> Self {
        let workday = || {
            vec![
                Window::new(TimeOfDay::hm(9, 0), TimeOfDay::hm(12, 0)),
                Window::new(TimeOfDay::hm(13, 0), TimeOfDay::hm(17, 30)),
            ]
        };
        let week = Week {
            monday: workday(),
            tuesday: workday(),
            wednesday: workday(),
            thursday: workday(),
            friday: workday(),
            ..Week::default()
        };
        Self { week, days_off: Vec::new() }
    }
}

impl WorkHours {
    /// Every minute of every day: what the timeline uses until the first run is finished, so
    /// the clock alone never makes Lull Quiet before the user has seen what Quiet means.
    pub fn all_day() -> Self {
        let day = || vec![Window::new(TimeOfDay::MIDNIGHT, TimeOfDay::END_OF_DAY)];
        let week = Week {
            monday: day(),
            tuesday: day(),
            wednesday: day(),
            thursday: day(),
            friday: day(),
            saturday: day(),
            sunday: day(),
        };
        Self { week, days_off: Vec::new() }
    }
}

/// A half-open span of time `[start, end)`.
pub type Interval = (DateTime<Utc>, DateTime<Utc>);

impl WorkHours {
    /// Refuses windows that end before they start, overlap, or are too many; sorts them.
    pub fn validate(mut self) -> Result<Self> {
        for weekday in WEEKDAYS {
            let field = format!("work_hours.week.{}", day_field(weekday));
            let invalid = |message: String| invalid(message).in_field(field.clone());
            let windows = self.week.day_mut(weekday);
            if windows.len() > MAX_WINDOWS_PER_DAY {
                return Err(invalid(format!("{weekday}: at most {MAX_WINDOWS_PER_DAY} windows a day")));
            }
            for window in windows.iter() {
                if window.end <= window.start {
                    return Err(invalid(format!(
                        "{weekday}: the window {}–{} ends before it starts",
                        window.start, window.end
                    )));
                }
                if window.start == TimeOfDay::END_OF_DAY {
                    return Err(invalid(format!("{weekday}: a window cannot start at 24:00")));
                }
            }
            windows.sort_by_key(|w| w.start);
            for pair in windows.windows(2) {
                if pair[1].start < pair[0].end {
                    return Err(invalid(format!(
                        "{weekday}: the windows {}–{} and {}–{} overlap",
                        pair[0].start, pair[0].end, pair[1].start, pair[1].end
                    )));
                }
            }
        }
        if self.days_off.len() > MAX_DAYS_OFF {
            return Err(invalid(format!("at most {MAX_DAYS_OFF} days off")).in_field("work_hours.days_off"));
        }
        self.days_off.sort();
        self.days_off.dedup();
        Ok(self)
    }

    /// Whether the local date `date` is listed as a day off (the list is sorted by `validate`).
    pub fn is_day_off(&self, date: NaiveDate) -> bool {
        self.days_off.binary_search(&date).is_ok()
    }

    pub fn has_any_window(&self) -> bool {
        WEEKDAYS.iter().any(|&d| !self.week.day(d).is_empty())
    }

    /// The work intervals of local days `first..=last` in `zone`, merged where they touch.
    pub fn intervals(&self, zone: Tz, first: NaiveDate, last: NaiveDate) -> Vec<Interval> {
        Merged::new(self, zone, first, last).collect()
    }

    /// The windows of the local day `date` as instants, in order; none on a day off.
    fn day_intervals(&self, zone: Tz, date: NaiveDate) -> impl Iterator<Item = Interval> + '_ {
        let windows = if self.is_day_off(date) { &[][..] } else { self.week.day(date.weekday()) };
        windows
            .iter()
            .map(move |window| (window.start.on(date, zone), window.end.on(date, zone)))
            // A window swallowed by a daylight-saving gap is no window.
            .filter(|&(start, end)| end > start)
    }

    /// Whether `t` is inside work hours.
    pub fn contains(&self, zone: Tz, t: DateTime<Utc>) -> bool {
        let today = local_date(t, zone);
        self.intervals(zone, today - TimeDelta::days(1), today + TimeDelta::days(1))
            .iter()
            .any(|&(start, end)| start <= t && t < end)
    }

    /// The first instant after `t` at which [`WorkHours::contains`] changes, if any within a year.
    pub fn next_boundary(&self, zone: Tz, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.boundaries_after(zone, t).next()
    }

    /// The start of the first work interval strictly after `t`, however many days off come first.
    /// Where the windows merge into one endless stretch (all day, every day) no stretch starts:
    /// then the first window of a later day counts, as it does for [`Self::first_start_after_today`].
    pub fn next_start(&self, zone: Tz, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.intervals_after(zone, t)
            .map(|(start, _)| start)
            .find(|&start| start > t)
            .or_else(|| self.first_start_after_today(zone, t))
    }

    /// Every boundary after `t`, in order, within the horizon. Lazy: a caller that takes two
    /// looks only as far ahead as it must.
    pub fn boundaries_after(&self, zone: Tz, t: DateTime<Utc>) -> impl Iterator<Item = DateTime<Utc>> + '_ {
        self.intervals_after(zone, t).flat_map(|(start, end)| [start, end]).filter(move |&b| b > t)
    }

    /// Merged intervals that end after `t`, in order, generated day by day up to the horizon.
    /// They start from the day before `t` so that one running across midnight is merged whole.
    ///
    /// Lazy on purpose: every search ("the next start", "the first window of a later day") runs
    /// until it finds what it looks for, so a long leave after today's windows is looked past
    /// rather than ending the search at today's last window.
    fn intervals_after(&self, zone: Tz, t: DateTime<Utc>) -> impl Iterator<Item = Interval> + '_ {
        let today = local_date(t, zone);
        let (first, last) = (today - TimeDelta::days(1), today + TimeDelta::days(HORIZON_DAYS));
        // No window on any weekday: nothing to find, so do not walk the horizon for nothing.
        let last = if self.has_any_window() { last } else { first - TimeDelta::days(1) };
        Merged::new(self, zone, first, last).filter(move |&(_, end)| end > t)
    }

    /// The end of the last window of the local day `date`, if it is a workday.
    pub fn last_end_on(&self, zone: Tz, date: NaiveDate) -> Option<DateTime<Utc>> {
        if self.is_day_off(date) {
            return None;
        }
        self.week.day(date.weekday()).iter().map(|w| w.end).max().map(|end| end.on(date, zone))
    }

    /// The start of the first window of the first workday after the local day of `t`. Read from
    /// each day's own windows, not the merged stretches: a window at 00:00 that continues
    /// yesterday's still starts its day.
    pub fn first_start_after_today(&self, zone: Tz, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        if !self.has_any_window() {
            return None;
        }
        let today = local_date(t, zone);
        (1..=HORIZON_DAYS)
            .map(|d| today + TimeDelta::days(d))
            .find_map(|date| self.day_intervals(zone, date).map(|(start, _)| start).min())
    }
}

/// The work intervals of a range of local days, merged where they touch, one at a time: an
/// interval is handed out once the next one is known not to touch it (or the range ends).
struct Merged<'a> {
    hours: &'a WorkHours,
    zone: Tz,
    /// The next local day to read; `None` past the range.
    next_day: Option<NaiveDate>,
    last_day: NaiveDate,
    /// Read but not yet merged: the rest of the current day's windows.
    day: std::collections::VecDeque<Interval>,
    /// The interval being merged into, not yet known to be complete.
    open: Option<Interval>,
}

impl<'a> Merged<'a> {
    fn new(hours: &'a WorkHours, zone: Tz, first: NaiveDate, last: NaiveDate) -> Self {
        let next_day = (first <= last).then_some(first);
        Self { hours, zone, next_day, last_day: last, day: Default::default(), open: None }
    }
}

impl Iterator for Merged<'_> {
    type Item = Interval;

    fn next(&mut self) -> Option<Interval> {
        loop {
            if let Some((start, end)) = self.day.pop_front() {
                match &mut self.open {
                    Some(open) if start <= open.1 => open.1 = open.1.max(end),
                    open => {
                        if let Some(done) = open.replace((start, end)) {
                            return Some(done);
                        }
                    }
                }
                continue;
            }
            let Some(date) = self.next_day.filter(|&d| d <= self.last_day) else {
                // The range is read: what is still open is complete as far as we look.
                return self.open.take();
            };
            self.day.extend(self.hours.day_intervals(self.zone, date));
            self.next_day = date.succ_opt();
        }
    }
}

pub const WEEKDAYS: [Weekday; 7] =
    [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

fn invalid(message: String) -> Error {
    Error::new(ErrorCode::InvalidWorkHours, message)
}

/// A weekday's field in [`Week`] (`"monday"`), as error fields name it.
fn day_field(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "monday",
        Weekday::Tue => "tuesday",
        Weekday::Wed => "wednesday",
        Weekday::Thu => "thursday",
        Weekday::Fri => "friday",
        Weekday::Sat => "saturday",
        Weekday::Sun => "sunday",
    }
}
