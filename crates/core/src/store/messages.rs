//! Queries over the inbox. Functions take a connection (or a transaction, which derefs to one)
//! so that the core can compose several of them into one atomic write.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};

use super::{from_millis, millis};
use crate::block::BlockId;
use crate::error::Result;
use crate::message::{Decision, Message, MessageId, MessageState, NewMessage, PinState, Source};

const COLUMNS: &str = "id, source, source_detail, sender, title, body, link, priority, tags, thread, dedupe_key, \
     received_at, state, decision, block_id, delivered_at, released_at, done_at, snoozed_until, pinned, pin_due, digest_id";

/// The same columns with the body cut to its first 400 characters, for lists.
pub(crate) const PREVIEW_COLUMNS: &str = "id, source, source_detail, sender, title, substr(body, 1, 400), link, priority, tags, \
     thread, dedupe_key, received_at, state, decision, block_id, delivered_at, released_at, done_at, snoozed_until, \
     pinned, pin_due, digest_id";

pub(crate) fn from_row(row: &Row<'_>) -> rusqlite::Result<Message> {
    let time = |i: usize| -> rusqlite::Result<Option<DateTime<Utc>>> {
        Ok(row.get::<_, Option<i64>>(i)?.map(from_millis))
    };
    let text = |i: usize| -> rusqlite::Result<String> { row.get(i) };
    let tags: String = row.get(8)?;
    Ok(Message {
        id: row.get(0)?,
        source: Source::parse(&text(1)?).unwrap_or(Source::Api),
        source_detail: row.get(2)?,
        sender: row.get(3)?,
        title: row.get(4)?,
        body: row.get(5)?,
        link: row.get(6)?,
        priority: row.get(7)?,
        tags: serde_json::from_str(&tags).unwrap_or_default(),
        thread: row.get(9)?,
        dedupe_key: row.get(10)?,
        received_at: from_millis(row.get(11)?),
        state: MessageState::parse(&text(12)?).unwrap_or(MessageState::Delivered),
        decision: Decision::parse(&text(13)?).unwrap_or(Decision::Delivered),
        block_id: row.get(14)?,
        delivered_at: time(15)?,
        released_at: time(16)?,
        done_at: time(17)?,
        snoozed_until: time(18)?,
        pinned: row.get(19)?,
        pin_due: time(20)?,
        digest_id: row.get(21)?,
    })
}

/// The message stored under (source, dedupe key), if any.
pub(crate) fn by_dedupe_key(conn: &Connection, source: Source, key: &str) -> Result<Option<Message>> {
    let sql = format!("SELECT {COLUMNS} FROM messages WHERE source = ?1 AND dedupe_key = ?2");
    Ok(conn.prepare_cached(&sql)?.query_row(params![source.as_str(), key], from_row).optional()?)
}

pub(crate) struct Arrival<'m> {
    pub message: &'m NewMessage,
    pub received_at: DateTime<Utc>,
    pub state: MessageState,
    pub decision: Decision,
    pub block_id: Option<BlockId>,
}

pub(crate) fn insert(conn: &Connection, arrival: &Arrival<'_>) -> Result<MessageId> {
    let m = arrival.message;
    let delivered_at = (arrival.state == MessageState::Delivered).then_some(millis(arrival.received_at));
    let tags = serde_json::to_string(&m.tags).unwrap_or_else(|_| "[]".into());
    let mut stmt = conn.prepare_cached(
        "INSERT INTO messages (source, source_detail, sender, title, body, link, priority, tags, thread, dedupe_key,
                               received_at, state, decision, block_id, delivered_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
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
    ])?;
    Ok(conn.last_insert_rowid())
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

/// Releases every held message into digest `digest_id`; returns how many.
pub(crate) fn release_held(conn: &Connection, now: DateTime<Utc>, digest_id: i64) -> Result<usize> {
    Ok(conn.execute(
        "UPDATE messages SET state = 'released', released_at = ?1, digest_id = ?2 WHERE state = 'held'",
        params![millis(now), digest_id],
    )?)
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
pub(crate) fn unsnooze(conn: &Connection, ids: &[MessageId], open: bool) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "UPDATE messages SET
             state = CASE WHEN snoozed_from = 'held' AND ?2 THEN 'delivered' ELSE coalesce(snoozed_from, 'delivered') END,
             snoozed_until = NULL, snoozed_from = NULL
         WHERE id = ?1 AND state = 'snoozed'",
    )?;
    for &id in ids {
        stmt.execute(params![id, open])?;
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
/// it, and a digest of it alone would announce a message the user has already seen.
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
             delivered_at = CASE WHEN done_from = 'held' AND ?2 THEN ?3 ELSE delivered_at END,
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

pub(crate) fn pin(
    conn: &Connection,
    ids: &[MessageId],
    pinned: bool,
    due: Option<DateTime<Utc>>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached("UPDATE messages SET pinned = ?2, pin_due = ?3 WHERE id = ?1")?;
    for &id in ids {
        stmt.execute(params![id, pinned, due.filter(|_| pinned).map(millis)])?;
    }
    Ok(())
}

/// Deletes done messages finished before `before`; returns how many.
pub(crate) fn prune_done(conn: &Connection, before: DateTime<Utc>) -> Result<usize> {
    Ok(conn.execute(
        "DELETE FROM messages WHERE state = 'done' AND done_at < ?1 AND pinned = 0",
        [millis(before)],
    )?)
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

/// Digests recorded but not yet published (a crash came between the two).
pub(crate) fn unannounced_digests(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT summary FROM digests WHERE announced_at IS NULL ORDER BY id")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn insert_digest(conn: &Connection, at: DateTime<Utc>, reason: &str, count: i64) -> Result<i64> {
    conn.execute(
        "INSERT INTO digests (created_at, reason, count, summary) VALUES (?1, ?2, ?3, '{}')",
        params![millis(at), reason, count],
    )?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn set_digest_summary(conn: &Connection, id: i64, summary: &str) -> Result<()> {
    conn.execute("UPDATE digests SET summary = ?2 WHERE id = ?1", params![id, summary])?;
    Ok(())
}

pub(crate) fn mark_digests_announced(conn: &Connection, at: DateTime<Utc>) -> Result<()> {
    conn.execute("UPDATE digests SET announced_at = ?1 WHERE announced_at IS NULL", [millis(at)])?;
    Ok(())
}

pub(crate) fn mark_digest_announced(conn: &Connection, id: i64, at: DateTime<Utc>) -> Result<()> {
    conn.execute(
        "UPDATE digests SET announced_at = ?2 WHERE id = ?1 AND announced_at IS NULL",
        params![id, millis(at)],
    )?;
    Ok(())
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
