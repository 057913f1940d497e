//! iCalendar (RFC 5545) read for what decides the mode: each `VEVENT`'s times, recurrence, title,
//! transparency, status and the attendees who declined. Every other component and property is
//! skipped.
//!
//! The one decision: the text is trusted for nothing. Its structure (`BEGIN`/`END`) must hold or
//! the whole text is refused with the line at fault, so a server sending garbage never replaces
//! a good calendar; but one event whose times cannot be read is only skipped (and counted), since
//! real calendars carry the odd broken entry and the rest of the week still matters.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// The most events one calendar may hold.
pub const MAX_EVENTS: usize = 20_000;
/// How deep components may nest (`VCALENDAR` › `VEVENT` › `VALARM` is three).
const MAX_DEPTH: usize = 8;

/// An instant as the calendar wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stamp {
    /// A whole day (`VALUE=DATE`): the user's day, wherever they are.
    Date(NaiveDate),
    /// A local time with no zone: the user's zone.
    Floating(NaiveDateTime),
    Utc(DateTime<Utc>),
    /// A local time in an IANA zone (`TZID=Europe/Berlin`), by its name.
    Zoned(NaiveDateTime, String),
}

impl Stamp {
    pub fn is_date(&self) -> bool {
        matches!(self, Self::Date(_))
    }
}

/// A `VEVENT`, as far as the mode cares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub uid: String,
    /// `SUMMARY`, unescaped; empty when there is none.
    pub title: String,
    pub start: Stamp,
    pub end: Option<Stamp>,
    /// `DURATION`, when there is no `DTEND`.
    pub duration_secs: Option<i64>,
    /// `RRULE`'s value, as written.
    pub rrule: Option<String>,
    pub exdates: Vec<Stamp>,
    pub rdates: Vec<Stamp>,
    /// Set on an override of one occurrence of a recurring event: the occurrence it replaces.
    pub recurrence_id: Option<Stamp>,
    /// `TRANSP`: `Some(true)` for free time, `Some(false)` for busy, `None` when not said.
    pub transparent: Option<bool>,
    /// `STATUS:CANCELLED`.
    pub cancelled: bool,
    /// The attendees (lower-case addresses) who declined.
    pub declined_by: Vec<String>,
}

/// What a calendar's text held.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub events: Vec<Event>,
    /// Events left out: their start could not be read.
    pub skipped: usize,
    /// `TZID`s that name no zone Lull knows; their times were read in the user's zone.
    pub unknown_zones: Vec<String>,
}

/// Why a text is not a calendar.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IcsError {
    #[error("not an iCalendar text: it does not begin with BEGIN:VCALENDAR")]
    NotACalendar,
    #[error("line {line}: {problem}")]
    Line { line: usize, problem: String },
    #[error("more than {MAX_EVENTS} events")]
    TooManyEvents,
}

/// Reads every event of `text` (one or more `VCALENDAR`s, as a CalDAV server or a file holds them).
pub fn parse(text: &str) -> Result<Parsed, IcsError> {
    let mut parsed = Parsed::default();
    let mut stack: Vec<String> = Vec::new();
    let mut event: Option<EventBuilder> = None;
    let mut seen_calendar = false;
    for (line_no, line) in unfold(text) {
        if line.trim().is_empty() {
            continue;
        }
        let bad = |problem: String| IcsError::Line { line: line_no, problem };
        let Some(property) = Property::parse(&line) else {
            if !seen_calendar {
                return Err(IcsError::NotACalendar);
            }
            return Err(bad(format!("{:?} is not a property", clip(&line))));
        };
        match property.name.as_str() {
            "BEGIN" => {
                let component = property.value.to_ascii_uppercase();
                if stack.is_empty() && component != "VCALENDAR" {
                    return Err(IcsError::NotACalendar);
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(bad("components nested too deep".into()));
                }
                seen_calendar = true;
                if component == "VEVENT" && stack.len() == 1 {
                    event = Some(EventBuilder { line: line_no, ..EventBuilder::default() });
                }
                stack.push(component);
            }
            "END" => {
                let component = property.value.to_ascii_uppercase();
                match stack.pop() {
                    Some(open) if open == component => {}
                    Some(open) => return Err(bad(format!("END:{component} inside {open}"))),
                    None => return Err(bad(format!("END:{component} with nothing open"))),
                }
                if component == "VEVENT" && stack.len() == 1 {
                    let Some(builder) = event.take() else { continue };
                    match builder.build(&mut parsed.unknown_zones) {
                        Some(built) => {
                            if parsed.events.len() == MAX_EVENTS {
                                return Err(IcsError::TooManyEvents);
                            }
                            parsed.events.push(built);
                        }
                        None => parsed.skipped += 1,
                    }
                }
            }
            _ if !seen_calendar => return Err(IcsError::NotACalendar),
            // A property of the event itself, not of an alarm inside it.
            _ if stack.len() == 2 && stack[1] == "VEVENT" => {
                if let Some(builder) = event.as_mut() {
                    builder.take(property);
                }
            }
            _ => {}
        }
    }
    if !seen_calendar {
        return Err(IcsError::NotACalendar);
    }
    if let Some(open) = stack.last() {
        return Err(IcsError::Line { line: text.lines().count(), problem: format!("{open} is never ended") });
    }
    Ok(parsed)
}

/// The logical lines of `text` with the number of the physical line each began on: a line that
/// begins with a space or a tab continues the one before (RFC 5545 §3.1).
fn unfold(text: &str) -> impl Iterator<Item = (usize, String)> + '_ {
    let mut lines = text.split('\n').enumerate().peekable();
    std::iter::from_fn(move || {
        let (at, first) = lines.next()?;
        let mut line = first.trim_end_matches('\r').to_owned();
        while let Some((_, next)) = lines.peek() {
            let Some(rest) = next.strip_prefix([' ', '\t']) else { break };
            line.push_str(rest.trim_end_matches('\r'));
            lines.next();
        }
        Some((at + 1, line))
    })
}

fn clip(text: &str) -> String {
    text.chars().take(60).collect()
}

/// One content line: `NAME;PARAM=value;…:value`.
#[derive(Debug)]
struct Property {
    name: String,
    params: Vec<(String, String)>,
    value: String,
}

impl Property {
    fn parse(line: &str) -> Option<Self> {
        let name_end = line.find([';', ':'])?;
        let name = line[..name_end].trim().to_ascii_uppercase();
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return None;
        }
        let mut params = Vec::new();
        let mut rest = &line[name_end..];
        while let Some(after) = rest.strip_prefix(';') {
            let eq = after.find('=')?;
            let key = after[..eq].trim().to_ascii_uppercase();
            let mut value_part = &after[eq + 1..];
            let value;
            if let Some(quoted) = value_part.strip_prefix('"') {
                let close = quoted.find('"')?;
                value = quoted[..close].to_owned();
                value_part = &quoted[close + 1..];
            } else {
                let end = value_part.find([';', ':'])?;
                value = value_part[..end].to_owned();
                value_part = &value_part[end..];
            }
            params.push((key, value));
            rest = value_part;
        }
        let value = rest.strip_prefix(':')?.to_owned();
        Some(Self { name, params, value })
    }

    fn param(&self, key: &str) -> Option<&str> {
        self.params.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, Default)]
struct EventBuilder {
    line: usize,
    uid: Option<String>,
    title: String,
    start: Option<Property>,
    end: Option<Property>,
    duration: Option<String>,
    rrule: Option<String>,
    exdates: Vec<Property>,
    rdates: Vec<Property>,
    recurrence_id: Option<Property>,
    transparent: Option<bool>,
    cancelled: bool,
    declined_by: Vec<String>,
}

impl EventBuilder {
    fn take(&mut self, property: Property) {
        match property.name.as_str() {
            "UID" => self.uid = Some(property.value),
            "SUMMARY" => self.title = unescape(&property.value),
            "DTSTART" => self.start = Some(property),
            "DTEND" => self.end = Some(property),
            "DURATION" => self.duration = Some(property.value),
            "RRULE" => self.rrule = Some(property.value),
            "EXDATE" => self.exdates.push(property),
            "RDATE" => self.rdates.push(property),
            "RECURRENCE-ID" => self.recurrence_id = Some(property),
            "TRANSP" => self.transparent = Some(property.value.trim().eq_ignore_ascii_case("TRANSPARENT")),
            "STATUS" => self.cancelled = property.value.trim().eq_ignore_ascii_case("CANCELLED"),
            "ATTENDEE" => {
                let declined = property.param("PARTSTAT").is_some_and(|p| p.eq_ignore_ascii_case("DECLINED"));
                if declined {
                    self.declined_by.push(address(&property.value));
                }
            }
            _ => {}
        }
    }

    /// The event, or `None` when its start cannot be read.
    fn build(self, unknown_zones: &mut Vec<String>) -> Option<Event> {
        let mut stamp = |p: &Property| stamps(p, unknown_zones);
        let start = stamp(self.start.as_ref()?)?.into_iter().next()?;
        let end = self.end.as_ref().and_then(&mut stamp).and_then(|s| s.into_iter().next());
        let recurrence_id = match &self.recurrence_id {
            Some(p) => Some(stamp(p)?.into_iter().next()?),
            None => None,
        };
        let exdates = self.exdates.iter().filter_map(&mut stamp).flatten().collect();
        let rdates = self.rdates.iter().filter_map(stamp).flatten().collect();
        let duration_secs = self.duration.as_deref().and_then(duration).map(|d| d.num_seconds());
        Some(Event {
            // An event without a UID is its own series.
            uid: self.uid.unwrap_or_else(|| format!("line-{}", self.line)),
            title: self.title,
            start,
            end,
            duration_secs,
            rrule: self.rrule,
            exdates,
            rdates,
            recurrence_id,
            transparent: self.transparent,
            cancelled: self.cancelled,
            declined_by: self.declined_by,
        })
    }
}

/// `mailto:Ann@Example.org` → `ann@example.org`.
fn address(value: &str) -> String {
    let value = value.trim();
    let value = value.get(..7).filter(|p| p.eq_ignore_ascii_case("mailto:")).map_or(value, |_| &value[7..]);
    value.to_ascii_lowercase()
}

/// TEXT's escapes (`\n`, `\,`, `\;`, `\\`) undone.
fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// The stamps of a DTSTART, DTEND, EXDATE, RDATE or RECURRENCE-ID (the last two may list several,
/// comma-separated); `None` when one cannot be read. RDATE's periods are not read.
fn stamps(property: &Property, unknown_zones: &mut Vec<String>) -> Option<Vec<Stamp>> {
    let is_date = property.param("VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE"));
    let zone = property.param("TZID").map(|tzid| match zone(tzid) {
        Some(tz) => Some(tz),
        None => {
            if !unknown_zones.iter().any(|z| z == tzid) {
                unknown_zones.push(tzid.to_owned());
            }
            None
        }
    });
    property.value.split(',').map(|v| stamp(v.trim(), is_date, zone)).collect()
}

fn stamp(value: &str, is_date: bool, zone: Option<Option<Tz>>) -> Option<Stamp> {
    if is_date || value.len() == 8 {
        return NaiveDate::parse_from_str(value, "%Y%m%d").ok().map(Stamp::Date);
    }
    if let Some(utc) = value.strip_suffix(['Z', 'z']) {
        let at = NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S").ok()?;
        return Some(Stamp::Utc(at.and_utc()));
    }
    let at = NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").ok()?;
    Some(match zone {
        Some(Some(tz)) => Stamp::Zoned(at, tz.name().to_owned()),
        _ => Stamp::Floating(at),
    })
}

/// The IANA zone a `TZID` names: the name itself, the tail of a prefixed one
/// (`/mozilla.org/20050126_1/Europe/Berlin`), or a Windows name as Outlook and Exchange write it.
pub fn zone(tzid: &str) -> Option<Tz> {
    let tzid = tzid.trim();
    if let Ok(tz) = tzid.parse::<Tz>() {
        return Some(tz);
    }
    let parts: Vec<&str> = tzid.split('/').filter(|p| !p.is_empty()).collect();
    for take in [3, 2] {
        if parts.len() > take
            && let Ok(tz) = parts[parts.len() - take..].join("/").parse::<Tz>()
        {
            return Some(tz);
        }
    }
    WINDOWS_ZONES
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(tzid))
        .and_then(|(_, iana)| iana.parse().ok())
}

/// The Windows zone names seen most in invitations, with the IANA zone of each (CLDR's
/// windowsZones, the "001" territory).
const WINDOWS_ZONES: &[(&str, &str)] = &[
    ("UTC", "Etc/UTC"),
    ("GMT Standard Time", "Europe/London"),
    ("W. Europe Standard Time", "Europe/Berlin"),
    ("Romance Standard Time", "Europe/Paris"),
    ("Central Europe Standard Time", "Europe/Budapest"),
    ("Central European Standard Time", "Europe/Warsaw"),
    ("E. Europe Standard Time", "Europe/Chisinau"),
    ("FLE Standard Time", "Europe/Kiev"),
    ("GTB Standard Time", "Europe/Bucharest"),
    ("Russian Standard Time", "Europe/Moscow"),
    ("Eastern Standard Time", "America/New_York"),
    ("Central Standard Time", "America/Chicago"),
    ("Mountain Standard Time", "America/Denver"),
    ("US Mountain Standard Time", "America/Phoenix"),
    ("Pacific Standard Time", "America/Los_Angeles"),
    ("Alaskan Standard Time", "America/Anchorage"),
    ("Hawaiian Standard Time", "Pacific/Honolulu"),
    ("Atlantic Standard Time", "America/Halifax"),
    ("E. South America Standard Time", "America/Sao_Paulo"),
    ("India Standard Time", "Asia/Kolkata"),
    ("China Standard Time", "Asia/Shanghai"),
    ("Tokyo Standard Time", "Asia/Tokyo"),
    ("Korea Standard Time", "Asia/Seoul"),
    ("Singapore Standard Time", "Asia/Singapore"),
    ("AUS Eastern Standard Time", "Australia/Sydney"),
    ("New Zealand Standard Time", "Pacific/Auckland"),
    ("South Africa Standard Time", "Africa/Johannesburg"),
    ("Israel Standard Time", "Asia/Jerusalem"),
    ("Arabian Standard Time", "Asia/Dubai"),
];

/// A `DURATION` value: `P1W`, `PT1H30M`, `P1DT12H`, `-PT15M`.
pub(crate) fn duration(value: &str) -> Option<TimeDelta> {
    let value = value.trim();
    let (sign, rest) = match value.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, value.strip_prefix('+').unwrap_or(value)),
    };
    let rest = rest.strip_prefix(['P', 'p'])?;
    let mut total = 0i64;
    let mut number = String::new();
    let mut in_time = false;
    let mut any = false;
    for c in rest.chars() {
        match c.to_ascii_uppercase() {
            'T' if number.is_empty() => in_time = true,
            d @ '0'..='9' => number.push(d),
            unit => {
                let n: i64 = number.parse().ok()?;
                number.clear();
                let secs = match (unit, in_time) {
                    ('W', false) => 7 * 86_400,
                    ('D', false) => 86_400,
                    ('H', true) => 3_600,
                    ('M', true) => 60,
                    ('S', true) => 1,
                    _ => return None,
                };
                total = total.checked_add(n.checked_mul(secs)?)?;
                any = true;
            }
        }
    }
    (any && number.is_empty()).then(|| TimeDelta::seconds(sign * total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_lines_params_and_escapes_are_read() {
        let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a@x\r\nSUMMARY:Plan\\, then\r\n  review\\; ok\r\n\
                    DTSTART;TZID=\"Europe/Berlin\":20261202T090000\r\nDURATION:PT1H30M\r\n\
                    ATTENDEE;CN=\"Me: myself\";PARTSTAT=DECLINED:mailto:Me@Example.org\r\n\
                    END:VEVENT\r\nEND:VCALENDAR\r\n";
        let parsed = parse(text).expect("a calendar");
        let event = &parsed.events[0];
        assert_eq!(event.title, "Plan, then review; ok");
        assert_eq!(
            event.start,
            Stamp::Zoned(
                NaiveDate::from_ymd_opt(2026, 12, 2).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("a time"),
                "Europe/Berlin".into()
            )
        );
        assert_eq!(event.duration_secs, Some(5_400));
        assert_eq!(event.declined_by, ["me@example.org"]);
    }

    #[test]
    fn garbage_is_refused_with_the_line_at_fault() {
        assert_eq!(parse("<html>oops</html>"), Err(IcsError::NotACalendar));
        assert_eq!(parse(""), Err(IcsError::NotACalendar));
        let unclosed = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261202T090000Z\n";
        assert!(matches!(parse(unclosed), Err(IcsError::Line { .. })), "{:?}", parse(unclosed));
        let crossed = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VCALENDAR\n";
        assert!(matches!(parse(crossed), Err(IcsError::Line { line: 3, .. })), "{:?}", parse(crossed));
    }

    #[test]
    fn an_event_without_a_readable_start_is_skipped_not_fatal() {
        let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:tomorrow\nEND:VEVENT\n\
                    BEGIN:VEVENT\nUID:b\nDTSTART:20261202T090000Z\nEND:VEVENT\nEND:VCALENDAR\n";
        let parsed = parse(text).expect("a calendar");
        assert_eq!((parsed.events.len(), parsed.skipped), (1, 1));
    }

    #[test]
    fn zones_are_found_by_iana_prefixed_and_windows_names() {
        assert_eq!(zone("Europe/Berlin"), Some(chrono_tz::Europe::Berlin));
        assert_eq!(zone("/mozilla.org/20050126_1/America/New_York"), Some(chrono_tz::America::New_York));
        assert_eq!(
            zone("/freeassociation.sourceforge.net/America/Argentina/Buenos_Aires").map(|z| z.name()),
            Some("America/Argentina/Buenos_Aires")
        );
        assert_eq!(zone("W. Europe Standard Time"), Some(chrono_tz::Europe::Berlin));
        assert_eq!(zone("Mars/Olympus_Mons"), None);
    }

    #[test]
    fn durations_read_as_rfc_5545_writes_them() {
        assert_eq!(duration("PT1H30M"), Some(TimeDelta::minutes(90)));
        assert_eq!(duration("P1W"), Some(TimeDelta::days(7)));
        assert_eq!(duration("P1DT12H"), Some(TimeDelta::hours(36)));
        assert_eq!(duration("-PT15M"), Some(TimeDelta::minutes(-15)));
        for bad in ["", "P", "PT", "1H", "PT1X", "P1H", "PT99999999999999999999S"] {
            assert_eq!(duration(bad), None, "{bad:?}");
        }
    }
}
