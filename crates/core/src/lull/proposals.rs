//! Focus time booked for you: today's proposals (the planner's, from the day as it is) and the
//! user's answers. An accepted proposal is booked focus like a `#focus` event: the engine starts
//! a block at its time, once. A skipped one's time is not proposed again that day. A moved one
//! is accepted at the time the user chose, if that time is free.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Change, Lull};
use crate::calendar::BookedFocus;
use crate::calendar::proposals::{Day, focus_calendar, plan};
use crate::error::{Error, ErrorCode, Result};
use crate::local_time::local_date;
use crate::lull::local_day_bounds;
use crate::store::proposals::{self as answers, Answer};
use crate::work_hours::Interval;

/// How long answers are kept (and accepted blocks stay in `focus.ics`), in days.
pub(super) const KEEP_DAYS: i64 = 14;

/// How an accepted proposal's block is keyed among the booked focus (`proposal/2026-12-03/…`).
pub(super) const PROPOSAL_KEY: &str = "proposal/";

/// A block Lull proposes for today, or one the user accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProposedBlock {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// Accepted: a block starts at `start`. Not accepted: only proposed.
    pub accepted: bool,
}

/// What today holds besides free time, for the planner and for checking a moved block.
struct Busy {
    work: Vec<Interval>,
    meetings: Vec<Interval>,
    /// Running, scheduled and booked blocks, and the accepted proposals not started yet.
    blocks: Vec<Interval>,
    skipped: Vec<Interval>,
    /// The accepted proposals that have not ended.
    accepted: Vec<Interval>,
    /// Focus done today in blocks that ended.
    focused: TimeDelta,
}

/// An accepted block whose time has come is a block like any other (it runs, or the user
/// stopped it): skipping or moving it would only rewrite the answer behind it.
fn refuse_begun(proposal: ProposedBlock, now: DateTime<Utc>) -> Result<()> {
    if proposal.accepted && proposal.start <= now {
        return Err(Error::new(
            ErrorCode::ProposalConflict,
            "that block has begun; stop it instead".to_owned(),
        ));
    }
    Ok(())
}

impl Lull {
    /// Today's proposals and accepted blocks still to come, by start; none when the setting is
    /// off, before the first run is finished, or on a day without work.
    pub fn focus_proposals(&self) -> Result<Vec<ProposedBlock>> {
        self.proposals_at(self.now())
    }

    /// Accepts the proposal starting at `start`: a block starts then. A proposal whose start
    /// has passed (shown a while ago) can still be accepted while it lasts: the block starts at
    /// once and ends at its end.
    pub fn accept_proposal(&mut self, start: DateTime<Utc>) -> Result<ProposedBlock> {
        let proposal = self.open_proposal(start)?;
        self.answer(proposal, Answer::Accepted)?;
        Ok(ProposedBlock { accepted: true, ..proposal })
    }

    /// Skips the proposal (or takes back the accepted block not begun) starting at `start`: that time is
    /// not proposed again today.
    pub fn skip_proposal(&mut self, start: DateTime<Utc>) -> Result<()> {
        let proposal = self.open_proposal(start)?;
        refuse_begun(proposal, self.now())?;
        self.answer(proposal, Answer::Skipped)
    }

    /// Moves the proposal (or accepted block) starting at `start` to start at `to`, as long as
    /// it was, and accepts it there. The new time must be today, in the work hours, and clear
    /// of meetings and of other blocks.
    pub fn move_proposal(&mut self, start: DateTime<Utc>, to: DateTime<Utc>) -> Result<ProposedBlock> {
        let now = self.now();
        let proposal = self.open_proposal(start)?;
        refuse_begun(proposal, now)?;
        let moved = (to, to + (proposal.end - proposal.start));
        let busy = self.busy_today(now)?;
        let conflict = |message: &str| Error::new(ErrorCode::ProposalConflict, message.to_owned());
        if moved.1 <= now {
            return Err(conflict("that time has passed"));
        }
        if !busy.work.iter().any(|&(from, until)| from <= moved.0 && moved.1 <= until) {
            return Err(conflict("a block goes inside today's work hours"));
        }
        let overlaps = |spans: &[Interval]| spans.iter().any(|&(s, e)| s < moved.1 && moved.0 < e);
        if overlaps(&busy.meetings) {
            return Err(conflict("a meeting is at that time"));
        }
        let own = (proposal.start, proposal.end);
        let others: Vec<Interval> =
            busy.blocks.iter().copied().filter(|&span| !proposal.accepted || span != own).collect();
        if overlaps(&others) {
            return Err(conflict("another block is at that time"));
        }
        let day = self.today(now);
        self.store.write(|tx| {
            if proposal.accepted {
                answers::forget(tx, day, proposal.start)?;
            }
            answers::answer(tx, day, moved, Answer::Accepted)
        })?;
        self.push_proposals(now)?;
        Ok(ProposedBlock { start: moved.0, end: moved.1, accepted: true })
    }

    /// `focus.ics`: the accepted blocks of the last 14 days (`KEEP_DAYS`) and those to come;
    /// `None` when the setting does not ask for the file.
    pub fn focus_calendar(&self) -> Result<Option<String>> {
        if !self.settings.focus_time.ics_file {
            return Ok(None);
        }
        let now = self.now();
        let since = self.today(now) - TimeDelta::days(KEEP_DAYS);
        let accepted = answers::accepted_since(self.store.conn(), since)?;
        Ok(Some(focus_calendar(&accepted, now)))
    }

    /// The accepted proposals of `day` as booked focus, for the engine to start once.
    pub(super) fn accepted_focus(&self, day: NaiveDate) -> Result<Vec<BookedFocus>> {
        if !self.settings.focus_time.on() {
            return Ok(Vec::new());
        }
        let accepted = answers::answered(self.store.conn(), day, Answer::Accepted)?;
        Ok(accepted
            .into_iter()
            .map(|(start, end)| BookedFocus {
                key: format!("{PROPOSAL_KEY}{day}/{}", start.timestamp_millis()),
                start,
                end,
                intent: None,
            })
            .collect())
    }

    /// Forgets the answers older than [`KEEP_DAYS`] (part of the daily pruning).
    pub(super) fn forget_old_answers(&mut self, today: NaiveDate) -> Result<()> {
        self.store.write(|tx| answers::forget_before(tx, today - TimeDelta::days(KEEP_DAYS)))
    }

    fn answer(&mut self, proposal: ProposedBlock, answer: Answer) -> Result<()> {
        let now = self.now();
        let day = self.today(now);
        self.store.write(|tx| answers::answer(tx, day, (proposal.start, proposal.end), answer))?;
        self.push_proposals(now)
    }

    fn push_proposals(&mut self, now: DateTime<Utc>) -> Result<()> {
        let proposals = self.proposals_at(now)?;
        self.push(Change::ProposalsChanged { proposals });
        Ok(())
    }

    fn today(&self, now: DateTime<Utc>) -> NaiveDate {
        local_date(now, self.clock.time_zone())
    }

    /// The proposal (or accepted block) starting at `start` that has not ended; one whose start
    /// has passed is the one planned as of its start.
    fn open_proposal(&self, start: DateTime<Utc>) -> Result<ProposedBlock> {
        let now = self.now();
        let unknown = || {
            Error::new(
                ErrorCode::UnknownProposal,
                format!("no focus is proposed at {start} any more; look at today's proposals again"),
            )
        };
        if self.today(start) != self.today(now) {
            return Err(unknown());
        }
        let planned = if start < now { self.proposals_at(start)? } else { self.proposals_at(now)? };
        planned.into_iter().find(|p| p.start == start && p.end > now).ok_or_else(unknown)
    }

    fn proposals_at(&self, now: DateTime<Utc>) -> Result<Vec<ProposedBlock>> {
        let goal = &self.settings.focus_time;
        if !goal.on() || self.first_run() {
            return Ok(Vec::new());
        }
        let busy = self.busy_today(now)?;
        if busy.work.is_empty() {
            return Ok(Vec::new());
        }
        let day =
            Day { work: &busy.work, meetings: &busy.meetings, blocks: &busy.blocks, skipped: &busy.skipped };
        let block = TimeDelta::minutes(goal.block_minutes.into());
        let proposed = plan(now, day, busy.focused, TimeDelta::minutes(goal.daily_minutes.into()), block);
        let mut all: Vec<ProposedBlock> = proposed
            .into_iter()
            .map(|p| ProposedBlock { start: p.start, end: p.end, accepted: false })
            .chain(busy.accepted.iter().map(|&(start, end)| ProposedBlock { start, end, accepted: true }))
            .collect();
        all.sort_by_key(|p| p.start);
        Ok(all)
    }

    /// Today as the planner sees it at `now`.
    fn busy_today(&self, now: DateTime<Utc>) -> Result<Busy> {
        let zone = self.clock.time_zone();
        let today = local_date(now, zone);
        let work = self.settings.work_hours.intervals(zone, today, today);
        let skipped = answers::answered(self.store.conn(), today, Answer::Skipped)?;
        let accepted: Vec<Interval> = answers::answered(self.store.conn(), today, Answer::Accepted)?
            .into_iter()
            .filter(|&(_, end)| end > now)
            .collect();
        let (from, to) = local_day_bounds(today, zone);
        let started = self.store.blocks_started_between(from, to)?;
        // Focus done: the blocks that ended. The running one is busy time still to come.
        let focused = TimeDelta::seconds(
            started
                .iter()
                .filter(|b| b.ended_at.is_some() && b.started_at <= now)
                .map(|b| b.focused_secs(now))
                .sum(),
        );
        let mut blocks: Vec<Interval> = started
            .iter()
            .filter(|b| b.ended_at.is_none())
            .map(|b| (b.started_at.max(now), b.deadline))
            .collect();
        let taken = self.store.taken_occurrences(today)?;
        blocks.extend(
            self.settings
                .occurrences_on(today, zone)
                .filter(|(id, ..)| !taken.contains(&(*id, today)))
                .map(|(_, s, e)| (s, e)),
        );
        let (meetings, booked) = self.meetings_today(now, to)?;
        // Booked focus (accepted proposals among it) not started yet: one that started is
        // among the blocks already.
        blocks.extend(booked.iter().map(|f| (f.start, f.end)));
        Ok(Busy { work, meetings, blocks, skipped, accepted, focused })
    }

    /// Today's meetings (busy whether or not they quiet) up to `until`, and the booked focus
    /// not yet run.
    fn meetings_today(
        &self,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<(Vec<Interval>, Vec<BookedFocus>)> {
        let (_, booked) = self.calendar_ahead(now)?;
        if self.settings.calendars.is_empty() {
            return Ok((Vec::new(), booked));
        }
        let meetings =
            self.calendars.around(now, self.clock.time_zone(), &self.settings.meetings, |meetings, _| {
                meetings.iter().filter(|m| m.end > now && m.start < until).map(|m| (m.start, m.end)).collect()
            });
        Ok((meetings, booked))
    }
}
