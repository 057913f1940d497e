//! Queries behind the review window: the inbox's groups, one group's messages, and the figures
//! for the stats view. Groups are (source, sender or app, thread), read from the
//! `messages_groups` index, whose expressions the queries here repeat word for word; or one per
//! source (`messages_by_source`); or the whole inbox as one (`messages_triage`).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::messages::{PREVIEW_COLUMNS, from_row};
use super::{from_millis, millis};
use crate::error::Result;
use crate::message::{Message, MessageId, Source};
use crate::settings::Grouping;

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

/// Every group of not-done, not-snoozed messages under `grouping`, the one with the newest
/// message first. Grouped by source, `who` and `thread` are empty; not grouped, there is one
/// group (none for an empty inbox), whose source is the newest message's.
pub(crate) fn groups(conn: &Connection, grouping: Grouping) -> Result<Vec<GroupRow>> {
    let sql = match grouping {
        Grouping::Sender => {
            "SELECT source, coalesce(sender, source_detail, '') AS who, coalesce(thread, '') AS th,
                    count(*), sum(state = 'held'), sum(pinned), max(received_at) AS newest
             FROM messages INDEXED BY messages_groups
             WHERE state NOT IN ('done', 'snoozed')
             GROUP BY source, who, th ORDER BY newest DESC, source, who, th"
        }
        Grouping::Source => {
            "SELECT source, '', '', count(*), sum(state = 'held'), sum(pinned), max(received_at) AS newest
             FROM messages INDEXED BY messages_by_source
             WHERE state NOT IN ('done', 'snoozed')
             GROUP BY source ORDER BY newest DESC, source"
        }
        Grouping::Flat => {
            // The bare `source` is the newest message's: SQLite takes bare columns from the row
            // that `max()` picked.
            "SELECT source, '', '', n, held, pins, newest FROM (
                SELECT source, count(*) AS n, sum(state = 'held') AS held, sum(pinned) AS pins,
                       max(received_at) AS newest
                FROM messages INDEXED BY messages_triage WHERE state NOT IN ('done', 'snoozed')
             ) WHERE n > 0"
        }
    };
    let mut stmt = conn.prepare_cached(sql)?;
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

/// Which messages a group holds, as the store filters them.
#[derive(Debug, Clone, Copy)]
pub(crate) enum GroupFilter<'a> {
    /// One source, sender (or app, or topic) and thread.
    Sender(Source, &'a str, &'a str),
    Source(Source),
    /// The whole inbox.
    All,
}

impl GroupFilter<'_> {
    /// The index that has the group in page order, and the condition that picks the group,
    /// written with `?1` … for [`GroupFilter::params`].
    fn sql(self) -> (&'static str, &'static str) {
        match self {
            GroupFilter::Sender(..) => (
                "messages_groups",
                "source = ?1 AND coalesce(sender, source_detail, '') = ?2 AND coalesce(thread, '') = ?3",
            ),
            GroupFilter::Source(_) => ("messages_by_source", "source = ?1"),
            GroupFilter::All => ("messages_triage", "1"),
        }
    }

    fn params(self) -> Vec<rusqlite::types::Value> {
        use rusqlite::types::Value;
        match self {
            GroupFilter::Sender(source, who, thread) => vec![
                Value::Text(source.as_str().to_owned()),
                Value::Text(who.to_owned()),
                Value::Text(thread.to_owned()),
            ],
            GroupFilter::Source(source) => vec![Value::Text(source.as_str().to_owned())],
            GroupFilter::All => Vec::new(),
        }
    }
}

/// The ids of a group's not-done, not-snoozed messages received before `before`.
pub(crate) fn group_ids(conn: &Connection, group: GroupFilter<'_>, before: i64) -> Result<Vec<MessageId>> {
    let (index, picks) = group.sql();
    let next = group.params().len() + 1;
    let sql = format!(
        "SELECT id FROM messages INDEXED BY {index}
         WHERE state NOT IN ('done', 'snoozed') AND {picks} AND received_at < ?{next}"
    );
    let mut params = group.params();
    params.push(before.into());
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| r.get(0))?;
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
    group: GroupFilter<'_>,
    after: Option<GroupCursor>,
    limit: usize,
) -> Result<Vec<Message>> {
    let (pinned, at, id) =
        after.map_or((2, i64::MAX, i64::MAX), |(p, at, id)| (i64::from(p), millis(at), id));
    let (index, picks) = group.sql();
    let n = group.params().len();
    let (p, r, i) = (n + 1, n + 2, n + 3);
    let sql = format!(
        "SELECT {PREVIEW_COLUMNS} FROM messages INDEXED BY {index}
         WHERE state NOT IN ('done', 'snoozed') AND {picks}
           AND (pinned, received_at, id) < (?{p}, ?{r}, ?{i})
         ORDER BY pinned DESC, received_at DESC, id DESC LIMIT {limit}"
    );
    let mut params = group.params();
    params.extend([pinned.into(), at.into(), id.into()]);
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(params), from_row)?;
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

/// Held or broke through, per sender: (who, source, decision, week index, count).
pub(crate) type InterruptionRow = (String, Source, String, usize, i64);

/// What was held or broke through in `[from, to)`, counted per sender, decision and week:
/// `week_starts` are the instants the second, third, … week start at.
pub(crate) fn interruptions_by_week(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    week_starts: &[i64],
) -> Result<Vec<InterruptionRow>> {
    // Whole numbers the caller computed, written into the statement: one CASE arm a week.
    let week = if week_starts.is_empty() {
        "0".to_owned()
    } else {
        let arms: String = week_starts
            .iter()
            .enumerate()
            .rev()
            .map(|(i, start)| format!(" WHEN received_at >= {start} THEN {}", i + 1))
            .collect();
        format!("CASE{arms} ELSE 0 END")
    };
    let sql = format!(
        "SELECT coalesce(sender, source_detail, source) AS who, source, decision, {week} AS week, count(*)
         FROM messages INDEXED BY messages_received
         WHERE received_at >= ?1 AND received_at < ?2 AND decision IN ('held', 'broke_through')
         GROUP BY who, source, decision, week"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![millis(from), millis(to)], |row| {
        Ok((
            row.get(0)?,
            Source::parse(&row.get::<_, String>(1)?).unwrap_or(Source::Api),
            row.get(2)?,
            usize::try_from(row.get::<_, i64>(3)?).unwrap_or(0),
            row.get(4)?,
        ))
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
