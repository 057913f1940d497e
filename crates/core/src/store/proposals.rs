//! Focus time booked for you: the proposals the user answered, by local day. Proposals nobody
//! answered are not stored; the planner makes them again from the day as it is.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, params};

use super::{from_millis, millis};
use crate::error::Result;
use crate::work_hours::Interval;

/// What the user said of a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Answer {
    Accepted,
    Skipped,
}

impl Answer {
    fn as_str(self) -> &'static str {
        match self {
            Self::Accepted => "accepted",
            Self::Skipped => "skipped",
        }
    }
}

/// Records `answer` for the proposal `span` of `day` (an answer given again replaces the first).
pub(crate) fn answer(conn: &Connection, day: NaiveDate, span: Interval, answer: Answer) -> Result<()> {
    conn.execute(
        "INSERT INTO focus_proposals (day, start_at, end_at, state) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (day, start_at) DO UPDATE SET end_at = excluded.end_at, state = excluded.state",
        params![day.to_string(), millis(span.0), millis(span.1), answer.as_str()],
    )?;
    Ok(())
}

/// Forgets the answer for the proposal starting at `start` on `day` (an accepted one moved away).
pub(crate) fn forget(conn: &Connection, day: NaiveDate, start: DateTime<Utc>) -> Result<()> {
    conn.execute(
        "DELETE FROM focus_proposals WHERE day = ?1 AND start_at = ?2",
        params![day.to_string(), millis(start)],
    )?;
    Ok(())
}

/// The day's answered proposals with `answer`, by start.
pub(crate) fn answered(conn: &Connection, day: NaiveDate, answer: Answer) -> Result<Vec<Interval>> {
    let mut stmt = conn.prepare_cached(
        "SELECT start_at, end_at FROM focus_proposals WHERE day = ?1 AND state = ?2 ORDER BY start_at",
    )?;
    let rows = stmt.query_map(params![day.to_string(), answer.as_str()], |r| {
        Ok((from_millis(r.get(0)?), from_millis(r.get(1)?)))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The accepted proposals of `day` and the days after it, with their day, by start.
pub(crate) fn accepted_since(conn: &Connection, day: NaiveDate) -> Result<Vec<(NaiveDate, Interval)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT day, start_at, end_at FROM focus_proposals WHERE day >= ?1 AND state = 'accepted' ORDER BY start_at",
    )?;
    let rows = stmt.query_map([day.to_string()], |r| {
        let day: String = r.get(0)?;
        let day = day.parse::<NaiveDate>().map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
        })?;
        Ok((day, (from_millis(r.get(1)?), from_millis(r.get(2)?))))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Forgets the answers of days before `day`: they can no longer matter.
pub(crate) fn forget_before(conn: &Connection, day: NaiveDate) -> Result<()> {
    conn.execute("DELETE FROM focus_proposals WHERE day < ?1", [day.to_string()])?;
    Ok(())
}
