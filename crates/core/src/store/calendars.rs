//! The calendars' events as their sources last read them, one row of JSON per calendar, and
//! which booked focus occurrences already ran.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::millis;
use crate::calendar::Event;
use crate::error::Result;

/// Every calendar's events. A row that no longer reads (written by a later version, or damaged)
/// is left out, as if the calendar had not been read yet: its source reads it again.
pub(crate) fn load(conn: &Connection) -> Result<BTreeMap<String, Vec<Event>>> {
    let mut stmt = conn.prepare_cached("SELECT calendar, events FROM calendar_events")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut calendars = BTreeMap::new();
    for row in rows {
        let (calendar, json) = row?;
        match serde_json::from_str(&json) {
            Ok(events) => {
                calendars.insert(calendar, events);
            }
            Err(err) => tracing::warn!("the stored events of calendar {calendar} do not read: {err}"),
        }
    }
    Ok(calendars)
}

pub(crate) fn save(conn: &Connection, calendar: &str, events: &[Event], at: DateTime<Utc>) -> Result<()> {
    let json = serde_json::to_string(events)
        .map_err(|err| crate::error::Error::new(crate::error::ErrorCode::Storage, err.to_string()))?;
    conn.execute(
        "INSERT INTO calendar_events (calendar, events, read_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (calendar) DO UPDATE SET events = excluded.events, read_at = excluded.read_at",
        params![calendar, json, millis(at)],
    )?;
    Ok(())
}

pub(crate) fn delete(conn: &Connection, calendar: &str) -> Result<()> {
    conn.execute("DELETE FROM calendar_events WHERE calendar = ?1", [calendar])?;
    Ok(())
}

/// The booked focus occurrences a block was started for since `since`: none starts again.
pub(crate) fn booked_taken(conn: &Connection, since: DateTime<Utc>) -> Result<HashSet<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT booked FROM focus_blocks WHERE booked IS NOT NULL AND started_at >= ?1")?;
    let rows = stmt.query_map([millis(since)], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
