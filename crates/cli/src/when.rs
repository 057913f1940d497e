//! `--until` words for `lull snooze`. Any other text ("2h", "friday 9", "14:30") is read by the
//! running Lull (`POST /v1/when`): the parser the window's typed snooze field uses, against the
//! user's work hours, so a word means the same instant in both.

use lull_core::SnoozeUntil;

/// The snooze words that name a choice of the engine's rather than an instant.
pub fn snooze_word(s: &str) -> Option<SnoozeUntil> {
    match s.trim().to_ascii_lowercase().as_str() {
        "block-end" | "block_end" => Some(SnoozeUntil::BlockEnd),
        "next-window" | "next_window" | "next-work-window" => Some(SnoozeUntil::NextWorkWindow),
        // As the snooze menu's "Tomorrow": the next workday's first window.
        "tomorrow" | "next-workday" | "next_workday" => Some(SnoozeUntil::NextWorkday),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snooze_words_map_onto_the_api() {
        assert_eq!(snooze_word("block-end"), Some(SnoozeUntil::BlockEnd));
        assert_eq!(snooze_word("next-window"), Some(SnoozeUntil::NextWorkWindow));
        assert_eq!(snooze_word("Next-Workday"), Some(SnoozeUntil::NextWorkday));
        assert_eq!(snooze_word("Tomorrow"), Some(SnoozeUntil::NextWorkday));
        assert_eq!(snooze_word("friday"), None, "an instant: the engine reads it");
    }

    #[test]
    fn snooze_until_is_sent_in_the_api_shape() {
        let at = "2026-11-24T09:30:00Z".parse().expect("an instant");
        let json = serde_json::to_value(SnoozeUntil::Time { at }).expect("serialises");
        assert_eq!(json, serde_json::json!({"until": "time", "at": "2026-11-24T09:30:00Z"}));
        let json = serde_json::to_value(SnoozeUntil::NextWorkday).expect("serialises");
        assert_eq!(json, serde_json::json!({"until": "next_workday"}));
    }
}
