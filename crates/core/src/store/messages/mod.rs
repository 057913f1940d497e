//! Queries over the inbox. Functions take a connection (or a transaction, which derefs to one)
//! so that the core can compose several of them into one atomic write.
//!
//! Here: the row shape every query reads; `write.rs` stores and moves messages (arrival, triage,
//! release, pruning), `read.rs` looks them up and counts them, `pages.rs` reads them in pages
//! (the inbox, search, exports). Callers say `messages::get`, wherever it lives.

mod pages;
mod read;
mod write;

use chrono::{DateTime, Utc};
use rusqlite::Row;

pub(crate) use pages::*;
pub(crate) use read::*;
pub(crate) use write::*;

use super::from_millis;
use crate::message::{Decision, Message, MessageState, Source};

const COLUMNS: &str = "id, source, source_detail, sender, title, body, link, priority, tags, thread, dedupe_key, \
     received_at, state, decision, block_id, delivered_at, released_at, done_at, snoozed_until, pinned, pin_due, digest_id, via, \
     app, icon, actions";

/// The same columns with the body cut to its first 400 characters, for lists.
pub(crate) const PREVIEW_COLUMNS: &str = "id, source, source_detail, sender, title, substr(body, 1, 400), link, priority, tags, \
     thread, dedupe_key, received_at, state, decision, block_id, delivered_at, released_at, done_at, snoozed_until, \
     pinned, pin_due, digest_id, via, app, icon, actions";

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
        via: row.get(22)?,
        app: row.get(23)?,
        icon: row.get(24)?,
        actions: row
            .get::<_, Option<String>>(25)?
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default(),
    })
}
