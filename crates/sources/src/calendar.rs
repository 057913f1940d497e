//! Calendars: ICS files, ICS URLs and CalDAV collections, read (never written) at each one's
//! interval and handed to the engine whole, which works out the meetings and the booked focus.
//!
//! The one decision: a read that fails (a server down, a file gone, garbage where a calendar
//! should be) changes nothing the engine knows. The events read last stay in force, and the
//! calendar's status says what is wrong, so a flaky server never cancels this afternoon's
//! meetings. Each calendar is a subscription of the shared remote machinery: its status, its
//! password in the Secret Service, its pauses while it fails, a fresh read after sleep.

use chrono::{DateTime, TimeDelta, Utc};
use lull_core::calendar::{self, CalendarKind, CalendarSource, Event, IcsError};
use lull_core::{Engine, ErrorCode, Settings};

use crate::http::{self, HttpError, Url};
use crate::remote::{self, Ended, Progress, Shared};

/// The calendars, each read at its interval.
pub type Calendars = remote::Remote<CalendarSource>;

/// The largest calendar Lull reads (a file, an ICS URL's body, a CalDAV answer).
pub const MAX_BYTES: usize = 16 * 1024 * 1024;
/// How far around now a CalDAV collection is asked for events: as far as the engine looks.
const CALDAV_BEFORE: TimeDelta = TimeDelta::days(2);
const CALDAV_AHEAD: TimeDelta = TimeDelta::days(16);

impl remote::Subscription for CalendarSource {
    const KIND: &'static str = "calendar";

    fn id(&self) -> &str {
        &self.id
    }

    fn enabled(&self) -> bool {
        self.enabled
    }

    fn of(settings: &Settings) -> Vec<Self> {
        settings.calendars.clone()
    }

    fn credential(&self) -> Option<String> {
        self.user.as_ref().map(|_| self.secret_key())
    }

    async fn stream(&self, engine: &Engine, shared: &Shared, progress: &mut Progress) -> Ended {
        let mut validators = Validators::default();
        let every = std::time::Duration::from_secs(u64::from(self.poll_minutes) * 60);
        loop {
            match read(self, shared, &mut validators).await {
                Ok(Some(texts)) => {
                    let (events, note) = match events_of(&texts) {
                        Ok(read) => read,
                        Err(err) => return Ended::Down(format!("not a calendar: {err}")),
                    };
                    let count = events.len();
                    match engine.set_calendar(self.id.clone(), events).await {
                        Ok(()) => {}
                        Err(err) if err.code == ErrorCode::EngineStopped => return Ended::EngineStopped,
                        Err(err) => return Ended::Down(format!("its events were not kept: {err}")),
                    }
                    let events = if count == 1 { "1 event".to_owned() } else { format!("{count} events") };
                    progress.opened_with(Some(format!("{events}{note}")));
                }
                // Not modified since the last read: what the engine has stands.
                Ok(None) => progress.opened_with(None),
                // The next try, a new stream, asks for the whole calendar again.
                Err(ended) => return ended,
            }
            tokio::time::sleep(every).await;
        }
    }
}

/// What an ICS URL said about the version last read, sent back so an unchanged calendar is
/// answered 304 instead of being sent again.
#[derive(Debug, Default)]
struct Validators {
    etag: Option<String>,
    last_modified: Option<String>,
}

/// The calendar's texts (a file or an ICS URL is one; a CalDAV collection one per event), or
/// `None` when the server says nothing changed.
async fn read(
    calendar: &CalendarSource,
    shared: &Shared,
    validators: &mut Validators,
) -> Result<Option<Vec<String>>, Ended> {
    if let Some(path) = calendar.path() {
        return read_file(path).await.map(|text| Some(vec![text]));
    }
    let url = Url::parse(&calendar.url).map_err(|err| Ended::Refused(err.to_string()))?;
    let mut headers = Vec::new();
    if let Some(user) = &calendar.user {
        let password = shared.secret(&calendar.secret_key()).await.map_err(Ended::NoCredential)?;
        headers.push(("authorization", crate::ntfy::basic(user, &password)));
    }
    match calendar.kind {
        CalendarKind::Ics => {
            if let Some(etag) = &validators.etag {
                headers.push(("if-none-match", etag.clone()));
            }
            if let Some(modified) = &validators.last_modified {
                headers.push(("if-modified-since", modified.clone()));
            }
            headers.push(("accept", "text/calendar".to_owned()));
            let fetched = http::fetch(&url, "GET", &headers, Vec::new(), MAX_BYTES).await.map_err(down)?;
            if fetched.status == hyper::StatusCode::NOT_MODIFIED {
                return Ok(None);
            }
            check_status(fetched.status)?;
            let header = |name| fetched.headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
            *validators = Validators { etag: header("etag"), last_modified: header("last-modified") };
            Ok(Some(vec![utf8(fetched.body)?]))
        }
        CalendarKind::Caldav => {
            let now = shared.clock.now();
            headers.push(("depth", "1".to_owned()));
            headers.push(("content-type", "application/xml; charset=utf-8".to_owned()));
            let body = calendar_query(now - CALDAV_BEFORE, now + CALDAV_AHEAD).into_bytes();
            let fetched = http::fetch(&url, "REPORT", &headers, body, MAX_BYTES).await.map_err(down)?;
            check_status(fetched.status)?;
            let text = utf8(fetched.body)?;
            calendar_data(&text).map(Some).map_err(Ended::Down)
        }
    }
}

async fn read_file(path: &str) -> Result<String, Ended> {
    let cannot = |err: std::io::Error| Ended::Down(format!("cannot read {path}: {err}"));
    let size = tokio::fs::metadata(path).await.map_err(cannot)?.len();
    if size > MAX_BYTES as u64 {
        return Err(Ended::Down(format!("{path} is larger than {} MiB", MAX_BYTES / (1024 * 1024))));
    }
    utf8(tokio::fs::read(path).await.map_err(cannot)?)
}

fn utf8(bytes: Vec<u8>) -> Result<String, Ended> {
    String::from_utf8(bytes).map_err(|_| Ended::Down("not a calendar: the text is not UTF-8".to_owned()))
}

fn down(err: HttpError) -> Ended {
    Ended::Down(err.to_string())
}

/// 2xx (207 for a REPORT) goes on; a refused login or a missing calendar is the settings' to fix.
fn check_status(status: hyper::StatusCode) -> Result<(), Ended> {
    match status.as_u16() {
        200..=299 => Ok(()),
        401 | 403 => Err(Ended::Refused(format!("the server refused the login ({status})"))),
        404 | 405 | 410 => Err(Ended::Refused(format!("no calendar at this URL ({status})"))),
        _ => Err(Ended::Down(HttpError::Status(status).to_string())),
    }
}

/// Every event of `texts`, and a note on what was left out (", 2 unreadable events skipped").
fn events_of(texts: &[String]) -> Result<(Vec<Event>, String), IcsError> {
    let mut events = Vec::new();
    let (mut skipped, mut zones) = (0, Vec::<String>::new());
    for text in texts {
        let parsed = calendar::parse(text)?;
        if events.len() + parsed.events.len() > calendar::ics::MAX_EVENTS {
            return Err(IcsError::TooManyEvents);
        }
        events.extend(parsed.events);
        skipped += parsed.skipped;
        zones.extend(parsed.unknown_zones.into_iter().filter(|z| !zones.contains(z)).collect::<Vec<_>>());
    }
    let mut note = String::new();
    if skipped > 0 {
        note.push_str(&format!(", {skipped} unreadable skipped"));
    }
    if !zones.is_empty() {
        note.push_str(&format!(", unknown zones read as yours: {}", zones.join(", ")));
    }
    Ok((events, note))
}

/// A CalDAV `calendar-query` (RFC 4791 §7.8) for the events that overlap `[from, to)`: each one's
/// whole resource (a recurring event with its overrides) comes back.
fn calendar_query(from: DateTime<Utc>, to: DateTime<Utc>) -> String {
    let stamp = |t: DateTime<Utc>| t.format("%Y%m%dT%H%M%SZ").to_string();
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><D:getetag/><C:calendar-data/></D:prop>
  <C:filter>
    <C:comp-filter name="VCALENDAR">
      <C:comp-filter name="VEVENT"><C:time-range start="{}" end="{}"/></C:comp-filter>
    </C:comp-filter>
  </C:filter>
</C:calendar-query>
"#,
        stamp(from),
        stamp(to)
    )
}

/// The `calendar-data` of every response in a multistatus answer.
fn calendar_data(xml: &str) -> Result<Vec<String>, String> {
    const CALDAV: &str = "urn:ietf:params:xml:ns:caldav";
    let document = roxmltree::Document::parse(xml).map_err(|err| format!("not a CalDAV answer: {err}"))?;
    let root = document.root_element();
    if !root.has_tag_name(("DAV:", "multistatus")) {
        return Err(format!("not a CalDAV answer: <{}>", root.tag_name().name()));
    }
    Ok(root
        .descendants()
        .filter(|n| n.has_tag_name((CALDAV, "calendar-data")))
        .filter_map(|n| n.text().map(str::to_owned))
        .filter(|text| !text.trim().is_empty())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_multistatus_answer_gives_each_resources_calendar_data() {
        let xml = r#"<?xml version="1.0"?>
<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <response><href>/a.ics</href><propstat><prop><getetag>"1"</getetag>
    <C:calendar-data>BEGIN:VCALENDAR&#13;
END:VCALENDAR</C:calendar-data></prop><status>HTTP/1.1 200 OK</status></propstat></response>
  <response><href>/b.ics</href><propstat><prop><C:calendar-data/></prop></propstat></response>
</multistatus>"#;
        assert_eq!(calendar_data(xml).expect("read"), ["BEGIN:VCALENDAR\r\nEND:VCALENDAR"]);
        assert!(calendar_data("<html><body>Login</body></html>").is_err());
        assert!(calendar_data("BEGIN:VCALENDAR").is_err());
    }

    #[test]
    fn the_query_asks_for_events_overlapping_the_stretch() {
        let from = DateTime::<Utc>::UNIX_EPOCH;
        let query = calendar_query(from, from + TimeDelta::days(1));
        assert!(
            query.contains(r#"<C:time-range start="19700101T000000Z" end="19700102T000000Z"/>"#),
            "{query}"
        );
    }
}
