//! Local times of day and turning them into instants, daylight-saving days included.
//!
//! The one rule every schedule in Lull follows: a local time that does not exist (the hour
//! skipped when clocks spring forward) means the first valid instant after it; a local time that
//! exists twice (the hour repeated in autumn) means its first occurrence.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use ts_rs::TS;

/// A time of day in minutes since midnight, written "HH:MM". "24:00" is the end of the day and
/// is only meaningful as the end of a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, TS)]
#[ts(export, type = "string")]
pub struct TimeOfDay(u16);

impl TimeOfDay {
    pub const MIDNIGHT: Self = Self(0);
    pub const END_OF_DAY: Self = Self(24 * 60);

    pub fn new(hour: u16, minute: u16) -> Option<Self> {
        (minute < 60 && (hour < 24 || (hour == 24 && minute == 0))).then_some(Self(hour * 60 + minute))
    }

    /// For constants in this crate; `hour`/`minute` must be a valid time of day.
    pub(crate) const fn hm(hour: u16, minute: u16) -> Self {
        Self(hour * 60 + minute)
    }

    pub fn from_minutes(minutes: u16) -> Option<Self> {
        (minutes <= 24 * 60).then_some(Self(minutes))
    }

    pub fn minutes(self) -> u16 {
        self.0
    }

    /// The instant this time of day falls on, on `date` in `zone` (see the module rule).
    pub fn on(self, date: NaiveDate, zone: Tz) -> DateTime<Utc> {
        let naive = date.and_time(chrono::NaiveTime::MIN) + TimeDelta::minutes(i64::from(self.0));
        resolve_local(naive, zone)
    }

    /// Every instant this time of day falls on, on `date` in `zone`, in order: one, or two on the
    /// autumn day when it happens twice, or (in a spring gap) the first valid instant after it.
    pub fn instants_on(self, date: NaiveDate, zone: Tz) -> impl Iterator<Item = DateTime<Utc>> {
        let naive = date.and_time(chrono::NaiveTime::MIN) + TimeDelta::minutes(i64::from(self.0));
        let second = match zone.from_local_datetime(&naive) {
            LocalResult::Ambiguous(_, second) => Some(second.with_timezone(&Utc)),
            LocalResult::Single(_) | LocalResult::None => None,
        };
        std::iter::once(resolve_local(naive, zone)).chain(second)
    }

    /// The first instant strictly after `t` at which the local time in `zone` is this time of
    /// day (today's, else tomorrow's): "until 01:30" is the coming 01:30. In the repeated autumn
    /// hour the first occurrence counts unless it has passed, then the second does.
    pub fn next_after(self, t: DateTime<Utc>, zone: Tz) -> Option<DateTime<Utc>> {
        let today = local_date(t, zone);
        [Some(today), today.succ_opt()]
            .into_iter()
            .flatten()
            .flat_map(|date| self.instants_on(date, zone))
            .find(|&at| at > t)
    }
}

impl std::fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl std::str::FromStr for TimeOfDay {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("{s:?} is not a time of day (HH:MM, 00:00 to 24:00)");
        let (h, m) = s.trim().split_once(':').ok_or_else(bad)?;
        if m.len() != 2 || h.is_empty() || h.len() > 2 {
            return Err(bad());
        }
        let (h, m) = (h.parse::<u16>().map_err(|_| bad())?, m.parse::<u16>().map_err(|_| bad())?);
        Self::new(h, m).ok_or_else(bad)
    }
}

impl Serialize for TimeOfDay {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeOfDay {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A local date-time in `zone` as an instant: the first occurrence when it is ambiguous, the
/// first valid instant after it when it falls in a gap.
pub fn resolve_local(naive: NaiveDateTime, zone: Tz) -> DateTime<Utc> {
    match zone.from_local_datetime(&naive) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
        LocalResult::None => {
            // In a gap. Real gaps start and end on whole minutes and last at most a day, so
            // the first local minute that exists is the transition, i.e. the first valid instant.
            (1..=24 * 60)
                .find_map(|minutes| {
                    zone.from_local_datetime(&(naive + TimeDelta::minutes(minutes))).earliest()
                })
                .map(|t| t.with_timezone(&Utc))
                // No zone has a gap of more than a day; if one did, the naive time as UTC is the
                // least surprising answer.
                .unwrap_or_else(|| naive.and_utc())
        }
    }
}

/// The local date of `t` in `zone`.
pub fn local_date(t: DateTime<Utc>, zone: Tz) -> NaiveDate {
    t.with_timezone(&zone).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().expect("an RFC 3339 instant")
    }

    #[test]
    fn times_of_day_parse_and_print_as_hh_mm() {
        assert_eq!("09:30".parse::<TimeOfDay>(), Ok(TimeOfDay(570)));
        assert_eq!("24:00".parse::<TimeOfDay>(), Ok(TimeOfDay::END_OF_DAY));
        assert_eq!(TimeOfDay(570).to_string(), "09:30");
        for bad in ["24:01", "9", "09:60", "-1:00", "09:5", "ab:cd", "", "123:00"] {
            assert!(bad.parse::<TimeOfDay>().is_err(), "{bad:?} is refused");
        }
    }

    #[test]
    fn a_time_in_the_spring_gap_moves_to_the_first_valid_instant() {
        // Berlin, 29 March 2026: 02:00 CET jumps to 03:00 CEST (01:00 UTC).
        let berlin = Tz::Europe__Berlin;
        let t = TimeOfDay(2 * 60 + 30).on(date(2026, 3, 29), berlin);
        assert_eq!(t, utc("2026-03-29T01:00:00Z"), "02:30 does not exist: 03:00 CEST");
        // Lord Howe, 4 October 2026: 02:00 +10:30 jumps to 02:30 +11:00 (15:30 UTC).
        let lord_howe = Tz::Australia__Lord_Howe;
        let t = TimeOfDay(2 * 60 + 10).on(date(2026, 10, 4), lord_howe);
        assert_eq!(t, utc("2026-10-03T15:30:00Z"), "02:10 does not exist: 02:30 +11:00");
    }

    #[test]
    fn an_ambiguous_time_in_autumn_means_its_first_occurrence() {
        // New York, 1 November 2026: 01:30 happens at 05:30 UTC (EDT) and again at 06:30 UTC (EST).
        let t = TimeOfDay(90).on(date(2026, 11, 1), Tz::America__New_York);
        assert_eq!(t, utc("2026-11-01T05:30:00Z"));
    }

    #[test]
    fn end_of_day_is_the_next_midnight() {
        let t = TimeOfDay::END_OF_DAY.on(date(2026, 11, 24), Tz::UTC);
        assert_eq!(t, utc("2026-11-25T00:00:00Z"));
    }
}
