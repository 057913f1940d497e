//! Digests: one summary for everything released together, never one popup per message.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the released messages had been held through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DigestReason {
    /// A focus block ended.
    Focus,
    /// Work began (or working late did), after quiet hours.
    Quiet,
    /// A batch time came (batched delivery).
    Batch,
    /// The user came back to the machine (in work hours).
    Away,
    /// A meeting (a busy calendar event) ended.
    Meeting,
    /// The screen stopped being on show (a fullscreen window left, sharing ended).
    Presenting,
}

impl DigestReason {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Focus => "focus",
            Self::Quiet => "quiet",
            Self::Batch => "batch",
            Self::Away => "away",
            Self::Meeting => "meeting",
            Self::Presenting => "presenting",
        }
    }
}

/// How many messages came from one sender (or app, or source).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct GroupCount {
    pub label: String,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Digest {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub reason: DigestReason,
    pub count: i64,
    /// Largest groups first.
    pub by_sender: Vec<GroupCount>,
    pub by_source: Vec<GroupCount>,
    /// For reason `away`: how long the user was away, in seconds.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub away_secs: Option<i64>,
    /// One line, ready for a notification: "14 held while you focused: 6 from CI, 3 from Alice …".
    pub text: String,
}

/// How many sender groups the one-line text names before "…".
const NAMED_GROUPS: usize = 3;

pub(crate) fn text(
    reason: DigestReason,
    count: i64,
    away_secs: Option<i64>,
    by_sender: &[GroupCount],
) -> String {
    let headline = match (reason, away_secs) {
        (DigestReason::Focus, _) => format!("{count} held while you focused"),
        (DigestReason::Quiet, _) => format!("{count} held outside work hours"),
        (DigestReason::Batch, _) => format!("{count} since the last batch"),
        // Whole minutes: "42 min", "1 h 5 min"; under a minute, "a moment".
        (DigestReason::Away, Some(secs)) if secs >= 60 => {
            format!("{count} held while you were away ({})", crate::block::human_secs(secs / 60 * 60))
        }
        (DigestReason::Away, _) => format!("{count} held while you were away"),
        (DigestReason::Meeting, _) => format!("{count} held during your meeting"),
        (DigestReason::Presenting, _) => format!("{count} held while you were presenting"),
    };
    let named: Vec<String> = by_sender
        .iter()
        .take(NAMED_GROUPS)
        .map(|group| format!("{} from {}", group.count, group.label))
        .collect();
    let more = if by_sender.len() > NAMED_GROUPS { " …" } else { "" };
    format!("{headline}: {}{more}", named.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(label: &str, count: i64) -> GroupCount {
        GroupCount { label: label.into(), count }
    }

    #[test]
    fn the_text_names_the_largest_groups_and_hints_at_the_rest() {
        let groups = [group("CI", 6), group("Alice", 3), group("Bob", 2), group("build", 1), group("x", 2)];
        assert_eq!(
            text(DigestReason::Focus, 14, None, &groups),
            "14 held while you focused: 6 from CI, 3 from Alice, 2 from Bob …"
        );
        assert_eq!(
            text(DigestReason::Quiet, 1, None, &groups[1..2]),
            "1 held outside work hours: 3 from Alice"
        );
        assert_eq!(
            text(DigestReason::Away, 2, Some(42 * 60 + 17), &groups[1..2]),
            "2 held while you were away (42 min): 3 from Alice"
        );
        assert_eq!(
            text(DigestReason::Away, 2, Some(20), &groups[1..2]),
            "2 held while you were away: 3 from Alice"
        );
    }
}
