//! Durations as people type them: `25m`, `90s`, `1h30m`, `1:30`, or a bare number of minutes.
//!
//! A bare number means minutes because that is what a focus block is measured in; `1:30` is
//! hours and minutes (a clock-like length), never minutes and seconds.

/// Parses a duration into seconds. Zero is refused: no block or delay lasts nothing.
pub fn parse(input: &str) -> Result<u64, String> {
    let s = input.trim().to_ascii_lowercase();
    let bad = |why: &str| format!("{input:?} is not a duration ({why}; try 25m, 90s, 1h30m or 1:30)");
    if s.is_empty() {
        return Err(bad("it is empty"));
    }
    let secs = if s.contains(':') {
        clock_like(&s).ok_or_else(|| bad("h:mm expected"))?
    } else if s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse::<u64>().ok().and_then(|m| m.checked_mul(60)).ok_or_else(|| bad("too long"))?
    } else {
        with_units(&s).map_err(|why| bad(&why))?
    };
    if secs == 0 {
        return Err(bad("it must be longer than zero"));
    }
    // Whatever the server allows, it counts seconds in an i64.
    if i64::try_from(secs).is_err() {
        return Err(bad("too long"));
    }
    Ok(secs)
}

/// Whether `word` was meant as a duration (starts with a digit), so that a mistyped one is
/// reported rather than taken as the first word of an intent.
pub fn looks_like_one(word: &str) -> bool {
    word.trim_start().starts_with(|c: char| c.is_ascii_digit())
}

/// `h:mm` or `h:mm:ss`.
fn clock_like(s: &str) -> Option<u64> {
    let parts: Vec<&str> = s.split(':').collect();
    let number =
        |p: &str| (!p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse::<u64>().ok())?;
    let sixtieth = |p: &str| number(p).filter(|&n| p.len() == 2 && n < 60);
    match parts.as_slice() {
        [h, m] => number(h)?.checked_mul(3600)?.checked_add(sixtieth(m)? * 60),
        [h, m, sec] => number(h)?.checked_mul(3600)?.checked_add(sixtieth(m)? * 60 + sixtieth(sec)?),
        _ => None,
    }
}

/// A sum of numbers with units, largest first and each once: `1h30m`, `2h 5min`, `45s`. A bare
/// number after hours is minutes (`1h30`), as the window reads it.
fn with_units(s: &str) -> Result<u64, String> {
    let mut total: u64 = 0;
    let mut last_unit = u64::MAX;
    let mut rest = s.trim();
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        if digits == 0 {
            return Err(format!("a number is missing before {rest:?}"));
        }
        let n: u64 = rest[..digits].parse().map_err(|_| "too long".to_owned())?;
        rest = rest[digits..].trim_start();
        let unit_len = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
        let unit = match &rest[..unit_len] {
            "h" | "hr" | "hrs" | "hour" | "hours" => 3600,
            "m" | "min" | "mins" | "minute" | "minutes" => 60,
            "s" | "sec" | "secs" | "second" | "seconds" => 1,
            "" if last_unit == 3600 && rest.is_empty() => 60,
            "" => return Err(format!("{n} has no unit")),
            other => return Err(format!("unknown unit {other:?}")),
        };
        if unit >= last_unit {
            return Err("units go largest first, each once".into());
        }
        last_unit = unit;
        rest = rest[unit_len..].trim_start();
        total = n.checked_mul(unit).and_then(|secs| total.checked_add(secs)).ok_or("too long")?;
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_with_units_add_up() {
        for (input, secs) in [
            ("25m", 1500),
            ("90s", 90),
            ("1h30m", 5400),
            ("1h 30m", 5400),
            ("2h", 7200),
            ("1H5M10S", 3910),
            ("45min", 2700),
            ("1 hour 2 minutes", 3720),
        ] {
            assert_eq!(parse(input), Ok(secs), "{input:?}");
        }
    }

    #[test]
    fn a_bare_number_is_minutes() {
        assert_eq!(parse("25"), Ok(1500));
        assert_eq!(parse(" 5 "), Ok(300), "surrounding blanks are ignored");
    }

    #[test]
    fn a_colon_means_hours_and_minutes() {
        assert_eq!(parse("1:30"), Ok(5400));
        assert_eq!(parse("0:45"), Ok(2700));
        assert_eq!(parse("1:00:30"), Ok(3630), "h:mm:ss");
    }

    #[test]
    fn nonsense_and_zero_are_refused_with_the_input_in_the_message() {
        for bad in ["", "m", "25x", "1.5h", "1:5", "1:60", ":30", "1:30:", "0", "0m", "h1", "-5m", "25m-"] {
            let err = parse(bad).expect_err(bad);
            assert!(err.contains(&format!("{bad:?}")), "{bad:?}: the message quotes the input: {err}");
        }
    }

    #[test]
    fn absurdly_long_durations_do_not_overflow() {
        assert!(parse("99999999999999999999m").is_err(), "too long for u64");
        assert!(parse("18446744073709551615h").is_err(), "overflows on multiplying");
        assert!(parse("999999999999999999").is_err(), "bare minutes overflow");
        assert!(parse("9223372036854775807s").is_ok(), "the longest an i64 holds");
        assert!(parse("9223372036854775808s").is_err(), "beyond an i64");
    }

    /// The cases the window's parser reads too (tests/fixtures/durations.json), so that a length
    /// typed in the window and one typed after `lull focus` mean the same.
    #[test]
    fn the_shared_cases_read_as_the_fixture_says() {
        let fixture: serde_json::Value =
            serde_json::from_str(include_str!("../../../tests/fixtures/durations.json"))
                .expect("the fixture is JSON");
        let cases = fixture["cases"].as_array().expect("cases");
        assert!(cases.len() > 40, "the fixture has its cases");
        for case in cases {
            let input = case["input"].as_str().expect("an input");
            let secs = case["secs"].as_u64();
            assert_eq!(parse(input).ok(), secs, "{input:?} reads as the fixture says");
        }
    }

    #[test]
    fn words_that_start_with_a_digit_look_like_durations() {
        assert!(looks_like_one("25x"));
        assert!(!looks_like_one("write"));
        assert!(!looks_like_one(""));
    }
}
