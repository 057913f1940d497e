//! Queries behind the review window: the inbox's groups, one group's messages, and the figures
//! for the stats view. Groups are (source, sender or app, thread), read from the
//! `messages_groups` index, whose expressions the queries here repeat word for word.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::messages::{PREVIEW_COLUMNS, from_row};
use super::{from_millis, millis};
use crate::error::Result;
use crate::message::{Message, MessageId, Source};

/// One group's figures, as the store counts them.
pub(crate) struct GroupRow {
    pub source: Source,
    pub who: String,
    pub thread: String,
    pub count: i64,
    pub held: i64,
    pub pinned: i64,
    pub newest_at: DateTime<Utc>,
}

/// Every group of not-done, not-snoozed messages, the one with the newest message first.
pub(crate) fn groups(conn: &Connection) -> Result<Vec<GroupRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT source, coalesce(sender, source_detail, '') AS who, coalesce(thread, '') AS th,
                count(*), sum(state = 'held'), sum(pinned), max(received_at) AS newest
         FROM messages INDEXED BY messages_groups
         WHERE state NOT IN ('done', 'snoozed')
         GROUP BY source, who, th ORDER BY newest DESC, source, who, th",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok(GroupRow {
            source: Source::parse(&row.get::<_, String>(0)?).unwrap_or(Source::Api),
            who: row.get(1)?,
            thread: row.get(2)?,
            count: row.get(3)?,
            held: row.get(4)?,
            pinned: row.get(5)?,
            newest_at: from_millis(row.get(6)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many messages are snoozed.
pub(crate) fn snoozed_count(conn: &Connection) -> Result<i64> {
    state_count(conn, "snoozed")
}

/// How many messages are done (and not pruned yet).
pub(crate) fn done_count(conn: &Connection) -> Result<i64> {
    state_count(conn, "done")
}

fn state_count(conn: &Connection, state: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT n FROM message_counts WHERE state = ?1")?
        .query_row([state], |r| r.get(0))?)
}

/// How many messages are pinned and not done.
pub(crate) fn pinned_count(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FROM messages INDEXED BY messages_pinned WHERE pinned AND state <> 'done'",
        )?
        .query_row([], |r| r.get(0))?)
}

/// Where a group's page starts: after the message (pinned, received at, id) the last page ended on.
pub(crate) type GroupCursor = (bool, DateTime<Utc>, MessageId);

/// One group's not-done messages, pinned ones first, each part newest first, after the keyset
/// cursor; bodies are previews.
pub(crate) fn group_page(
    conn: &Connection,
    (source, who, thread): (Source, &str, &str),
    after: Option<GroupCursor>,
    limit: usize,
) -> Result<Vec<Message>> {
    let (pinned, at, id) =
        after.map_or((2, i64::MAX, i64::MAX), |(p, at, id)| (i64::from(p), millis(at), id));
    let sql = format!(
        "SELECT {PREVIEW_COLUMNS} FROM messages INDEXED BY messages_groups
         WHERE state NOT IN ('done', 'snoozed')
           AND source = ?1 AND coalesce(sender, source_detail, '') = ?2 AND coalesce(thread, '') = ?3
           AND (pinned, received_at, id) < (?4, ?5, ?6)
         ORDER BY pinned DESC, received_at DESC, id DESC LIMIT {limit}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![source.as_str(), who, thread, pinned, at, id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Arrivals in `[from, to)` counted per quarter of an hour and decision: every time zone's
/// offset is a whole number of quarters, so the caller can sort them into local days exactly,
/// and a week of a million messages is at most 672 rows per decision.
pub(crate) fn arrivals_by_quarter(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(DateTime<Utc>, String, i64)>> {
    const QUARTER_MS: i64 = 15 * 60 * 1000;
    let mut stmt = conn.prepare_cached(
        "SELECT received_at / ?3 AS quarter, decision, count(*) FROM messages INDEXED BY messages_received
         WHERE received_at >= ?1 AND received_at < ?2 GROUP BY quarter, decision",
    )?;
    let rows = stmt.query_map(params![millis(from), millis(to), QUARTER_MS], |row| {
        Ok((from_millis(row.get::<_, i64>(0)? * QUARTER_MS), row.get(1)?, row.get(2)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many were held, and the largest senders and sources among them as (label, count).
pub(crate) struct HeldSince {
    pub total: i64,
    pub by_sender: Vec<(String, i64)>,
    pub by_source: Vec<(String, i64)>,
}

/// Messages held since `since` (whether released since or not), and the largest senders and
/// sources among them, at most `top` of each.
pub(crate) fn held_since(conn: &Connection, since: DateTime<Utc>, top: usize) -> Result<HeldSince> {
    let total: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM messages INDEXED BY messages_received WHERE received_at >= ?1 AND decision = 'held'",
        )?
        .query_row([millis(since)], |r| r.get(0))?;
    let by = |label: &str| -> Result<Vec<(String, i64)>> {
        let sql = format!(
            "SELECT {label} AS label, count(*) AS n FROM messages INDEXED BY messages_received
             WHERE received_at >= ?1 AND decision = 'held' GROUP BY label ORDER BY n DESC, label LIMIT {top}"
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([millis(since)], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    Ok(HeldSince {
        total,
        by_sender: by("coalesce(sender, source_detail, source)")?,
        by_source: by("source")?,
    })
}

/// What broke through since `since`, newest first: (id, who, title, priority, the rule's words).
pub(crate) type BreakthroughRow = (MessageId, String, Option<String>, u8, Option<String>);

pub(crate) fn breakthroughs_since(
    conn: &Connection,
    since: DateTime<Utc>,
    limit: usize,
) -> Result<Vec<BreakthroughRow>> {
    let sql = format!(
        "SELECT id, coalesce(sender, source_detail, source), title, priority, broke_through_by
         FROM messages INDEXED BY messages_breakthroughs
         WHERE decision = 'broke_through' AND received_at >= ?1 ORDER BY received_at DESC, id DESC LIMIT {limit}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows =
        stmt.query_map([millis(since)], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
