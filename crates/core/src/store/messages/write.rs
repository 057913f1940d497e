//! Storing and moving messages: arrival, replacing in place, release, snooze, done, pin, pruning.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::super::millis;
use crate::block::BlockId;
use crate::error::Result;
use crate::message::{Decision, MessageId, MessageState, NewMessage};

pub(crate) struct Arrival<'m> {
    pub message: &'m NewMessage,
    pub received_at: DateTime<Utc>,
    pub state: MessageState,
    pub decision: Decision,
    pub block_id: Option<BlockId>,
    /// The conditions of the rule that let it break through, if it did.
    pub broke_through_by: Option<String>,
}

pub(crate) fn insert(conn: &Connection, arrival: &Arrival<'_>) -> Result<MessageId> {
    let m = arrival.message;
    let delivered_at = (arrival.state == MessageState::Delivered).then_some(millis(arrival.received_at));
    let tags = serde_json::to_string(&m.tags).unwrap_or_else(|_| "[]".into());
    let mut stmt = conn.prepare_cached(
        "INSERT INTO messages (source, source_detail, sender, title, body, link, priority, tags, thread, dedupe_key,
                               received_at, state, decision, block_id, delivered_at, via, broke_through_by,
                               app, icon, actions)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
    )?;
    let actions = (!m.actions.is_empty()).then(|| serde_json::to_string(&m.actions).unwrap_or_default());
    stmt.execute(params![
        m.source().as_str(),
        m.source_detail,
        m.sender,
        m.title,
        m.body,
        m.link,
        m.priority(),
        tags,
        m.thread,
        m.dedupe_key,
        millis(arrival.received_at),
        arrival.state.as_str(),
        arrival.decision.as_str(),
        arrival.block_id,
        delivered_at,
        m.via,
        arrival.broke_through_by,
        m.app,
        m.icon,
        actions,
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Releases every held message into digest `digest_id`; returns how many.
pub(crate) fn release_held(conn: &Connection, now: DateTime<Utc>, digest_id: i64) -> Result<usize> {
    Ok(conn.execute(
        "UPDATE messages SET state = 'released', released_at = ?1, digest_id = ?2 WHERE state = 'held'",
        params![millis(now), digest_id],
    )?)
}

/// Updates a stored message's content in place (a replaced desktop notification).
pub(crate) fn replace_content(conn: &Connection, id: MessageId, message: &NewMessage) -> Result<()> {
    conn.prepare_cached(
        "UPDATE messages SET title = ?2, body = ?3, link = ?4, priority = ?5, tags = ?6 WHERE id = ?1",
    )?
    .execute(params![
        id,
        message.title,
        message.body,
        message.link,
        message.priority(),
        serde_json::to_string(&message.tags).unwrap_or_else(|_| "[]".into())
    ])?;
    Ok(())
}

/// Undoes a snooze: the messages go back to the state they were snoozed from, except that a
/// held one comes back delivered when `open` (no digest is coming to release it).
/// Undoes a snooze. One that comes back delivered counts as shown again now, so that it does
/// not file itself at once (`file_delivered_after_hours` counts from `delivered_at`).
pub(crate) fn unsnooze(conn: &Connection, ids: &[MessageId], open: bool, now: DateTime<Utc>) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "UPDATE messages SET
             state = CASE WHEN snoozed_from = 'held' AND ?2 THEN 'delivered' ELSE coalesce(snoozed_from, 'delivered') END,
             delivered_at = CASE WHEN (snoozed_from = 'held' AND ?2) OR coalesce(snoozed_from, 'delivered') = 'delivered'
                 THEN ?3 ELSE delivered_at END,
             snoozed_until = NULL, snoozed_from = NULL
         WHERE id = ?1 AND state = 'snoozed'",
    )?;
    for &id in ids {
        stmt.execute(params![id, open, millis(now)])?;
    }
    Ok(())
}

/// Brings snoozed messages back, as held or as delivered.
pub(crate) fn wake(conn: &Connection, ids: &[MessageId], now: DateTime<Utc>, to: MessageState) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "UPDATE messages SET state = ?2, snoozed_until = NULL, snoozed_from = NULL,
             delivered_at = CASE WHEN ?2 = 'delivered' THEN ?3 ELSE delivered_at END
         WHERE id = ?1 AND state = 'snoozed'",
    )?;
    for &id in ids {
        stmt.execute(params![id, to.as_str(), millis(now)])?;
    }
    Ok(())
}

pub(crate) fn mark_done(conn: &Connection, ids: &[MessageId], now: DateTime<Utc>) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "UPDATE messages SET done_from = state, state = 'done', done_at = ?2, snoozed_until = NULL
         WHERE id = ?1 AND state <> 'done'",
    )?;
    for &id in ids {
        stmt.execute(params![id, millis(now)])?;
    }
    Ok(())
}

/// Undoes "done": back to where the message was (a snoozed one comes back delivered), except
/// that one done while held comes back delivered when `open`: no digest is coming to release
/// it, and a digest of it alone would announce a message the user has already seen. One that
/// comes back delivered counts as shown now, as in [`unsnooze`].
pub(crate) fn mark_undone(
    conn: &Connection,
    ids: &[MessageId],
    open: bool,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "UPDATE messages SET
             state = CASE WHEN done_from = 'held' AND ?2 THEN 'delivered'
                 WHEN done_from IN ('held', 'delivered', 'released') THEN done_from ELSE 'delivered' END,
             delivered_at = CASE WHEN done_from = 'held' AND ?2 THEN ?3
                 WHEN done_from IN ('held', 'released') THEN delivered_at ELSE ?3 END,
             done_at = NULL, done_from = NULL
         WHERE id = ?1 AND state = 'done'",
    )?;
    for &id in ids {
        stmt.execute(params![id, open, millis(now)])?;
    }
    Ok(())
}

pub(crate) fn snooze(conn: &Connection, ids: &[MessageId], until: DateTime<Utc>) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "UPDATE messages SET snoozed_from = CASE WHEN state IN ('held', 'delivered', 'released') THEN state
                 WHEN state = 'done' AND done_from IN ('held', 'delivered', 'released') THEN done_from
                 ELSE snoozed_from END,
             state = 'snoozed', snoozed_until = ?2, done_at = NULL, done_from = NULL
         WHERE id = ?1",
    )?;
    for &id in ids {
        stmt.execute(params![id, millis(until)])?;
    }
    Ok(())
}

pub(crate) fn pin(
    conn: &Connection,
    ids: &[MessageId],
    pinned: bool,
    due: Option<DateTime<Utc>>,
) -> Result<()> {
    let mut stmt = conn
        .prepare_cached("UPDATE messages SET pinned = ?2, pin_due = ?3, pin_announced = 0 WHERE id = ?1")?;
    for &id in ids {
        stmt.execute(params![id, pinned, due.filter(|_| pinned).map(millis)])?;
    }
    Ok(())
}

/// Records that the due pins `ids` were announced, so that they are not again.
pub(crate) fn mark_pins_announced(conn: &Connection, ids: &[MessageId]) -> Result<()> {
    let mut stmt = conn.prepare_cached("UPDATE messages SET pin_announced = 1 WHERE id = ?1")?;
    for &id in ids {
        stmt.execute([id])?;
    }
    Ok(())
}

/// Deletes done messages finished before `before`; returns how many.
/// Files the unpinned delivered messages shown before `before` as done; returns their ids.
pub(crate) fn file_delivered(
    conn: &Connection,
    before: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Vec<MessageId>> {
    let ids: Vec<MessageId> = conn
        .prepare_cached(
            "SELECT id FROM messages INDEXED BY messages_unpinned_delivered
             WHERE state = 'delivered' AND NOT pinned AND delivered_at < ?1",
        )?
        .query_map([millis(before)], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    mark_done(conn, &ids, now)?;
    Ok(ids)
}

/// When the unpinned delivered message shown first was shown.
pub(crate) fn first_unpinned_delivery(conn: &Connection) -> Result<Option<DateTime<Utc>>> {
    let ms: Option<i64> = conn
        .prepare_cached(
            "SELECT min(delivered_at) FROM messages INDEXED BY messages_unpinned_delivered
             WHERE state = 'delivered' AND NOT pinned",
        )?
        .query_row([], |r| r.get(0))?;
    Ok(ms.map(super::super::from_millis))
}

pub(crate) fn prune_done(conn: &Connection, before: DateTime<Utc>) -> Result<usize> {
    Ok(conn.execute(
        "DELETE FROM messages WHERE state = 'done' AND done_at < ?1 AND pinned = 0",
        [millis(before)],
    )?)
}
