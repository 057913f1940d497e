//! The digests table: a digest is recorded with its release, and stays owed until whoever shows
//! it records it announced (a restart announces the owed ones again).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::millis;
use crate::error::Result;

/// Digests recorded but not yet published (a crash came between the two).
pub(crate) fn unannounced(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT summary FROM digests WHERE announced_at IS NULL ORDER BY id")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The digest `id`'s summary, as recorded.
pub(crate) fn summary(conn: &Connection, id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT summary FROM digests WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

pub(crate) fn insert(conn: &Connection, at: DateTime<Utc>, reason: &str, count: i64) -> Result<i64> {
    conn.execute(
        "INSERT INTO digests (created_at, reason, count, summary) VALUES (?1, ?2, ?3, '{}')",
        params![millis(at), reason, count],
    )?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn set_summary(conn: &Connection, id: i64, summary: &str) -> Result<()> {
    conn.execute("UPDATE digests SET summary = ?2 WHERE id = ?1", params![id, summary])?;
    Ok(())
}

pub(crate) fn mark_all_announced(conn: &Connection, at: DateTime<Utc>) -> Result<()> {
    conn.execute("UPDATE digests SET announced_at = ?1 WHERE announced_at IS NULL", [millis(at)])?;
    Ok(())
}

pub(crate) fn mark_announced(conn: &Connection, id: i64, at: DateTime<Utc>) -> Result<()> {
    conn.execute(
        "UPDATE digests SET announced_at = ?2 WHERE id = ?1 AND announced_at IS NULL",
        params![id, millis(at)],
    )?;
    Ok(())
}
