//! Messages in pages and spans: the not-done inbox (keyset pages), full-text search, and what an
//! export reads (in pages, or a dated export's one day at once).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params, params_from_iter};

use super::super::millis;
use super::{COLUMNS, from_row};
use crate::error::Result;
use crate::message::{Message, MessageId};
use crate::request::InboxView;
use crate::store::review::GroupFilter;

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

/// A page of one of the flat views, after the keyset cursor `(key, id)` of the previous page's
/// last message (see [`view_cursor`] for what `key` is in each view).
pub(crate) fn view_page(
    conn: &Connection,
    view: InboxView,
    after: Option<(i64, MessageId)>,
    limit: usize,
) -> Result<Vec<Message>> {
    let (from, order) = match view {
        InboxView::Inbox => {
            let after = after.map(|(ms, id)| (super::super::from_millis(ms), id));
            return not_done_page(conn, after, limit, false);
        }
        // Due soonest first, undated last and newest first: the key is the due instant (the
        // largest one for none) and the negated id, both ascending.
        InboxView::Pinned => (
            "messages INDEXED BY messages_pinned WHERE pinned AND state <> 'done'
             AND (coalesce(pin_due, 9223372036854775807), -id) > (?1, ?2)",
            "coalesce(pin_due, 9223372036854775807), -id",
        ),
        InboxView::Snoozed => (
            "messages INDEXED BY messages_snoozed WHERE state = 'snoozed' AND (snoozed_until, id) > (?1, ?2)",
            "snoozed_until, id",
        ),
        InboxView::Done => (
            "messages INDEXED BY messages_done WHERE state = 'done' AND (done_at, id) < (?1, ?2)",
            "done_at DESC, id DESC",
        ),
    };
    let start = match view {
        InboxView::Done => (i64::MAX, MessageId::MAX),
        _ => (i64::MIN, MessageId::MIN),
    };
    let (key, id) = after.unwrap_or(start);
    let sql = format!("SELECT {COLUMNS} FROM {from} ORDER BY {order} LIMIT {limit}");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![key, id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The ids of the not-done, not-snoozed messages of a group and/or received before an instant.
pub(crate) fn not_done_ids(
    conn: &Connection,
    group: Option<GroupFilter<'_>>,
    before: Option<DateTime<Utc>>,
) -> Result<Vec<MessageId>> {
    let before = before.map_or(i64::MAX, millis);
    if let Some(group) = group {
        return crate::store::review::group_ids(conn, group, before);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM messages INDEXED BY messages_not_done
         WHERE state <> 'done' AND state <> 'snoozed' AND received_at < ?1",
    )?;
    let rows = stmt.query_map(params![before], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The cursor that follows `message` in `view`: what [`view_page`] takes as `after`.
pub(crate) fn view_cursor(view: InboxView, message: &Message) -> (i64, MessageId) {
    let ms = |at: Option<DateTime<Utc>>| at.map_or(i64::MAX, millis);
    match view {
        InboxView::Inbox => (millis(message.received_at), message.id),
        InboxView::Pinned => (ms(message.pin_due), -message.id),
        InboxView::Snoozed => (ms(message.snoozed_until), message.id),
        InboxView::Done => (ms(message.done_at), message.id),
    }
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
