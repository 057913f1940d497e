//! Looking messages up and counting them: by id or dedupe key, the held counts and groups, the
//! snoozes due, pins, and what a day's stats read.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::super::{from_millis, millis};
use super::{COLUMNS, from_row};
use crate::block::BlockId;
use crate::error::Result;
use crate::message::{Message, MessageId, PinState, Source};

/// The message stored under (source, dedupe key), if any.
pub(crate) fn by_dedupe_key(conn: &Connection, source: Source, key: &str) -> Result<Option<Message>> {
    let sql = format!("SELECT {COLUMNS} FROM messages WHERE source = ?1 AND dedupe_key = ?2");
    Ok(conn.prepare_cached(&sql)?.query_row(params![source.as_str(), key], from_row).optional()?)
}

pub(crate) fn get(conn: &Connection, id: MessageId) -> Result<Option<Message>> {
    let sql = format!("SELECT {COLUMNS} FROM messages WHERE id = ?1");
    Ok(conn.prepare_cached(&sql)?.query_row([id], from_row).optional()?)
}

pub(crate) fn get_many(conn: &Connection, ids: &[MessageId]) -> Result<Vec<Message>> {
    let mut out = Vec::with_capacity(ids.len());
    for &id in ids {
        if let Some(m) = get(conn, id)? {
            out.push(m);
        }
    }
    Ok(out)
}

/// Which of `ids` do not exist.
pub(crate) fn unknown_ids(conn: &Connection, ids: &[MessageId]) -> Result<Vec<MessageId>> {
    let mut stmt = conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM messages WHERE id = ?1)")?;
    let mut unknown = Vec::new();
    for &id in ids {
        if !stmt.query_row([id], |r| r.get::<_, bool>(0))? {
            unknown.push(id);
        }
    }
    Ok(unknown)
}

pub(crate) fn held_count(conn: &Connection) -> Result<i64> {
    count(conn, "held")
}

pub(crate) fn not_done_count(conn: &Connection) -> Result<i64> {
    Ok(count(conn, "held")? + count(conn, "delivered")? + count(conn, "released")? + count(conn, "snoozed")?)
}

/// How many messages are in `state`, from the counts the triggers keep.
fn count(conn: &Connection, state: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT n FROM message_counts WHERE state = ?1")?
        .query_row([state], |r| r.get(0))
        .optional()?
        .unwrap_or(0))
}

/// How the held messages group by who sent them: (label, count), largest first. The label is the
/// sender, else the source detail (app, topic), else the source.
pub(crate) fn held_by_sender(conn: &Connection) -> Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT coalesce(sender, source_detail, source) AS who, count(*) AS n FROM messages
         WHERE state = 'held' GROUP BY who ORDER BY n DESC, who",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn held_by_source(conn: &Connection) -> Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT source, count(*) AS n FROM messages WHERE state = 'held' GROUP BY source ORDER BY n DESC, source",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Snoozed messages whose time has come.
pub(crate) fn snoozes_due(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<MessageId>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM messages INDEXED BY messages_snoozed
         WHERE state = 'snoozed' AND snoozed_until <= ?1 ORDER BY snoozed_until, id",
    )?;
    let rows = stmt.query_map([millis(now)], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn next_snooze_end(conn: &Connection) -> Result<Option<DateTime<Utc>>> {
    let ms: Option<i64> = conn
        .prepare_cached(
            "SELECT min(snoozed_until) FROM messages INDEXED BY messages_snoozed WHERE state = 'snoozed'",
        )?
        .query_row([], |r| r.get(0))?;
    Ok(ms.map(from_millis))
}

/// Pinned messages, not done, whose due date has come and that were not announced yet.
pub(crate) fn pins_due(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<MessageId>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM messages INDEXED BY messages_pins_due
         WHERE pinned AND pin_due IS NOT NULL AND NOT pin_announced AND state <> 'done' AND pin_due <= ?1
         ORDER BY pin_due, id",
    )?;
    let rows = stmt.query_map([millis(now)], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The next due date of a pin still to announce.
pub(crate) fn next_pin_due(conn: &Connection) -> Result<Option<DateTime<Utc>>> {
    let ms: Option<i64> = conn
        .prepare_cached(
            "SELECT min(pin_due) FROM messages INDEXED BY messages_pins_due
             WHERE pinned AND pin_due IS NOT NULL AND NOT pin_announced AND state <> 'done'",
        )?
        .query_row([], |r| r.get(0))?;
    Ok(ms.map(from_millis))
}

/// The pin of each of `ids` (that exists), in the order of `ids`.
pub(crate) fn pin_states(conn: &Connection, ids: &[MessageId]) -> Result<Vec<PinState>> {
    let mut stmt = conn.prepare_cached("SELECT pinned, pin_due FROM messages WHERE id = ?1")?;
    let mut states = Vec::with_capacity(ids.len());
    for &id in ids {
        let state = stmt
            .query_row([id], |r| {
                Ok(PinState { id, pinned: r.get(0)?, pin_due: r.get::<_, Option<i64>>(1)?.map(from_millis) })
            })
            .optional()?;
        states.extend(state);
    }
    Ok(states)
}

/// Messages received in `[from, to)` that were held, and that broke through.
pub(crate) fn arrivals_between(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<(i64, i64)> {
    Ok(conn
        .prepare_cached(
            "SELECT coalesce(sum(decision = 'held'), 0), coalesce(sum(decision = 'broke_through'), 0)
             FROM messages WHERE received_at >= ?1 AND received_at < ?2",
        )?
        .query_row(params![millis(from), millis(to)], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

pub(crate) fn breakthroughs_in_block(conn: &Connection, block: BlockId) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM messages WHERE block_id = ?1 AND decision = 'broke_through'")?
        .query_row([block], |r| r.get(0))?)
}
