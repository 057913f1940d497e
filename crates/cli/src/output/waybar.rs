//! `lull status --waybar`: the one JSON line a waybar custom module reads.

use chrono::{DateTime, Utc};
use lull_core::Status;
use serde_json::json;

use super::status::minutes_left;
use super::{Zone, mode_name};

/// `lull status --waybar`: one JSON object for a waybar custom module with
/// `"return-type": "json"`. `alt` and `class` are the mode, for `format-icons` and CSS.
pub fn waybar<Z: Zone>(status: &Status, now: DateTime<Utc>, zone: &Z) -> serde_json::Value {
    let text = match &status.block {
        Some(block) => short_minutes(minutes_left(block, now)),
        None if status.held > 0 => format!("{} held", status.held),
        None => String::new(),
    };
    let percentage = status.block.as_ref().map_or(0, |block| {
        let planned = (block.deadline - block.started_at).num_seconds();
        let elapsed = (now - block.started_at).num_seconds();
        if planned > 0 { (elapsed.clamp(0, planned) * 100 / planned) as u8 } else { 0 }
    });
    let mode = mode_name(status.mode);
    json!({
        "text": text,
        "tooltip": super::status::status(status, None, now, zone),
        "class": mode,
        "alt": mode,
        "percentage": percentage,
    })
}

/// "23m", "1h05m": minutes short enough for a bar.
fn short_minutes(minutes: i64) -> String {
    if minutes < 60 { format!("{minutes}m") } else { format!("{}h{:02}m", minutes / 60, minutes % 60) }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{block, now, status, zone};
    use super::*;
    use lull_core::Mode;

    #[test]
    fn waybar_shows_minutes_left_and_progress_during_a_block() {
        let s = status(Mode::Focus, Some(block("2026-11-24T08:50:00Z", "2026-11-24T09:30:00Z", None)), 2);
        let w = waybar(&s, now(), &zone());
        assert_eq!(w["text"], "30m");
        assert_eq!(w["class"], "focus");
        assert_eq!(w["alt"], "focus");
        assert_eq!(w["percentage"], 25, "10 of 40 minutes");
        assert!(w["tooltip"].as_str().is_some_and(|t| t.contains("2 messages held")), "{w}");
    }

    #[test]
    fn waybar_shows_the_held_count_or_nothing_outside_a_block() {
        let w = waybar(&status(Mode::Quiet, None, 3), now(), &zone());
        assert_eq!(
            (w["text"].as_str(), w["class"].as_str(), w["percentage"].as_u64()),
            (Some("3 held"), Some("quiet"), Some(0))
        );
        let w = waybar(&status(Mode::Open, None, 0), now(), &zone());
        assert_eq!((w["text"].as_str(), w["class"].as_str()), (Some(""), Some("open")));
        let line = w.to_string();
        assert!(!line.contains('\n'), "one line: {line}");
    }

    #[test]
    fn long_blocks_read_as_hours_in_the_bar() {
        assert_eq!(short_minutes(65), "1h05m");
        assert_eq!(short_minutes(1), "1m");
    }
}
