//! The inbox: one entry point for every arriving message, and triage (done, snooze, pin).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Change, Lull};
use crate::block::BlockId;
use crate::error::{Error, ErrorCode, Result};
use crate::message::{Decision, Message, MessageId, MessageState, NewMessage, PinState, Receipt};
use crate::rules::{BreakthroughRule, first_match};
use crate::settings::{Delivery, Settings};
use crate::store::messages::{self, Arrival};
use crate::timeline::{Mode, QuietReason};

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

/// The snooze menu's choices, each resolved to the instant it means now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SnoozeChoice {
    pub key: SnoozeKey,
    /// What to send back as `snooze`'s `until`.
    pub until: SnoozeUntil,
    /// When it comes back if chosen now.
    pub at: DateTime<Utc>,
}

/// The snooze menu's choices, in the menu's order. Only the ones that mean something now are
/// offered: no block end without a block, no "this evening" once the evening has begun.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SnoozeKey {
    BlockEnd,
    InAnHour,
    ThisEvening,
    NextWorkWindow,
    Tomorrow,
    NextWeek,
}

/// The answer for one arriving message: its receipt, and the stored message unless it was a
/// duplicate.
pub type Received = Result<(Receipt, Option<Message>)>;

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
    pub fn receive(&mut self, message: NewMessage) -> Received {
        self.receive_batch(vec![message])
            .pop()
            .unwrap_or_else(|| Err(Error::new(ErrorCode::Storage, "no result")))
    }

    /// Receives many messages in one transaction (group commit): each gets its own answer, a bad
    /// one does not stop the others, and all good ones are committed before any answer is given.
    /// If the commit itself fails (a full disk), every message gets that error and none is kept.
    pub fn receive_batch(&mut self, batch: Vec<NewMessage>) -> Vec<Received> {
        match self.try_receive_batch(batch) {
            Ok(results) => results,
            Err((err, n)) => (0..n).map(|_| Err(err.clone())).collect(),
        }
    }

    fn try_receive_batch(&mut self, batch: Vec<NewMessage>) -> Result<Vec<Received>, (Error, usize)> {
        let n = batch.len();
        let fail = |err: Error| (err, n);
        let intake = self.intake().map_err(fail)?;
        let (now, settings) = (intake.now, &self.settings);
        let decided = self
            .store
            .write(|tx| {
                let mut results = Vec::with_capacity(n);
                for message in batch {
                    let result = intake.store(tx, settings, message);
                    // A storage error (the disk is full) fails the whole transaction; input
                    // errors only fail their own message.
                    if let Err(err) = &result
                        && matches!(
                            err.code,
                            ErrorCode::DiskFull
                                | ErrorCode::ReadOnly
                                | ErrorCode::Storage
                                | ErrorCode::DatabaseCorrupt
                        )
                    {
                        return Err(err.clone());
                    }
                    results.push(result);
                }
                Ok(results)
            })
            .map_err(fail)?;
        let conn = self.store.conn();
        Ok(decided
            .into_iter()
            .map(|result| {
                let (receipt, id) = result?;
                if !receipt.duplicate {
                    self.count_arrival(now, receipt.decision);
                }
                let stored = id.map(|id| messages::get(conn, id)).transpose()?.flatten();
                Ok((receipt, stored))
            })
            .collect())
    }

    /// What every message arriving now is decided by, read once before a batch is stored.
    fn intake(&self) -> Result<Intake> {
        let now = self.now();
        let timeline = self.timeline(now)?;
        let mode = timeline.mode_at(now);
        let quiet_reason = timeline.quiet_reason_at(now);
        let release_at = match mode {
            Mode::Open => self.settings.delivery.next_batch(self.clock.time_zone(), now),
            // Nobody knows when an away user comes back: the earliest is when they could see it
            // if back, unless that is now (away is all that holds it).
            Mode::Focus | Mode::Quiet => timeline.present().next_open(now).filter(|&at| at > now),
        };
        drop(timeline);
        let block_id = self.store.running_block()?.map(|b| b.id);
        Ok(Intake { now, mode, quiet_reason, release_at, block_id })
    }

    pub fn message(&self, id: MessageId) -> Result<Message> {
        messages::get(self.store.conn(), id)?.ok_or_else(|| unknown(&[id]))
    }

    /// Marks messages done. All or nothing: an unknown id refuses the whole call.
    pub fn done(&mut self, ids: &[MessageId]) -> Result<Vec<MessageId>> {
        self.bulk(ids, |tx, ids, now| messages::mark_done(tx, ids, now))
    }

    /// Brings done messages back to where they were; one done while held comes back delivered
    /// while Open (the user has seen it, and no digest is coming for it).
    pub fn undone(&mut self, ids: &[MessageId]) -> Result<Vec<MessageId>> {
        let now = self.now();
        let open = self.timeline(now)?.mode_at(now) == Mode::Open;
        self.bulk(ids, |tx, ids, now| messages::mark_undone(tx, ids, open, now))
    }

    pub fn snooze(&mut self, ids: &[MessageId], until: SnoozeUntil) -> Result<DateTime<Utc>> {
        let at = self.resolve_snooze(until)?;
        self.bulk(ids, |tx, ids, _| messages::snooze(tx, ids, at))?;
        Ok(at)
    }

    /// Undoes a snooze: each message goes back to the state it was snoozed from. Messages that
    /// are not snoozed (any more) are left as they are.
    pub fn unsnooze(&mut self, ids: &[MessageId]) -> Result<Vec<MessageId>> {
        let now = self.now();
        let open = self.timeline(now)?.mode_at(now) == Mode::Open;
        self.bulk(ids, |tx, ids, now| messages::unsnooze(tx, ids, open, now))
    }

    /// Pins messages, with a due instant or none (pinning a pinned one sets its due anew).
    /// Returns each message's pin as it was, by id: what an undo puts back.
    pub fn pin(&mut self, ids: &[MessageId], due: Option<DateTime<Utc>>) -> Result<Vec<PinState>> {
        self.set_pins(ids, true, due)
    }

    /// Unpins messages; returns each one's pin as it was (its due date included), by id.
    pub fn unpin(&mut self, ids: &[MessageId]) -> Result<Vec<PinState>> {
        self.set_pins(ids, false, None)
    }

    fn set_pins(
        &mut self,
        ids: &[MessageId],
        pinned: bool,
        due: Option<DateTime<Utc>>,
    ) -> Result<Vec<PinState>> {
        let mut before = Vec::new();
        self.bulk(ids, |tx, ids, _| {
            before = messages::pin_states(tx, ids)?;
            messages::pin(tx, ids, pinned, due)
        })?;
        Ok(before)
    }

    /// Applies a triage to `ids` (sorted, without repeats) in one transaction, all or nothing,
    /// and records that they changed.
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
        self.push(Change::InboxChanged { ids: ids.clone() });
        Ok(ids)
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

/// What the messages of one batch are decided by besides the settings: the mode, when a held one
/// is released, and the running block, all as they are when the batch arrives.
struct Intake {
    now: DateTime<Utc>,
    mode: Mode,
    quiet_reason: Option<QuietReason>,
    release_at: Option<DateTime<Utc>>,
    block_id: Option<BlockId>,
}

impl Intake {
    /// Validates, dedupes, decides and stores one message: its receipt, and its id unless it was
    /// a duplicate (a duplicate that replaces updates the stored message's content instead).
    fn store(
        &self,
        tx: &rusqlite::Transaction<'_>,
        settings: &Settings,
        message: NewMessage,
    ) -> Result<(Receipt, Option<MessageId>)> {
        let message = message.validate()?;
        if let Some(key) = &message.dedupe_key
            && let Some(existing) = messages::by_dedupe_key(tx, message.source(), key)?
        {
            if message.replace {
                messages::replace_content(tx, existing.id, &message)?;
            }
            let release_at = self.release_at.filter(|_| existing.state == MessageState::Held);
            let receipt =
                Receipt { id: existing.id, decision: existing.decision, release_at, duplicate: true };
            return Ok((receipt, None));
        }
        let rule = first_match(&settings.rules, &message);
        let decision = decide(self.mode, self.quiet_reason, &settings.delivery, rule);
        let state = if decision == Decision::Held { MessageState::Held } else { MessageState::Delivered };
        let broke_through_by =
            rule.filter(|_| decision == Decision::BrokeThrough).map(BreakthroughRule::describe);
        let arrival = Arrival {
            message: &message,
            received_at: self.now,
            state,
            decision,
            block_id: self.block_id,
            broke_through_by,
        };
        let id = messages::insert(tx, &arrival)?;
        let release_at = self.release_at.filter(|_| decision == Decision::Held);
        Ok((Receipt { id, decision, release_at, duplicate: false }, Some(id)))
    }
}

/// What the policy does with a message in `mode`, given the first rule that matches it.
fn decide(
    mode: Mode,
    quiet_reason: Option<QuietReason>,
    delivery: &Delivery,
    rule: Option<&BreakthroughRule>,
) -> Decision {
    match mode {
        Mode::Focus if rule.is_some_and(|r| r.focus) => Decision::BrokeThrough,
        // Away, in a meeting or presenting in work hours holds like a block: what breaks a block
        // (or quiet hours) breaks it.
        Mode::Quiet
            if matches!(
                quiet_reason,
                Some(QuietReason::Away | QuietReason::Meeting | QuietReason::Presenting)
            ) && rule.is_some_and(|r| r.focus || r.quiet) =>
        {
            Decision::BrokeThrough
        }
        Mode::Quiet if rule.is_some_and(|r| r.quiet) => Decision::BrokeThrough,
        Mode::Focus | Mode::Quiet => Decision::Held,
        Mode::Open => match delivery {
            Delivery::Immediate => Decision::Delivered,
            // Batching holds like a gentle focus block: what breaks focus breaks a batch.
            Delivery::Batched { .. } if rule.is_some_and(|r| r.focus) => Decision::BrokeThrough,
            Delivery::Batched { .. } => Decision::Held,
        },
    }
}

/// A page cursor: a sort key and an id, both integers (`"1764600000000:42"`).
pub(super) fn parse_key_cursor(cursor: &str) -> Result<(i64, MessageId)> {
    let bad = || Error::new(ErrorCode::InvalidRequest, format!("{cursor:?} is not a page cursor"));
    let (key, id) = cursor.split_once(':').ok_or_else(bad)?;
    Ok((key.parse().map_err(|_| bad())?, id.parse().map_err(|_| bad())?))
}

/// A cursor whose key is an instant in milliseconds.
pub(super) fn parse_cursor(cursor: &str) -> Result<(DateTime<Utc>, MessageId)> {
    let (ms, id) = parse_key_cursor(cursor)?;
    let at = DateTime::from_timestamp_millis(ms)
        .ok_or_else(|| Error::new(ErrorCode::InvalidRequest, format!("{cursor:?} is not a page cursor")))?;
    Ok((at, id))
}

/// Turns what a person types into an FTS5 query: each word quoted (so operators and punctuation
/// are literal), all required, the last one matched as a prefix.
pub fn fts_query(query: &str) -> Result<String> {
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
