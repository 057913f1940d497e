//! A calendar's events as the occurrences inside a stretch of time: recurrences expanded in the
//! event's own zone (a weekly 09:00 in Berlin stays at 09:00 across daylight saving), EXDATEs
//! removed, overrides put in place of the occurrence they replace.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta, Utc};
use chrono_tz::Tz;

use super::ics::{Event, Stamp};
use crate::local_time::resolve_local;

/// How many occurrences one recurring event may have inside the stretch looked at.
const MAX_PER_EVENT: u16 = 2_000;

/// One occurrence of an event, in `[start, end)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence<'a> {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub event: &'a Event,
}

/// The occurrences of `events` that overlap `[from, to)`, by start. Floating times and whole days
/// are read in `zone`, the user's.
pub fn occurrences(
    events: &[Event],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    zone: Tz,
) -> Vec<Occurrence<'_>> {
    // The overrides of each series, by the start of the occurrence each replaces.
    let mut replaced: HashMap<&str, HashSet<DateTime<Utc>>> = HashMap::new();
    for event in events {
        if let Some(id) = &event.recurrence_id {
            replaced.entry(event.uid.as_str()).or_default().insert(instant(id, zone));
        }
    }
    let mut found = Vec::new();
    for event in events {
        let start = instant(&event.start, zone);
        let length = length(event, zone);
        let overlaps = |s: DateTime<Utc>| s < to && s + length > from;
        if event.recurrence_id.is_some() || (event.rrule.is_none() && event.rdates.is_empty()) {
            if overlaps(start) {
                found.push(Occurrence { start, end: start + length, event });
            }
            continue;
        }
        let excluded: HashSet<DateTime<Utc>> = event.exdates.iter().map(|s| instant(s, zone)).collect();
        let replaced = replaced.get(event.uid.as_str());
        let mut starts = recurrences(event, from - length, to, zone);
        starts.extend(event.rdates.iter().map(|s| instant(s, zone)).filter(|&s| overlaps(s)));
        starts.sort();
        starts.dedup();
        for s in starts {
            if overlaps(s) && !excluded.contains(&s) && !replaced.is_some_and(|r| r.contains(&s)) {
                found.push(Occurrence { start: s, end: s + length, event });
            }
        }
    }
    found.sort_by_key(|o| (o.start, o.end));
    found
}

/// The starts the RRULE gives from `after` to `before` (the first occurrence included). A rule
/// that cannot be read gives the first occurrence only: the event is not lost.
fn recurrences(event: &Event, after: DateTime<Utc>, before: DateTime<Utc>, zone: Tz) -> Vec<DateTime<Utc>> {
    let first = instant(&event.start, zone);
    let Some(rule) = &event.rrule else { return vec![first] };
    let event_zone = match &event.start {
        Stamp::Utc(_) => Tz::UTC,
        Stamp::Zoned(_, name) => name.parse().unwrap_or(zone),
        Stamp::Date(_) | Stamp::Floating(_) => zone,
    };
    // UNTIL is applied here, not by the rrule crate: calendars write it as a date, a UTC time
    // or a local one, where the crate only takes the form that matches DTSTART's.
    let (rule, until) = split_until(rule, event_zone);
    let before = until.map_or(before, |until| before.min(until + TimeDelta::seconds(1)));
    if before < first {
        return Vec::new();
    }
    let rtz = rrule::Tz::Tz(event_zone);
    let dt_start = first.with_timezone(&rtz);
    let Ok(rule) = rule.parse::<rrule::RRule<rrule::Unvalidated>>() else {
        tracing::debug!("{}: an RRULE that cannot be read: {rule}", event.uid);
        return vec![first];
    };
    let Ok(set) = rule.build(dt_start) else {
        tracing::debug!("{}: an RRULE that does not fit its DTSTART", event.uid);
        return vec![first];
    };
    let set = set.after(after.max(first).with_timezone(&rtz)).before(before.with_timezone(&rtz));
    set.all(MAX_PER_EVENT).dates.into_iter().map(|d| d.with_timezone(&Utc)).collect()
}

/// The rule without its UNTIL, and UNTIL as an instant: a date means the end of that day in the
/// event's zone, a local time that time in the zone.
fn split_until(rule: &str, zone: Tz) -> (String, Option<DateTime<Utc>>) {
    let mut until = None;
    let parts: Vec<&str> = rule
        .split(';')
        .filter(|part| {
            let Some((key, value)) = part.split_once('=') else { return true };
            if !key.trim().eq_ignore_ascii_case("UNTIL") {
                return true;
            }
            let value = value.trim();
            until = if let Some(utc) = value.strip_suffix(['Z', 'z']) {
                NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S").ok().map(|t| t.and_utc())
            } else if let Ok(date) = NaiveDate::parse_from_str(value, "%Y%m%d") {
                let day_end = date.and_hms_opt(23, 59, 59).unwrap_or_default();
                Some(local_instant(day_end, zone))
            } else {
                NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").ok().map(|t| local_instant(t, zone))
            };
            false
        })
        .collect();
    (parts.join(";"), until)
}

/// How long each occurrence lasts: DTEND − DTSTART, else DURATION, else a day for a whole-day
/// event and nothing for a timed one (RFC 5545 §3.6.1), which is then no meeting at all.
fn length(event: &Event, zone: Tz) -> TimeDelta {
    let start = instant(&event.start, zone);
    let length = match (&event.end, event.duration_secs) {
        (Some(end), _) => instant(end, zone) - start,
        (None, Some(secs)) => TimeDelta::seconds(secs),
        (None, None) if event.start.is_date() => TimeDelta::days(1),
        (None, None) => TimeDelta::zero(),
    };
    length.clamp(TimeDelta::zero(), TimeDelta::days(366))
}

/// The instant a stamp names; whole days begin at the user's midnight.
pub(crate) fn instant(stamp: &Stamp, zone: Tz) -> DateTime<Utc> {
    match stamp {
        Stamp::Utc(at) => *at,
        Stamp::Date(date) => local_instant(date.and_hms_opt(0, 0, 0).unwrap_or_default(), zone),
        Stamp::Floating(at) => local_instant(*at, zone),
        Stamp::Zoned(at, name) => local_instant(*at, name.parse().unwrap_or(zone)),
    }
}

fn local_instant(at: NaiveDateTime, zone: Tz) -> DateTime<Utc> {
    resolve_local(at, zone)
}
