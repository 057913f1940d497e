//! What the review window reads: the inbox in groups, one group a page at a time, and the
//! figures of the last weeks.
//!
//! A group is one source, one sender (or app, or topic) and one thread, so that twelve CI
//! failures of one pipeline fold into one heading. Groups come first, newest message first; the
//! window pages through a group's messages with a keyset cursor, so a 10,000-message inbox never
//! crosses the IPC bridge at once.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::inbox::{DEFAULT_PAGE, InboxPage, MAX_PAGE, parse_cursor};
use super::{Lull, local_day_bounds};
use crate::block::{FocusBlock, Outcome};
use crate::digest::{Digest, GroupCount};
use crate::error::{Error, ErrorCode, Result};
use crate::local_time::local_date;
use crate::message::MessageId;
use crate::message::Source;
use crate::settings::Grouping;
use crate::store::review::{GroupCursor, GroupFilter};
use crate::store::{digests, review, state};

/// Identifies a group of the inbox. Empty strings stand for "none". `by` says which fields
/// pick the group: grouped by source, `who` and `thread` are empty; not grouped (`flat`), the
/// group is the whole inbox.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct GroupKey {
    pub source: Source,
    /// The sender, or else the app or topic (`source_detail`).
    pub who: String,
    pub thread: String,
    #[serde(default)]
    pub by: Grouping,
}

impl GroupKey {
    /// A sender group (`by: sender`).
    pub fn sender(source: Source, who: &str, thread: &str) -> Self {
        Self { source, who: who.to_owned(), thread: thread.to_owned(), by: Grouping::Sender }
    }

    /// Which messages the store reads for it.
    pub(crate) fn filter(&self) -> GroupFilter<'_> {
        match self.by {
            Grouping::Sender => GroupFilter::Sender(self.source, &self.who, &self.thread),
            Grouping::Source => GroupFilter::Source(self.source),
            Grouping::Flat => GroupFilter::All,
        }
    }
}

/// One group of the not-done inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InboxGroup {
    pub key: GroupKey,
    /// The heading to show: who and thread, or the source when neither is known.
    pub label: String,
    pub count: i64,
    /// How many of them are still held (arrived during focus or quiet hours, no digest yet).
    pub held: i64,
    pub pinned: i64,
    pub newest_at: DateTime<Utc>,
}

/// The not-done inbox in groups, the group with the newest message first. Snoozed messages are
/// counted apart: they come back by themselves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InboxOverview {
    pub groups: Vec<InboxGroup>,
    pub total: i64,
    pub snoozed: i64,
    /// Pinned and not done (snoozed ones included): the Pinned view's length.
    pub pinned: i64,
    /// Done and not yet pruned: the Done view's length.
    pub done: i64,
    /// When the user last finished looking at the inbox (`mark_reviewed`): what arrived after it
    /// is new. `None` before the first review.
    pub reviewed_at: Option<DateTime<Utc>>,
    /// What the user missed since that review: the summary on top of the inbox.
    pub missed: Missed,
}

/// "What you missed": what was held since the last review (a day, before the first one), by
/// whom and from where, and what broke through and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Missed {
    pub since: DateTime<Utc>,
    /// Messages held since then, released since or not.
    pub held: i64,
    /// The held ones by sender (or app, or topic), largest first, at most five.
    pub by_sender: Vec<GroupCount>,
    /// The held ones by source (`api`, `desktop`, …), largest first, at most five.
    pub by_source: Vec<GroupCount>,
    /// What broke through since then, newest first, at most ten.
    pub breakthroughs: Vec<Breakthrough>,
}

/// A message that broke through, and the rule that let it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Breakthrough {
    pub id: MessageId,
    /// The sender, or else the app or topic, or else the source.
    pub from: String,
    pub title: Option<String>,
    pub priority: u8,
    /// The rule's conditions as they read when it arrived ("priority 5"); `None` for a message
    /// from before Lull kept them.
    pub why: Option<String>,
}

/// How far back "what you missed" looks before the first review.
const MISSED_BEFORE_FIRST_REVIEW: TimeDelta = TimeDelta::days(1);

/// How a message came to be where it is, for the detail pane ("Held during *draft the Q3
/// report* 14:05–14:55 · released in the 14:55 digest"): the block it arrived in and the digest
/// that released it, when there were ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MessageStory {
    pub block: Option<FocusBlock>,
    pub digest: Option<Digest>,
}

/// The last weeks in figures, in the user's time zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Stats {
    /// The first local day counted (a Monday).
    pub from: NaiveDate,
    /// The last local day counted (today).
    pub to: NaiveDate,
    /// One entry per day from `from` to `to`, days without blocks included.
    pub days: Vec<DayStats>,
    /// One entry per week (Monday to Sunday), oldest first.
    pub weeks: Vec<WeekStats>,
    pub blocks_completed: i64,
    pub blocks_cancelled: i64,
    /// Completed blocks over ended ones; `None` when no block ended in the period.
    pub completion_rate: Option<f64>,
    /// Who interrupts: the senders (or apps, or topics) that sent the most of what was held or
    /// broke through in the period, most first, at most 8 (`TOP_INTERRUPTERS`).
    pub interrupters: Vec<Interrupter>,
}

/// How many senders "who interrupts you" names.
pub const TOP_INTERRUPTERS: usize = 8;

/// One sender's interruptions: what was held from it and what broke through, in the period and
/// per week (aligned with [`Stats::weeks`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Interrupter {
    /// The sender, or else the app or topic.
    pub who: String,
    pub source: Source,
    pub held: i64,
    pub broke_through: i64,
    pub weeks: Vec<InterruptWeek>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InterruptWeek {
    pub held: i64,
    pub broke_through: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DayStats {
    pub date: NaiveDate,
    /// Seconds in focus in blocks that started this day.
    pub focus_secs: i64,
    pub blocks_completed: i64,
    pub blocks_cancelled: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WeekStats {
    /// The week's Monday.
    pub start: NaiveDate,
    pub held: i64,
    pub broke_through: i64,
    pub delivered: i64,
}

/// One group's first page, as the window asked for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct GroupPage {
    pub key: GroupKey,
    /// The page size it was read with.
    pub limit: usize,
    pub page: InboxPage,
}

/// What the review window shows first, read in one go: the groups, and the first pages of as
/// many groups as fill the first screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InboxStart {
    pub overview: InboxOverview,
    pub pages: Vec<GroupPage>,
}

pub const MAX_STATS_WEEKS: u32 = 52;

/// A group page's cursor: `pinned:received_ms:id`.
fn parse_group_cursor(cursor: &str) -> Result<GroupCursor> {
    let bad = || Error::new(ErrorCode::InvalidRequest, format!("{cursor:?} is not a page cursor"));
    let (pinned, rest) = cursor.split_once(':').ok_or_else(bad)?;
    let pinned = match pinned {
        "0" => false,
        "1" => true,
        _ => return Err(bad()),
    };
    let (at, id) = parse_cursor(rest)?;
    Ok((pinned, at, id))
}

/// The engine-state key of the last review's end.
const REVIEWED_AT: &str = "reviewed_at";

impl Lull {
    /// The not-done, not-snoozed inbox in groups, as the settings group it.
    pub fn inbox_overview(&self) -> Result<InboxOverview> {
        let conn = self.store.conn();
        let by = self.settings.inbox_grouping;
        let groups: Vec<InboxGroup> = review::groups(conn, by)?
            .into_iter()
            .map(|row| InboxGroup {
                label: match by {
                    Grouping::Flat => "Everything".to_owned(),
                    _ => label(row.source, &row.who, &row.thread),
                },
                key: GroupKey { source: row.source, who: row.who, thread: row.thread, by },
                count: row.count,
                held: row.held,
                pinned: row.pinned,
                newest_at: row.newest_at,
            })
            .collect();
        let total = groups.iter().map(|g| g.count).sum();
        let reviewed_at = state::load(conn, REVIEWED_AT)?;
        Ok(InboxOverview {
            groups,
            total,
            snoozed: review::snoozed_count(conn)?,
            pinned: review::pinned_count(conn)?,
            done: review::done_count(conn)?,
            reviewed_at,
            missed: self.missed(reviewed_at)?,
        })
    }

    fn missed(&self, reviewed_at: Option<DateTime<Utc>>) -> Result<Missed> {
        let conn = self.store.conn();
        let since = reviewed_at.unwrap_or_else(|| self.now() - MISSED_BEFORE_FIRST_REVIEW);
        let held = review::held_since(conn, since, 5)?;
        let count = |(label, count)| GroupCount { label, count };
        let breakthroughs = review::breakthroughs_since(conn, since, 10)?
            .into_iter()
            .map(|(id, from, title, priority, why)| Breakthrough { id, from, title, priority, why })
            .collect();
        Ok(Missed {
            since,
            held: held.total,
            by_sender: held.by_sender.into_iter().map(count).collect(),
            by_source: held.by_source.into_iter().map(count).collect(),
            breakthroughs,
        })
    }

    /// The block a message arrived in and the digest that released it.
    pub fn message_story(&self, id: MessageId) -> Result<MessageStory> {
        let message = self.message(id)?;
        let block = message.block_id.map(|block| self.store.block(block)).transpose()?.flatten();
        let digest = match message.digest_id {
            Some(digest) => digests::summary(self.store.conn(), digest)?
                .and_then(|json| serde_json::from_str::<Digest>(&json).ok()),
            None => None,
        };
        Ok(MessageStory { block, digest })
    }

    /// Records the end of a review: what arrives after now is new in the next one.
    pub fn mark_reviewed(&mut self) -> Result<()> {
        let now = self.now();
        self.store.write(|tx| state::save(tx, REVIEWED_AT, &now))
    }

    /// One group's messages, newest first, `limit` at a time (`after`: the previous page's
    /// `next`). Bodies are cut to 400 characters; [`Lull::message`] has the whole one.
    pub fn inbox_group(
        &self,
        key: &GroupKey,
        after: Option<&str>,
        limit: Option<usize>,
    ) -> Result<InboxPage> {
        let limit = limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE);
        let after = after.map(parse_group_cursor).transpose()?;
        let messages = review::group_page(self.store.conn(), key.filter(), after, limit)?;
        let next = (messages.len() == limit)
            .then(|| {
                messages
                    .last()
                    .map(|m| format!("{}:{}:{}", u8::from(m.pinned), m.received_at.timestamp_millis(), m.id))
            })
            .flatten();
        Ok(InboxPage { messages, next })
    }

    /// The overview and the first pages (`limit` messages each) of the newest groups until they
    /// hold `rows` messages: what a window opening on the inbox shows before anything scrolls.
    pub fn inbox_start(&self, limit: usize, rows: usize) -> Result<InboxStart> {
        let overview = self.inbox_overview()?;
        let mut pages = Vec::new();
        let mut shown = 0;
        for group in overview.groups.iter().take(16) {
            if shown >= rows {
                break;
            }
            let page = self.inbox_group(&group.key, None, Some(limit))?;
            shown += page.messages.len() + 1; // the heading takes a row too
            pages.push(GroupPage { key: group.key.clone(), limit: limit.clamp(1, MAX_PAGE), page });
        }
        Ok(InboxStart { overview, pages })
    }

    /// Focus per day and arrivals per week over the last `weeks` weeks (this one included).
    pub fn stats(&self, weeks: u32) -> Result<Stats> {
        if !(1..=MAX_STATS_WEEKS).contains(&weeks) {
            return Err(Error::new(
                ErrorCode::InvalidRequest,
                format!("stats cover 1 to {MAX_STATS_WEEKS} weeks (got {weeks})"),
            ));
        }
        let now = self.now();
        let zone = self.clock.time_zone();
        let today = local_date(now, zone);
        let monday = today - TimeDelta::days(i64::from(today.weekday().num_days_from_monday()));
        let first = monday - TimeDelta::weeks(i64::from(weeks) - 1);
        let (from, _) = local_day_bounds(first, zone);
        let (_, to) = local_day_bounds(today, zone);

        let mut days: Vec<DayStats> = first
            .iter_days()
            .take_while(|d| *d <= today)
            .map(|date| DayStats { date, focus_secs: 0, blocks_completed: 0, blocks_cancelled: 0 })
            .collect();
        let day_index = |date: NaiveDate| usize::try_from((date - first).num_days()).ok();
        for block in self.store.blocks_started_between(from, to)? {
            let Some(day) = day_index(local_date(block.started_at, zone)).and_then(|i| days.get_mut(i))
            else {
                continue;
            };
            day.focus_secs += block.focused_secs(now);
            match block.outcome {
                Some(Outcome::Completed) => day.blocks_completed += 1,
                Some(Outcome::Cancelled) => day.blocks_cancelled += 1,
                None => {}
            }
        }

        let mut week_list: Vec<WeekStats> = (0..weeks)
            .map(|w| WeekStats {
                start: first + TimeDelta::weeks(i64::from(w)),
                held: 0,
                broke_through: 0,
                delivered: 0,
            })
            .collect();
        for (quarter, decision, n) in review::arrivals_by_quarter(self.store.conn(), from, to)? {
            let Some(index) = day_index(local_date(quarter, zone)) else { continue };
            let Some(week) = week_list.get_mut(index / 7) else { continue };
            match decision.as_str() {
                "held" => week.held += n,
                "broke_through" => week.broke_through += n,
                _ => week.delivered += n,
            }
        }

        // The instants the weeks after the first start at, for the store to sort arrivals into.
        let week_starts: Vec<i64> = (1..weeks)
            .map(|w| local_day_bounds(first + TimeDelta::weeks(i64::from(w)), zone).0.timestamp_millis())
            .collect();
        let interrupters = interrupters(
            review::interruptions_by_week(self.store.conn(), from, to, &week_starts)?,
            week_list.len(),
        );

        let blocks_completed = days.iter().map(|d| d.blocks_completed).sum();
        let blocks_cancelled = days.iter().map(|d| d.blocks_cancelled).sum::<i64>();
        let ended = blocks_completed + blocks_cancelled;
        #[allow(clippy::cast_precision_loss, reason = "block counts are far below 2^52")]
        let completion_rate = (ended > 0).then(|| blocks_completed as f64 / ended as f64);
        Ok(Stats {
            from: first,
            to: today,
            days,
            weeks: week_list,
            blocks_completed,
            blocks_cancelled,
            completion_rate,
            interrupters,
        })
    }
}

/// The [`TOP_INTERRUPTERS`] senders with the most interruptions, from the store's rows of (who,
/// source, decision, week index, count).
fn interrupters(rows: Vec<review::InterruptionRow>, weeks: usize) -> Vec<Interrupter> {
    let mut by_who: Vec<Interrupter> = Vec::new();
    let mut index_of: HashMap<(String, Source), usize> = HashMap::new();
    for (who, source, decision, week, n) in rows {
        let index = *index_of.entry((who.clone(), source)).or_insert_with(|| {
            by_who.push(Interrupter {
                who,
                source,
                held: 0,
                broke_through: 0,
                weeks: vec![InterruptWeek::default(); weeks],
            });
            by_who.len() - 1
        });
        let sender = &mut by_who[index];
        let Some(slot) = sender.weeks.get_mut(week) else { continue };
        if decision == "held" {
            sender.held += n;
            slot.held += n;
        } else {
            sender.broke_through += n;
            slot.broke_through += n;
        }
    }
    by_who.sort_by(|a, b| {
        (b.held + b.broke_through).cmp(&(a.held + a.broke_through)).then_with(|| a.who.cmp(&b.who))
    });
    by_who.truncate(TOP_INTERRUPTERS);
    by_who
}

/// A group's heading: "Alice", "Alice · release-42", "ntfy" when nothing else is known.
fn label(source: Source, who: &str, thread: &str) -> String {
    match (who.is_empty(), thread.is_empty()) {
        (true, true) => source.as_str().to_owned(),
        (false, true) => who.to_owned(),
        (true, false) => thread.to_owned(),
        (false, false) => format!("{who} · {thread}"),
    }
}
