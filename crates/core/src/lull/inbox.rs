//! The inbox: one entry point for every arriving message, and triage (done, snooze, pin).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Change, Lull};
use crate::error::{Error, ErrorCode, Result};
use crate::message::{Decision, Message, MessageId, MessageState, NewMessage, Receipt};
use crate::mode::Mode;
use crate::rules::first_match;
use crate::settings::Delivery;
use crate::store::messages::{self, Arrival};

/// The most ids one bulk command takes.
pub const MAX_BULK: usize = 10_000;
pub const MAX_PAGE: usize = 500;
pub const DEFAULT_PAGE: usize = 50;

/// Until when to snooze.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "until", rename_all = "snake_case")]
#[ts(export)]
pub enum SnoozeUntil {
    /// A given instant (in the future).
    Time { at: DateTime<Utc> },
    /// The end of the running focus block.
    BlockEnd,
    /// The start of the next work window.
    NextWorkWindow,
    /// The first work window of the next workday.
    NextWorkday,
}

/// One page of the inbox, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InboxPage {
    pub messages: Vec<Message>,
    /// Pass back as `after` for the next page; `None` on the last page.
    pub next: Option<String>,
}

impl Lull {
    /// The one entry point for arriving messages: validates, dedupes, decides (deliver, hold or
    /// break through) and stores, in one transaction. The receipt tells the sender what happened.
    pub fn receive(&mut self, message: NewMessage) -> Result<(Receipt, Option<Message>)> {
        let message = message.validate()?;
        let now = self.now();
        let timeline = self.timeline(now)?;
        let mode = timeline.mode_at(now);
        let release_at_if_held = |lull: &Self| -> Option<DateTime<Utc>> {
            match mode {
                Mode::Open => lull.settings.delivery.next_batch(lull.clock.time_zone(), now),
                Mode::Focus | Mode::Quiet => timeline.next_open(now),
            }
        };

        if let Some(key) = &message.dedupe_key
            && let Some(existing) = messages::by_dedupe_key(self.store.conn(), message.source(), key)?
        {
            let release_at =
                (existing.state == MessageState::Held).then(|| release_at_if_held(self)).flatten();
            let receipt =
                Receipt { id: existing.id, decision: existing.decision, release_at, duplicate: true };
            return Ok((receipt, None));
        }

        let rule = first_match(&self.settings.rules, &message);
        let breaks = |pick: fn(&crate::rules::BreakthroughRule) -> bool| rule.is_some_and(pick);
        let decision = match mode {
            Mode::Focus if breaks(|r| r.focus) => Decision::BrokeThrough,
            Mode::Quiet if breaks(|r| r.quiet) => Decision::BrokeThrough,
            Mode::Focus | Mode::Quiet => Decision::Held,
            Mode::Open => match self.settings.delivery {
                Delivery::Immediate => Decision::Delivered,
                // Batching holds like a gentle focus block: what breaks focus breaks a batch.
                Delivery::Batched { .. } if breaks(|r| r.focus) => Decision::BrokeThrough,
                Delivery::Batched { .. } => Decision::Held,
            },
        };
        let state = if decision == Decision::Held { MessageState::Held } else { MessageState::Delivered };
        let release_at = (decision == Decision::Held).then(|| release_at_if_held(self)).flatten();
        let block_id = self.store.running_block()?.map(|b| b.id);
        let arrival = Arrival { message: &message, received_at: now, state, decision, block_id };
        let id = self.store.write(|tx| messages::insert(tx, &arrival))?;
        let stored = messages::get(self.store.conn(), id)?;
        Ok((Receipt { id, decision, release_at, duplicate: false }, stored))
    }

    pub fn message(&self, id: MessageId) -> Result<Message> {
        messages::get(self.store.conn(), id)?.ok_or_else(|| unknown(&[id]))
    }

    /// Marks messages done. All or nothing: an unknown id refuses the whole call.
    pub fn done(&mut self, ids: &[MessageId]) -> Result<Vec<MessageId>> {
        self.bulk(ids, |tx, ids, now| messages::mark_done(tx, ids, now))
    }

    /// Brings done messages back to where they were.
    pub fn undone(&mut self, ids: &[MessageId]) -> Result<Vec<MessageId>> {
        self.bulk(ids, |tx, ids, _| messages::mark_undone(tx, ids))
    }

    pub fn snooze(&mut self, ids: &[MessageId], until: SnoozeUntil) -> Result<DateTime<Utc>> {
        let now = self.now();
        let zone = self.clock.time_zone();
        let at = match until {
            SnoozeUntil::Time { at } if at > now => at,
            SnoozeUntil::Time { .. } => {
                return Err(Error::new(ErrorCode::InvalidTime, "a snooze must end in the future"));
            }
            SnoozeUntil::BlockEnd => self.store.running_block()?.map(|b| b.deadline).ok_or_else(|| {
                Error::new(ErrorCode::NoFocusRunning, "no focus block is running to snooze until its end")
            })?,
            SnoozeUntil::NextWorkWindow => {
                self.settings.work_hours.next_start(zone, now).ok_or_else(no_work_hours)?
            }
            SnoozeUntil::NextWorkday => {
                self.settings.work_hours.first_start_after_today(zone, now).ok_or_else(no_work_hours)?
            }
        };
        self.bulk(ids, |tx, ids, _| messages::snooze(tx, ids, at))?;
        Ok(at)
    }

    pub fn pin(&mut self, ids: &[MessageId], due: Option<DateTime<Utc>>) -> Result<Vec<MessageId>> {
        self.bulk(ids, |tx, ids, _| messages::pin(tx, ids, true, due))
    }

    pub fn unpin(&mut self, ids: &[MessageId]) -> Result<Vec<MessageId>> {
        self.bulk(ids, |tx, ids, _| messages::pin(tx, ids, false, None))
    }

    fn bulk(
        &mut self,
        ids: &[MessageId],
        apply: impl FnOnce(&rusqlite::Transaction<'_>, &[MessageId], DateTime<Utc>) -> Result<()>,
    ) -> Result<Vec<MessageId>> {
        if ids.is_empty() {
            return Err(Error::new(ErrorCode::InvalidRequest, "no message ids given"));
        }
        if ids.len() > MAX_BULK {
            return Err(Error::new(ErrorCode::InvalidRequest, format!("at most {MAX_BULK} ids at once")));
        }
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        let now = self.now();
        self.store.write(|tx| {
            let missing = messages::unknown_ids(tx, &ids)?;
            if !missing.is_empty() {
                return Err(unknown(&missing));
            }
            apply(tx, &ids, now)
        })?;
        Ok(ids)
    }

    /// The not-done inbox, newest first, `limit` at a time (keyset paging: `after` is the
    /// previous page's `next`).
    pub fn inbox(
        &self,
        after: Option<&str>,
        limit: Option<usize>,
        include_snoozed: bool,
    ) -> Result<InboxPage> {
        let limit = limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE);
        let after = after.map(parse_cursor).transpose()?;
        let messages = messages::not_done_page(self.store.conn(), after, limit, include_snoozed)?;
        let next = (messages.len() == limit)
            .then(|| messages.last().map(|m| format!("{}:{}", m.received_at.timestamp_millis(), m.id)))
            .flatten();
        Ok(InboxPage { messages, next })
    }

    /// Full-text search over sender, title and body; every word must match, the last one as a
    /// prefix. Newest first; `before` pages on.
    pub fn search(
        &self,
        query: &str,
        before: Option<MessageId>,
        limit: Option<usize>,
    ) -> Result<Vec<Message>> {
        let fts = fts_query(query)?;
        let limit = limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE);
        messages::search(self.store.conn(), &fts, before, limit)
    }

    /// Snoozed messages whose time came: delivered again while Open, held otherwise (they then
    /// come with the next digest rather than interrupting a block).
    pub(super) fn wake_snoozes(&mut self, now: DateTime<Utc>) -> Result<Option<Change>> {
        let due = messages::snoozes_due(self.store.conn(), now)?;
        if due.is_empty() {
            return Ok(None);
        }
        let open = self.timeline(now)?.mode_at(now) == Mode::Open;
        let to = if open { MessageState::Delivered } else { MessageState::Held };
        self.store.write(|tx| messages::wake(tx, &due, now, to))?;
        Ok(Some(if open {
            Change::Resurfaced { messages: messages::get_many(self.store.conn(), &due)? }
        } else {
            Change::InboxChanged { ids: due }
        }))
    }
}

fn parse_cursor(cursor: &str) -> Result<(DateTime<Utc>, MessageId)> {
    let bad = || Error::new(ErrorCode::InvalidRequest, format!("{cursor:?} is not a page cursor"));
    let (ms, id) = cursor.split_once(':').ok_or_else(bad)?;
    let ms = ms.parse::<i64>().map_err(|_| bad())?;
    let id = id.parse::<MessageId>().map_err(|_| bad())?;
    Ok((DateTime::from_timestamp_millis(ms).ok_or_else(bad)?, id))
}

/// Turns what a person types into an FTS5 query: each word quoted (so operators and punctuation
/// are literal), all required, the last one matched as a prefix.
pub(crate) fn fts_query(query: &str) -> Result<String> {
    let words: Vec<String> = query
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    if words.is_empty() {
        return Err(Error::new(ErrorCode::InvalidQuery, "type at least one word to search for"));
    }
    if query.chars().count() > 500 || words.len() > 32 {
        return Err(Error::new(ErrorCode::InvalidQuery, "a search is at most 32 words"));
    }
    let last = words.len() - 1;
    Ok(words
        .iter()
        .enumerate()
        .map(|(i, w)| if i == last { format!("{w}*") } else { w.clone() })
        .collect::<Vec<_>>()
        .join(" "))
}

fn unknown(ids: &[MessageId]) -> Error {
    let list: Vec<String> = ids.iter().take(10).map(|id| id.to_string()).collect();
    let more = if ids.len() > 10 { format!(" and {} more", ids.len() - 10) } else { String::new() };
    Error::new(
        ErrorCode::UnknownMessage,
        format!("no message with id {}{more}; nothing was changed", list.join(", ")),
    )
}

fn no_work_hours() -> Error {
    Error::new(ErrorCode::NoWorkHours, "there are no work hours ahead; set your work hours first")
}
