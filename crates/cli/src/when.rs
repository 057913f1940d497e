//! Instants as people type them: `14:30` (the next such local time), `2h` (from now), or an
//! RFC 3339 instant; and `--until` words for snoozing.
//!
//! Everything takes `now` and a time zone, so tests pin both; `main` passes the system clock
//! and `chrono::Local`.

use chrono::{DateTime, Days, LocalResult, NaiveDateTime, TimeDelta, TimeZone, Utc};
use lull_core::{SnoozeUntil, TimeOfDay};

use crate::duration;

/// Parses `--until` for `lull snooze`.
pub fn snooze_until<Tz: TimeZone>(s: &str, now: DateTime<Utc>, zone: &Tz) -> Result<SnoozeUntil, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "block-end" | "block_end" => Ok(SnoozeUntil::BlockEnd),
        "next-window" | "next_window" | "next-work-window" => Ok(SnoozeUntil::NextWorkWindow),
        "tomorrow" | "next-workday" | "next_workday" => Ok(SnoozeUntil::NextWorkday),
        _ => instant(s, now, zone).map(|at| SnoozeUntil::Time { at }).map_err(|_| {
            format!(
                "{s:?} is not a snooze time (block-end, next-window, tomorrow, HH:MM, a delay like 2h, or RFC 3339)"
            )
        }),
    }
}

/// `HH:MM` (the next time the local clock shows it), a delay with units (`2h`, `30m`), or an
/// RFC 3339 instant.
pub fn instant<Tz: TimeZone>(s: &str, now: DateTime<Utc>, zone: &Tz) -> Result<DateTime<Utc>, String> {
    let s = s.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(s) {
        return Ok(at.with_timezone(&Utc));
    }
    if let Ok(time) = s.parse::<TimeOfDay>() {
        return Ok(next_local(time, now, zone));
    }
    // Only delays with a unit: "1:30" above is a time of day, and a bare "5" is too unclear.
    if s.contains(|c: char| c.is_ascii_alphabetic())
        && let Ok(secs) = duration::parse(s)
        && let Some(at) =
            i64::try_from(secs).ok().and_then(TimeDelta::try_seconds).and_then(|d| now.checked_add_signed(d))
    {
        return Ok(at);
    }
    Err(format!("{s:?} is not a time (HH:MM, a delay like 2h, or RFC 3339)"))
}

/// The first instant after `now` at which the local clock in `zone` shows `time`. A time that
/// does not exist that day (the spring-forward gap) means the first valid instant after it, as
/// everywhere in Lull.
pub fn next_local<Tz: TimeZone>(time: TimeOfDay, now: DateTime<Utc>, zone: &Tz) -> DateTime<Utc> {
    let today = now.with_timezone(zone).date_naive();
    let offset = TimeDelta::minutes(i64::from(time.minutes()));
    (0..=2u64)
        .filter_map(|days| today.checked_add_days(Days::new(days)))
        .map(|date| resolve(date.and_time(chrono::NaiveTime::MIN) + offset, zone))
        .find(|&at| at > now)
        // Two days ahead always holds a later instant; this is only a fallback for the type.
        .unwrap_or(now + TimeDelta::days(1))
}

fn resolve<Tz: TimeZone>(naive: NaiveDateTime, zone: &Tz) -> DateTime<Utc> {
    match zone.from_local_datetime(&naive) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
        LocalResult::None => (1..=24 * 60)
            .find_map(|m| zone.from_local_datetime(&(naive + TimeDelta::minutes(m))).earliest())
            .map_or_else(|| naive.and_utc(), |t| t.with_timezone(&Utc)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().expect("an RFC 3339 instant")
    }

    fn plus_two() -> FixedOffset {
        FixedOffset::east_opt(2 * 3600).expect("a valid offset")
    }

    #[test]
    fn a_time_of_day_later_today_is_today() {
        let now = utc("2026-11-24T08:00:00Z"); // 10:00 at +02:00
        assert_eq!(instant("14:30", now, &plus_two()), Ok(utc("2026-11-24T12:30:00Z")));
    }

    #[test]
    fn a_time_of_day_already_past_is_tomorrow() {
        let now = utc("2026-11-24T08:00:00Z"); // 10:00 at +02:00
        assert_eq!(instant("09:00", now, &plus_two()), Ok(utc("2026-11-25T07:00:00Z")));
        assert_eq!(
            instant("10:00", now, &plus_two()),
            Ok(utc("2026-11-25T08:00:00Z")),
            "now is not after now"
        );
    }

    #[test]
    fn delays_count_from_now_and_rfc3339_is_taken_as_is() {
        let now = utc("2026-11-24T08:00:00Z");
        assert_eq!(instant("2h", now, &Utc), Ok(utc("2026-11-24T10:00:00Z")));
        assert_eq!(instant("1h30m", now, &Utc), Ok(utc("2026-11-24T09:30:00Z")));
        assert_eq!(instant("2026-12-01T09:00:00+01:00", now, &Utc), Ok(utc("2026-12-01T08:00:00Z")));
    }

    #[test]
    fn bare_numbers_and_nonsense_are_not_instants() {
        let now = utc("2026-11-24T08:00:00Z");
        for bad in ["5", "later", "25:00", "", "2026-12-01"] {
            assert!(instant(bad, now, &Utc).is_err(), "{bad:?} is refused");
        }
    }

    #[test]
    fn snooze_words_map_onto_the_api() {
        let now = utc("2026-11-24T08:00:00Z");
        assert_eq!(snooze_until("block-end", now, &Utc), Ok(SnoozeUntil::BlockEnd));
        assert_eq!(snooze_until("next-window", now, &Utc), Ok(SnoozeUntil::NextWorkWindow));
        assert_eq!(snooze_until("Tomorrow", now, &Utc), Ok(SnoozeUntil::NextWorkday));
        assert_eq!(
            snooze_until("09:30", now, &Utc),
            Ok(SnoozeUntil::Time { at: utc("2026-11-24T09:30:00Z") })
        );
        let err = snooze_until("someday", now, &Utc).expect_err("refused");
        assert!(err.contains("block-end"), "the message lists the choices: {err}");
    }

    #[test]
    fn snooze_until_is_sent_in_the_api_shape() {
        let at = utc("2026-11-24T09:30:00Z");
        let json = serde_json::to_value(SnoozeUntil::Time { at }).expect("serialises");
        assert_eq!(json, serde_json::json!({"until": "time", "at": "2026-11-24T09:30:00Z"}));
        let json = serde_json::to_value(SnoozeUntil::NextWorkday).expect("serialises");
        assert_eq!(json, serde_json::json!({"until": "next_workday"}));
    }
}
