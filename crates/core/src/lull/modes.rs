//! Modes: the timeline, transitions, releasing held messages with one digest, and the user's
//! overrides ("working late until", "done for today").

use chrono::{DateTime, TimeDelta, Timelike, Utc};

use super::{Change, EngineState, Lull, local_day_bounds};
use crate::digest::{self, Digest, DigestReason, GroupCount};
use crate::error::{Error, ErrorCode, Result};
use crate::local_time::{TimeOfDay, local_date};
use crate::settings::Delivery;
use crate::store::{digests, messages, state};
use crate::timeline::{Mode, QuietReason, Timeline};
use crate::work_hours::WorkHours;

/// The work hours until the first run is finished: Open at every hour.
static ALL_DAY: std::sync::LazyLock<WorkHours> = std::sync::LazyLock::new(WorkHours::all_day);

impl Lull {
    /// Everything the mode depends on, as of `now`.
    pub(crate) fn timeline(&self, now: DateTime<Utc>) -> Result<Timeline<'_>> {
        let zone = self.clock.time_zone();
        let today = local_date(now, zone);
        let mut scheduled = Vec::new();
        // Before the first run is finished, scheduled blocks wait too (see `first_run.rs`).
        if !self.settings.schedule.is_empty() && !self.first_run() {
            let taken = self.store.taken_occurrences(today - TimeDelta::days(1))?;
            for day in -1..=7 {
                let date = today + TimeDelta::days(day);
                for (id, start, end) in self.settings.occurrences_on(date, zone) {
                    if end > now && !taken.contains(&(id, date)) {
                        scheduled.push((start, end));
                    }
                }
            }
        }
        let (meetings, booked) = self.calendar_ahead(now)?;
        scheduled.extend(booked.iter().map(|f| (f.start, f.end)));
        Ok(Timeline {
            zone,
            hours: if self.first_run() { &ALL_DAY } else { &self.settings.work_hours },
            block_until: self.store.running_block()?.map(|b| b.deadline),
            working_late_until: self.state.working_late_until,
            done_for_today_until: self.state.done_for_today_until,
            scheduled,
            meetings,
            // Before the first run is finished, away holds nothing either.
            away: self.presence.holding(&self.settings.away).filter(|_| !self.first_run()),
            presenting: self.screen.holding(&self.settings.screens) && !self.first_run(),
            block_paused: self.presence.pauses_blocks(&self.settings.away),
        })
    }

    pub fn mode(&self) -> Result<Mode> {
        let now = self.now();
        Ok(self.timeline(now)?.mode_at(now))
    }

    /// Notices a change of mode and, on entering Open (or at a batch time), releases what was
    /// held with exactly one digest. The release, the digest and the new mode are one transaction.
    pub(super) fn follow_mode(&mut self, now: DateTime<Utc>) -> Result<Vec<Change>> {
        let timeline = self.timeline(now)?;
        let (mode, quiet) = (timeline.mode_at(now), timeline.quiet_reason_at(now));
        drop(timeline);
        let previous = self.state.last_mode;
        let returned = self.presence.take_returned();
        let mut changes = Vec::new();
        if let Some(from) = previous
            && from != mode
        {
            changes.push(Change::ModeChanged { from, to: mode });
        }
        let reason = match (previous, mode) {
            (_, Mode::Focus | Mode::Quiet) => None,
            (Some(Mode::Focus), Mode::Open) => Some(DigestReason::Focus),
            (Some(Mode::Quiet) | None, Mode::Open) if returned.is_some() => Some(DigestReason::Away),
            (Some(Mode::Quiet), Mode::Open) if self.state.last_quiet == Some(QuietReason::Meeting) => {
                Some(DigestReason::Meeting)
            }
            (Some(Mode::Quiet), Mode::Open) if self.state.last_quiet == Some(QuietReason::Presenting) => {
                Some(DigestReason::Presenting)
            }
            (Some(Mode::Quiet) | None, Mode::Open) => Some(DigestReason::Quiet),
            (Some(Mode::Open), Mode::Open) => match self.settings.delivery {
                // Held while Open only happens by a snooze landing in a block: release at once.
                Delivery::Immediate => Some(DigestReason::Focus),
                Delivery::Batched { .. } => self.batch_due(now).then_some(DigestReason::Batch),
            },
        };
        let mut state = EngineState { last_mode: Some(mode), last_quiet: quiet, ..self.state.clone() };
        let held = messages::held_count(self.store.conn())?;
        let digest = match reason {
            Some(reason) if held > 0 => {
                let away_secs = returned.map(|away| (now - away.since).num_seconds().max(0));
                self.release(now, reason, away_secs.filter(|_| reason == DigestReason::Away), &mut state)?
            }
            _ => {
                if reason == Some(DigestReason::Batch) {
                    state.last_release_at = Some(now); // a batch time passed with nothing to release
                }
                if state != self.state {
                    self.save_state(state)?;
                }
                None
            }
        };
        changes.extend(digest.map(|digest| Change::Digest { digest }));
        Ok(changes)
    }

    fn batch_due(&self, now: DateTime<Utc>) -> bool {
        let since = self.state.last_release_at.unwrap_or(now - TimeDelta::days(1));
        self.settings.delivery.next_batch(self.clock.time_zone(), since).is_some_and(|at| at <= now)
    }

    /// When held messages will next be released by a batch, if batched and any are held.
    pub(super) fn next_batch(&self, now: DateTime<Utc>) -> Result<Option<DateTime<Utc>>> {
        if matches!(self.settings.delivery, Delivery::Immediate)
            || messages::held_count(self.store.conn())? == 0
        {
            return Ok(None);
        }
        Ok(self.settings.delivery.next_batch(self.clock.time_zone(), now))
    }

    /// Releases every held message into one digest, saving `state` in the same transaction.
    fn release(
        &mut self,
        now: DateTime<Utc>,
        reason: DigestReason,
        away_secs: Option<i64>,
        state: &mut EngineState,
    ) -> Result<Option<Digest>> {
        state.last_release_at = Some(now);
        let saved = state.clone();
        let digest = self.store.write(|tx| {
            state::save(tx, super::ENGINE_STATE, &saved)?;
            let count = messages::held_count(tx)?;
            if count == 0 {
                return Ok(None);
            }
            let groups = |rows: Vec<(String, i64)>| {
                rows.into_iter().map(|(label, count)| GroupCount { label, count }).collect::<Vec<_>>()
            };
            let by_sender = groups(messages::held_by_sender(tx)?);
            let by_source = groups(messages::held_by_source(tx)?);
            let id = digests::insert(tx, now, reason.as_str(), count)?;
            messages::release_held(tx, now, id)?;
            let text = digest::text(reason, count, away_secs, &by_sender);
            let digest = Digest { id, at: now, reason, count, by_sender, by_source, away_secs, text };
            let json = serde_json::to_string(&digest)
                .map_err(|err| Error::new(ErrorCode::Storage, err.to_string()))?;
            digests::set_summary(tx, id, &json)?;
            Ok(Some(digest))
        })?;
        self.state = saved;
        Ok(digest)
    }

    /// "Working late until HH:MM": Open until the coming instant with that local time (today,
    /// or tomorrow if it has passed today; in the repeated autumn hour, the second occurrence
    /// once the first has passed), even outside work hours. Ends "done for today".
    pub fn working_late(&mut self, until: TimeOfDay) -> Result<DateTime<Utc>> {
        let now = self.now();
        let zone = self.clock.time_zone();
        let today = local_date(now, zone);
        if until == TimeOfDay::END_OF_DAY {
            let (_, end) = local_day_bounds(today, zone);
            return self.set_working_late(end);
        }
        let Some(at) = until.next_after(now, zone) else {
            return Err(Error::new(ErrorCode::InvalidTime, format!("{until} cannot be reached from now")));
        };
        self.set_working_late(at)
    }

    /// "Working late for an hour": until the local time of day `duration` from now, to the
    /// minute, as [`Lull::working_late`] reads it (so past midnight it is tomorrow's, and in the
    /// repeated autumn hour the occurrence that comes after now). `duration`: a minute to a day.
    pub fn working_late_for(&mut self, duration: TimeDelta) -> Result<DateTime<Utc>> {
        if duration < TimeDelta::minutes(1) || duration >= TimeDelta::days(1) {
            return Err(Error::new(
                ErrorCode::InvalidTime,
                "working late lasts from a minute to less than a day",
            ));
        }
        let at = (self.now() + duration).with_timezone(&self.clock.time_zone());
        // An hour below 24 and a minute below 60: always a time of day.
        let until = u16::try_from(at.hour() * 60 + at.minute())
            .ok()
            .and_then(TimeOfDay::from_minutes)
            .ok_or_else(|| Error::new(ErrorCode::InvalidTime, format!("{at} is not a time of day")))?;
        self.working_late(until)
    }

    fn set_working_late(&mut self, at: DateTime<Utc>) -> Result<DateTime<Utc>> {
        self.save_state(EngineState {
            working_late_until: Some(at),
            done_for_today_until: None,
            ..self.state.clone()
        })?;
        Ok(at)
    }

    /// "Done for today": Quiet until the first work window of a later day. Ends "working late".
    pub fn done_for_today(&mut self) -> Result<DateTime<Utc>> {
        let now = self.now();
        let until =
            self.settings.work_hours.first_start_after_today(self.clock.time_zone(), now).ok_or_else(
                || {
                    Error::new(
                        ErrorCode::NoWorkHours,
                        "there are no work hours ahead to be done until; set your work hours first",
                    )
                },
            )?;
        self.save_state(EngineState {
            done_for_today_until: Some(until),
            working_late_until: None,
            ..self.state.clone()
        })?;
        Ok(until)
    }

    /// Ends "working late" and "done for today": the schedule decides again.
    pub fn clear_overrides(&mut self) -> Result<()> {
        self.save_state(EngineState {
            working_late_until: None,
            done_for_today_until: None,
            ..self.state.clone()
        })
    }
}
