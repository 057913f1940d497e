//! Messages in pages and spans: the not-done inbox (keyset pages), full-text search, and what an
//! export reads (in pages, or a dated export's one day at once).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params, params_from_iter};

use super::super::millis;
use super::{COLUMNS, from_row};
use crate::error::Result;
use crate::message::{Message, MessageId};

/// The not-done inbox, newest first, after the keyset cursor `(received_at, id)` when given.
pub(crate) fn not_done_page(
    conn: &Connection,
    after: Option<(DateTime<Utc>, MessageId)>,
    limit: usize,
    include_snoozed: bool,
) -> Result<Vec<Message>> {
    let snoozed = if include_snoozed { "" } else { "AND state <> 'snoozed'" };
    let (cursor, args): (&str, Vec<i64>) = match after {
        Some((at, id)) => ("AND (received_at, id) < (?1, ?2)", vec![millis(at), id]),
        None => ("", vec![]),
    };
    let sql = format!(
        "SELECT {COLUMNS} FROM messages INDEXED BY messages_not_done
         WHERE state <> 'done' {snoozed} {cursor} ORDER BY received_at DESC, id DESC LIMIT {limit}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(args), from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Full-text search, newest first (by id, which grows with arrival). Walking the match list in
/// rowid order and stopping at `limit` keeps common words fast: nothing ranks the whole set.
pub(crate) fn search(
    conn: &Connection,
    fts_query: &str,
    before: Option<MessageId>,
    limit: usize,
) -> Result<Vec<Message>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM messages WHERE id IN (
             SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?1 AND rowid < ?2 ORDER BY rowid DESC LIMIT {limit}
         ) ORDER BY id DESC"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![fts_query, before.unwrap_or(i64::MAX)], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Up to `limit` messages received in `[from, to)` after `after` (a message's received time and
/// id), oldest first: an export read in pages, so that all of it is never in memory at once.
pub(crate) fn received_page(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    after: Option<(DateTime<Utc>, MessageId)>,
    limit: usize,
) -> Result<Vec<Message>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM messages WHERE received_at >= ?1 AND received_at < ?2 \
         AND (received_at, id) > (?3, ?4) ORDER BY received_at, id LIMIT ?5"
    );
    let (after_at, after_id) = after.map_or((i64::MIN, MessageId::MIN), |(at, id)| (millis(at), id));
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows =
        stmt.query_map(params![millis(from), millis(to), after_at, after_id, limit as i64], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Messages received in `[from, to)`, oldest first.
pub(crate) fn received_between(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Message>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM messages WHERE received_at >= ?1 AND received_at < ?2 ORDER BY received_at, id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![millis(from), millis(to)], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
