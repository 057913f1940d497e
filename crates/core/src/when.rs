//! Instants as people type them, for snoozing and due dates: `2h` or `in 45 min` (from now),
//! `14:30` or `2pm` (the next time the clock shows it), `tomorrow`, `friday`, `mon 9`,
//! `tomorrow 9:30`, `next week`, `this evening`, or an RFC 3339 instant.
//!
//! One parser for every surface: the window's typed snooze field asks the engine (`parse_when`)
//! and `lull snooze --until` goes through the same call, so "friday" means the same instant in
//! both. A day named without a time means the start of that day's work (the caller says when that
//! is: the first work window, or 09:00 on a day without one), because that is when a snoozed
//! message is wanted back. Everything takes `now` and the zone, so tests pin both.

use chrono::{DateTime, Datelike, Days, NaiveDate, TimeDelta, Utc, Weekday};
use chrono_tz::Tz;

use crate::duration;
use crate::local_time::{TimeOfDay, local_date};

/// When "this evening" is.
pub const EVENING: TimeOfDay = TimeOfDay::hm(18, 0);

/// Reads `text` as an instant after `now`. `day_start` gives the time a day named without one
/// means. The error is a sentence for the person who typed it.
pub fn parse(
    text: &str,
    now: DateTime<Utc>,
    zone: Tz,
    day_start: impl Fn(NaiveDate) -> TimeOfDay,
) -> Result<DateTime<Utc>, String> {
    let at = read(text, now, zone, &day_start).ok_or_else(|| {
        format!(
            "{:?} is not a time Lull can read (try 2h, 14:30, tomorrow, friday 9, next week)",
            text.trim()
        )
    })?;
    if at <= now {
        return Err(format!("{:?} is already past", text.trim()));
    }
    Ok(at)
}

fn read(
    text: &str,
    now: DateTime<Utc>,
    zone: Tz,
    day_start: &dyn Fn(NaiveDate) -> TimeOfDay,
) -> Option<DateTime<Utc>> {
    let raw = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(raw) {
        return Some(at.with_timezone(&Utc));
    }
    let lower = raw.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let today = local_date(now, zone);
    let at_day =
        |date: NaiveDate, time: Option<TimeOfDay>| time.unwrap_or_else(|| day_start(date)).on(date, zone);
    match words.as_slice() {
        [] => None,
        ["in", rest @ ..] => delay(&rest.join(" "), now),
        ["this", "evening"] | ["tonight"] => Some(at_day(today, Some(EVENING))),
        ["next", "week", time @ ..] => {
            let monday = today + TimeDelta::days(7 - i64::from(today.weekday().num_days_from_monday()));
            Some(at_day(monday, time_of(time)?))
        }
        [day, time @ ..] if day_word(day, today).is_some() => {
            let date = day_word(day, today)?;
            Some(at_day(date, time_of(time)?))
        }
        _ => {
            if let Some(time) = clock_time(&lower) {
                return Some(next_local(time, now, zone));
            }
            // Only delays with a unit: "1:30" above is a time of day, and a bare "5" is too unclear.
            if lower.contains(|c: char| c.is_ascii_alphabetic()) { delay(&lower, now) } else { None }
        }
    }
}

/// "2h", "45 min", "an hour", "1h30m" from now.
fn delay(text: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let text = text.trim();
    let text = match text {
        "an hour" | "a hour" | "hour" => "1h",
        "half an hour" => "30m",
        other => other,
    };
    let secs = duration::parse(text).ok()?;
    now.checked_add_signed(TimeDelta::try_seconds(i64::try_from(secs).ok()?)?)
}

/// The date a day word names: today, tomorrow, or the next such weekday (a week ahead when
/// today is that weekday: "monday" said on a Monday means the next one).
fn day_word(word: &str, today: NaiveDate) -> Option<NaiveDate> {
    let weekday = match word {
        "today" => return Some(today),
        "tomorrow" | "tmrw" | "tmr" => return today.checked_add_days(Days::new(1)),
        "mon" | "monday" => Weekday::Mon,
        "tue" | "tues" | "tuesday" => Weekday::Tue,
        "wed" | "wednesday" => Weekday::Wed,
        "thu" | "thur" | "thurs" | "thursday" => Weekday::Thu,
        "fri" | "friday" => Weekday::Fri,
        "sat" | "saturday" => Weekday::Sat,
        "sun" | "sunday" => Weekday::Sun,
        _ => return None,
    };
    let ahead = (7 + weekday.num_days_from_monday() - today.weekday().num_days_from_monday() - 1) % 7 + 1;
    today.checked_add_days(Days::new(u64::from(ahead)))
}

/// The time after a day word: none (`Some(None)`: the day's start), or one time, where a bare
/// hour counts ("mon 9"). `None` when the rest is not a time.
fn time_of(rest: &[&str]) -> Option<Option<TimeOfDay>> {
    let rest = match rest {
        ["at", rest @ ..] => rest,
        rest => rest,
    };
    match rest {
        [] => Some(None),
        [word] => {
            let hour = word.parse::<u16>().ok().filter(|&h| h < 24).and_then(|h| TimeOfDay::new(h, 0));
            hour.or_else(|| clock_time(word)).map(Some)
        }
        [number, meridiem @ ("am" | "pm")] => clock_time(&format!("{number}{meridiem}")).map(Some),
        _ => None,
    }
}

/// "14:30", "9:05", "2pm", "9am", "12:30pm", "noon", "midnight".
fn clock_time(word: &str) -> Option<TimeOfDay> {
    let word = word.trim();
    match word {
        "noon" => return TimeOfDay::new(12, 0),
        "midnight" => return TimeOfDay::new(0, 0),
        _ => {}
    }
    let (clock, meridiem) = match word.strip_suffix("am") {
        Some(clock) => (clock.trim(), Some(false)),
        None => match word.strip_suffix("pm") {
            Some(clock) => (clock.trim(), Some(true)),
            None => (word, None),
        },
    };
    let (h, m) = match clock.split_once(':') {
        Some((h, m)) if m.len() == 2 => (h.parse::<u16>().ok()?, m.parse::<u16>().ok()?),
        Some(_) => return None,
        None if meridiem.is_some() => (clock.parse::<u16>().ok()?, 0),
        None => return None,
    };
    if h.to_string().len() > 2 && clock.split_once(':').is_some() {
        return None;
    }
    let h = match meridiem {
        Some(pm) if (1..=12).contains(&h) => h % 12 + if pm { 12 } else { 0 },
        Some(_) => return None,
        None => h,
    };
    TimeOfDay::new(h, m).filter(|t| t.minutes() < 24 * 60)
}

/// The first instant after `now` at which the local clock in `zone` shows `time`. A time that
/// does not exist that day (the spring-forward gap) means the first valid instant after it, as
/// everywhere in Lull.
pub fn next_local(time: TimeOfDay, now: DateTime<Utc>, zone: Tz) -> DateTime<Utc> {
    let today = local_date(now, zone);
    (0..=2u64)
        .filter_map(|days| today.checked_add_days(Days::new(days)))
        .map(|date| time.on(date, zone))
        .find(|&at| at > now)
        // Two days ahead always holds a later instant; this is only a fallback for the type.
        .unwrap_or(now + TimeDelta::days(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BERLIN: Tz = chrono_tz::Europe::Berlin;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().expect("an RFC 3339 instant")
    }

    fn nine(_: NaiveDate) -> TimeOfDay {
        TimeOfDay::new(9, 0).expect("a time")
    }

    /// Tuesday 24 November 2026, 10:00 in Berlin.
    fn tuesday_ten() -> DateTime<Utc> {
        utc("2026-11-24T09:00:00Z")
    }

    fn at(text: &str) -> Result<DateTime<Utc>, String> {
        parse(text, tuesday_ten(), BERLIN, nine)
    }

    #[test]
    fn times_of_day_mean_the_next_time_the_clock_shows_them() {
        assert_eq!(at("14:30"), Ok(utc("2026-11-24T13:30:00Z")), "later today");
        assert_eq!(at("09:00"), Ok(utc("2026-11-25T08:00:00Z")), "already past: tomorrow");
        assert_eq!(at("2pm"), Ok(utc("2026-11-24T13:00:00Z")));
        assert_eq!(at("9am"), Ok(utc("2026-11-25T08:00:00Z")));
        assert_eq!(at("12:30pm"), Ok(utc("2026-11-24T11:30:00Z")));
        assert_eq!(at("noon"), Ok(utc("2026-11-24T11:00:00Z")));
    }

    #[test]
    fn delays_count_from_now() {
        assert_eq!(at("2h"), Ok(utc("2026-11-24T11:00:00Z")));
        assert_eq!(at("in 45 min"), Ok(utc("2026-11-24T09:45:00Z")));
        assert_eq!(at("in an hour"), Ok(utc("2026-11-24T10:00:00Z")));
        assert_eq!(at("1h30m"), Ok(utc("2026-11-24T10:30:00Z")));
    }

    #[test]
    fn days_without_a_time_mean_the_start_of_that_days_work() {
        assert_eq!(at("tomorrow"), Ok(utc("2026-11-25T08:00:00Z")));
        assert_eq!(at("Friday"), Ok(utc("2026-11-27T08:00:00Z")));
        assert_eq!(at("tue"), Ok(utc("2026-12-01T08:00:00Z")), "today's weekday means next week's");
        assert_eq!(at("next week"), Ok(utc("2026-11-30T08:00:00Z")), "Monday");
        let late_start = |date: NaiveDate| {
            if date.weekday() == Weekday::Fri { TimeOfDay::new(13, 0) } else { TimeOfDay::new(9, 0) }
                .expect("a time")
        };
        assert_eq!(
            parse("friday", tuesday_ten(), BERLIN, late_start),
            Ok(utc("2026-11-27T12:00:00Z")),
            "the caller says when a day starts"
        );
    }

    #[test]
    fn days_with_a_time_take_it_and_a_bare_hour_counts_after_a_day() {
        assert_eq!(at("mon 9"), Ok(utc("2026-11-30T08:00:00Z")));
        assert_eq!(at("tomorrow 9:30"), Ok(utc("2026-11-25T08:30:00Z")));
        assert_eq!(at("friday at 2 pm"), Ok(utc("2026-11-27T13:00:00Z")));
        assert_eq!(at("today 17:00"), Ok(utc("2026-11-24T16:00:00Z")));
        assert_eq!(at("this evening"), Ok(utc("2026-11-24T17:00:00Z")));
    }

    #[test]
    fn rfc3339_is_taken_as_is() {
        assert_eq!(at("2026-12-01T09:00:00+01:00"), Ok(utc("2026-12-01T08:00:00Z")));
    }

    #[test]
    fn nonsense_bare_numbers_and_the_past_are_refused_with_a_sentence() {
        for bad in ["5", "later", "25:00", "", "2026-12-01", "mon 25", "friday banana", "13pm", "in", "9:5"] {
            let err = at(bad).expect_err(bad);
            assert!(err.contains("not a time"), "{bad:?}: {err}");
        }
        assert_eq!(at("today 08:00"), Err("\"today 08:00\" is already past".into()));
        assert!(at("2020-01-01T00:00:00Z").expect_err("past").contains("already past"));
    }

    #[test]
    fn a_time_in_the_spring_forward_gap_is_the_first_valid_instant_after_it() {
        // 29 March 2026, Berlin: 02:00 to 03:00 does not exist.
        let saturday_noon = utc("2026-03-28T11:00:00Z");
        assert_eq!(parse("02:30", saturday_noon, BERLIN, nine), Ok(utc("2026-03-29T01:00:00Z")));
    }
}
