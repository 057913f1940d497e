//! Focus time booked for you: where in a day's free time Lull would put focus blocks so that the
//! day reaches its goal. Pure: the work intervals, what is already busy, what was focused and
//! what the user skipped are passed in, and the same inputs always give the same proposals.
//!
//! The rules, in the order they apply:
//! - only work time from `now` (rounded up to the next five minutes) to the day's end counts;
//! - a meeting, a booked or accepted block and the running block are busy, and a meeting keeps
//!   [`MEETING_MARGIN`] free on either side (to get there, and back);
//! - blocks are placed earliest first, each as long as the setting asks, or what is left of the
//!   goal or of the gap, never shorter than [`MIN_BLOCK`], with [`BREAK`] between two blocks
//!   (proposed or not, in one gap or across two);
//! - the time of a proposal the user skipped is not proposed again that day;
//! - the goal counts as met when less than [`GOAL_SLACK`] is missing.

use chrono::{DateTime, TimeDelta, Timelike, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, ErrorCode, Result};
use crate::work_hours::Interval;

/// The longest daily goal, in minutes: ten hours.
pub const MAX_DAILY_MINUTES: u32 = 600;
/// How long a proposed block may be asked to be, in minutes.
pub const BLOCK_MINUTES: std::ops::RangeInclusive<u32> = 25..=180;

/// Focus time booked for you: a daily goal Lull proposes blocks for, in the free gaps of the work
/// hours and the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct FocusTime {
    /// Minutes of focus a workday should have; 0: nothing is proposed.
    pub daily_minutes: u32,
    /// How long a proposed block is, in minutes (the last one of a day may be shorter).
    pub block_minutes: u32,
    /// Write the accepted blocks to `focus.ics` in the data directory, for a calendar app to
    /// subscribe to.
    pub ics_file: bool,
}

impl Default for FocusTime {
    fn default() -> Self {
        Self { daily_minutes: 0, block_minutes: 50, ics_file: false }
    }
}

impl FocusTime {
    pub(crate) fn validate(self) -> Result<Self> {
        let invalid =
            |message: String, field: &str| Error::new(ErrorCode::InvalidSettings, message).in_field(field);
        if self.daily_minutes > MAX_DAILY_MINUTES {
            return Err(invalid(
                format!("at most {MAX_DAILY_MINUTES} minutes a day"),
                "focus_time.daily_minutes",
            ));
        }
        if !BLOCK_MINUTES.contains(&self.block_minutes) {
            let (min, max) = (BLOCK_MINUTES.start(), BLOCK_MINUTES.end());
            return Err(invalid(
                format!("a proposed block is {min} to {max} minutes"),
                "focus_time.block_minutes",
            ));
        }
        Ok(self)
    }

    /// Whether Lull proposes anything.
    pub fn on(&self) -> bool {
        self.daily_minutes > 0
    }
}

/// The domain of the `UID`s of the events in `focus.ics`: Lull skips them when the file is
/// subscribed to as one of its calendars (they are the accepted proposals it knows already).
pub const UID_DOMAIN: &str = "@focus.lull.app";

/// An iCalendar (RFC 5545) of `blocks` (accepted proposals, each with the local day it belongs
/// to), for a calendar app to subscribe to: busy events titled "Focus", in UTC, CRLF-ended.
/// `stamp` is the `DTSTAMP` (when the file was written).
pub fn focus_calendar(blocks: &[(chrono::NaiveDate, Interval)], stamp: DateTime<Utc>) -> String {
    let utc = |t: DateTime<Utc>| t.format("%Y%m%dT%H%M%SZ").to_string();
    let mut ics = String::from(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Lull//Focus time//EN\r\nCALSCALE:GREGORIAN\r\n\
         X-WR-CALNAME:Lull focus\r\n",
    );
    for &(day, (start, end)) in blocks {
        ics.push_str("BEGIN:VEVENT\r\n");
        ics.push_str(&format!("UID:{day}-{}{UID_DOMAIN}\r\n", start.timestamp_millis()));
        ics.push_str(&format!("DTSTAMP:{}\r\n", utc(stamp)));
        ics.push_str(&format!("DTSTART:{}\r\nDTEND:{}\r\n", utc(start), utc(end)));
        ics.push_str("SUMMARY:Focus\r\nTRANSP:OPAQUE\r\nCATEGORIES:Focus\r\nEND:VEVENT\r\n");
    }
    ics.push_str("END:VCALENDAR\r\n");
    ics
}

/// No proposal is shorter: a shorter gap is not worth a block.
pub const MIN_BLOCK: TimeDelta = TimeDelta::minutes(25);
/// Free time kept before and after a meeting.
pub const MEETING_MARGIN: TimeDelta = TimeDelta::minutes(5);
/// Between two proposed blocks.
pub const BREAK: TimeDelta = TimeDelta::minutes(10);
/// The goal counts as met when less than this is missing (no block for the last minutes).
pub const GOAL_SLACK: TimeDelta = TimeDelta::minutes(10);
/// Proposals start on the five minutes.
const GRID_MINUTES: u32 = 5;

/// A block Lull proposes, from `start` to `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Proposal {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// What a day is made of, for [`plan`].
#[derive(Debug, Clone, Copy)]
pub struct Day<'a> {
    /// The day's work intervals, in order (`WorkHours::intervals` for the one local day).
    pub work: &'a [Interval],
    /// Meetings, in any order: kept free with a margin.
    pub meetings: &'a [Interval],
    /// Blocks already there (booked in the calendar, accepted, running), in any order.
    pub blocks: &'a [Interval],
    /// Proposals the user skipped today: that time is not proposed again.
    pub skipped: &'a [Interval],
}

/// The proposals that take the day from `focused` to `goal` (both as durations), blocks of
/// `block` each; none when the goal is met or no gap is long enough. The blocks still to come
/// count towards the goal as if done.
pub fn plan(
    now: DateTime<Utc>,
    day: Day<'_>,
    focused: TimeDelta,
    goal: TimeDelta,
    block: TimeDelta,
) -> Vec<Proposal> {
    let to_come: TimeDelta =
        day.blocks.iter().filter(|(_, end)| *end > now).map(|&(start, end)| end - start.max(now)).sum();
    let mut need = goal - focused - to_come;
    let block = block.max(MIN_BLOCK);
    let mut busy: Vec<Interval> = day
        .meetings
        .iter()
        .map(|&(start, end)| (start - MEETING_MARGIN, end + MEETING_MARGIN))
        .chain(day.blocks.iter().map(|&(start, end)| (start - BREAK, end + BREAK)))
        .chain(day.skipped.iter().copied())
        .collect();
    busy.sort();
    let from = round_up(now);
    let mut proposals: Vec<Proposal> = Vec::new();
    for &(work_start, work_end) in day.work {
        for (gap_start, gap_end) in free(work_start.max(from), work_end, &busy) {
            // A break after the last block proposed, though it was in another gap.
            let after_last = proposals.last().map(|p| p.end + BREAK);
            let mut start = round_up(after_last.map_or(gap_start, |t| t.max(gap_start)));
            while need >= GOAL_SLACK {
                // The end of a gap may hold a shorter block, never one under the minimum.
                let length = block.min(need).max(MIN_BLOCK).min(gap_end - start);
                if length < MIN_BLOCK {
                    break;
                }
                proposals.push(Proposal { start, end: start + length });
                need -= length;
                start = round_up(start + length + BREAK);
            }
        }
    }
    proposals
}

/// The parts of `from..to` that no interval of `busy` (sorted by start) covers.
fn free(from: DateTime<Utc>, to: DateTime<Utc>, busy: &[Interval]) -> Vec<Interval> {
    let mut gaps = Vec::new();
    let mut cursor = from;
    for &(start, end) in busy {
        if end <= cursor || start >= to {
            continue;
        }
        if start > cursor {
            gaps.push((cursor, start));
        }
        cursor = cursor.max(end);
    }
    if cursor < to {
        gaps.push((cursor, to));
    }
    gaps
}

/// `t` rounded up to the next five minutes (itself when it is on them).
fn round_up(t: DateTime<Utc>) -> DateTime<Utc> {
    let on_grid = t.second() == 0 && t.nanosecond() == 0 && t.minute().is_multiple_of(GRID_MINUTES);
    if on_grid {
        return t;
    }
    let floor = t.with_second(0).and_then(|t| t.with_nanosecond(0)).unwrap_or(t);
    let floor = floor - TimeDelta::minutes((floor.minute() % GRID_MINUTES).into());
    floor + TimeDelta::minutes(GRID_MINUTES.into())
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone};
    use chrono_tz::{Europe::Berlin, Tz};

    use super::*;
    use crate::work_hours::WorkHours;

    fn at(date: (i32, u32, u32), h: u32, m: u32) -> DateTime<Utc> {
        Berlin
            .with_ymd_and_hms(date.0, date.1, date.2, h, m, 0)
            .single()
            .expect("a local time")
            .with_timezone(&Utc)
    }

    fn local(proposals: &[Proposal], zone: Tz) -> Vec<String> {
        let hm = |t: DateTime<Utc>| t.with_timezone(&zone).format("%H:%M").to_string();
        proposals.iter().map(|p| format!("{}-{}", hm(p.start), hm(p.end))).collect()
    }

    /// Thursday 3 December 2026 and the default work hours (09:00–12:00, 13:00–17:30).
    const THU: (i32, u32, u32) = (2026, 12, 3);

    fn work(date: (i32, u32, u32)) -> Vec<Interval> {
        let day = NaiveDate::from_ymd_opt(date.0, date.1, date.2).expect("a date");
        WorkHours::default().intervals(Berlin, day, day)
    }

    const MINUTES: fn(i64) -> TimeDelta = TimeDelta::minutes;

    #[test]
    fn blocks_go_in_the_free_gaps_around_meetings_earliest_first_until_the_goal() {
        let work = work(THU);
        let meetings = [(at(THU, 10, 0), at(THU, 11, 0)), (at(THU, 14, 0), at(THU, 14, 30))];
        let day = Day { work: &work, meetings: &meetings, blocks: &[], skipped: &[] };
        let proposals = plan(at(THU, 8, 0), day, TimeDelta::zero(), MINUTES(180), MINUTES(50));
        // 09:00–09:55 is free before the first meeting's margin; after it, 11:05–12:00 (lunch is
        // no work); then 13:00–13:55 before the second.
        assert_eq!(local(&proposals, Berlin), ["09:00-09:50", "11:05-11:55", "13:00-13:50", "14:35-15:05"]);
        let total: TimeDelta = proposals.iter().map(|p| p.end - p.start).sum();
        assert_eq!(total, MINUTES(180), "exactly the goal: the last block is what is left of it");
    }

    #[test]
    fn what_was_focused_and_what_is_booked_count_towards_the_goal() {
        let work = work(THU);
        let booked = [(at(THU, 13, 0), at(THU, 14, 0))];
        let day = Day { work: &work, meetings: &[], blocks: &booked, skipped: &[] };
        let now = at(THU, 11, 2);
        let proposals = plan(now, day, MINUTES(60), MINUTES(150), MINUTES(50));
        // 60 done + 60 booked: 30 left, from 11:05 (the next five minutes).
        assert_eq!(local(&proposals, Berlin), ["11:05-11:35"]);
        assert!(plan(now, day, MINUTES(85), MINUTES(150), MINUTES(50)).is_empty(), "5 minutes missing: met");
        assert!(plan(now, day, MINUTES(200), MINUTES(150), MINUTES(50)).is_empty(), "more than the goal");
    }

    #[test]
    fn a_gap_shorter_than_the_minimum_block_gets_none_and_a_long_one_ends_with_a_shorter_block() {
        let work = work(THU);
        // Free: 09:00–09:15 (too short), 09:55-10:55 before the margin of an 11:00 meeting, 12:00 on is lunch.
        let meetings = [(at(THU, 9, 20), at(THU, 9, 50)), (at(THU, 11, 0), at(THU, 12, 0))];
        let day = Day { work: &work[..1], meetings: &meetings, blocks: &[], skipped: &[] };
        let proposals = plan(at(THU, 8, 0), day, TimeDelta::zero(), MINUTES(120), MINUTES(90));
        assert_eq!(local(&proposals, Berlin), ["09:55-10:55"], "the gap's hour, not the 90 asked");
    }

    #[test]
    fn two_blocks_in_two_gaps_still_have_a_break_between_them() {
        // Found by the property test: a 5-minute block at 10:25 split the morning into two
        // gaps, and the second proposal began 5 minutes after the first ended.
        let work = work(THU);
        let short = [(at(THU, 10, 25), at(THU, 10, 30))];
        let day = Day { work: &work[..1], meetings: &[], blocks: &short, skipped: &[] };
        let proposals = plan(at(THU, 9, 50), day, TimeDelta::zero(), MINUTES(60), MINUTES(25));
        assert_eq!(local(&proposals, Berlin), ["09:50-10:15", "10:40-11:05"]);
        // Two work windows five minutes apart: the break runs into the second.
        let windows = [(at(THU, 9, 0), at(THU, 9, 50)), (at(THU, 9, 55), at(THU, 12, 0))];
        let day = Day { work: &windows, meetings: &[], blocks: &[], skipped: &[] };
        let proposals = plan(at(THU, 8, 0), day, TimeDelta::zero(), MINUTES(100), MINUTES(50));
        assert_eq!(local(&proposals, Berlin), ["09:00-09:50", "10:00-10:50"]);
    }

    #[test]
    fn skipped_time_is_not_proposed_again() {
        let work = work(THU);
        let first = plan(
            at(THU, 8, 0),
            Day { work: &work, meetings: &[], blocks: &[], skipped: &[] },
            TimeDelta::zero(),
            MINUTES(50),
            MINUTES(50),
        );
        assert_eq!(local(&first, Berlin), ["09:00-09:50"]);
        let skipped = [(first[0].start, first[0].end)];
        let again = plan(
            at(THU, 8, 0),
            Day { work: &work, meetings: &[], blocks: &[], skipped: &skipped },
            TimeDelta::zero(),
            MINUTES(50),
            MINUTES(50),
        );
        assert_eq!(local(&again, Berlin), ["09:50-10:40"], "the next free time");
    }

    #[test]
    fn nothing_is_proposed_in_the_past_or_after_the_day_ends() {
        let work = work(THU);
        let day = Day { work: &work, meetings: &[], blocks: &[], skipped: &[] };
        let late = plan(at(THU, 17, 1), day, TimeDelta::zero(), MINUTES(120), MINUTES(50));
        assert_eq!(local(&late, Berlin), ["17:05-17:30"], "the last 25 minutes of the day, no more");
        assert!(plan(at(THU, 17, 10), day, TimeDelta::zero(), MINUTES(120), MINUTES(50)).is_empty());
        assert!(
            plan(at(THU, 8, 0), Day { work: &[], ..day }, TimeDelta::zero(), MINUTES(120), MINUTES(50))
                .is_empty(),
            "a day off"
        );
    }

    #[test]
    fn a_daylight_saving_change_inside_the_work_hours_gives_real_durations() {
        // Sunday 29 March 2026: Berlin's clocks go from 02:00 to 03:00. Work 01:00–04:00 is two
        // real hours.
        let work = [(
            Berlin
                .with_ymd_and_hms(2026, 3, 29, 1, 0, 0)
                .single()
                .expect("before the gap")
                .with_timezone(&Utc),
            Berlin
                .with_ymd_and_hms(2026, 3, 29, 4, 0, 0)
                .single()
                .expect("after the gap")
                .with_timezone(&Utc),
        )];
        assert_eq!(work[0].1 - work[0].0, TimeDelta::hours(2));
        let day = Day { work: &work, meetings: &[], blocks: &[], skipped: &[] };
        let proposals =
            plan(work[0].0 - TimeDelta::hours(1), day, TimeDelta::zero(), MINUTES(240), MINUTES(60));
        assert_eq!(
            local(&proposals, Berlin),
            ["01:00-03:00", "03:10-04:00"],
            "an hour, then the 50 minutes left"
        );
        let total: TimeDelta = proposals.iter().map(|p| p.end - p.start).sum();
        assert_eq!(total, MINUTES(110));
    }

    #[test]
    fn the_grid_rounds_up_to_five_minutes() {
        let t = at(THU, 9, 0);
        assert_eq!(round_up(t), t);
        assert_eq!(round_up(t + TimeDelta::seconds(1)), at(THU, 9, 5));
        assert_eq!(round_up(at(THU, 9, 4)), at(THU, 9, 5));
    }
}
