//! Desktop notifications Lull sends about itself.
//!
//! notify-rust's `show()` waits for the notification daemon's reply, so it runs on a blocking
//! thread, never on the async runtime.

use lull_core::focus::human_secs;
use lull_core::{Change, FocusBlock, Outcome};
use notify_rust::{Notification, Urgency};

/// Reacts to an engine event with a notification, if it warrants one.
pub fn on_change(change: &Change) {
    if let Change::Ended { block, while_away: false } = change
        && block.outcome == Some(Outcome::Completed)
    {
        let (summary, body) = block_complete(block);
        show(summary, body, Urgency::Normal);
    }
}

/// "Focus block complete" / "50 min on draft the Q3 report".
pub fn block_complete(block: &FocusBlock) -> (String, String) {
    let length = human_secs(block.planned_secs);
    let body = match &block.intent {
        Some(intent) => format!("{length} on {intent}"),
        None => format!("{length} of focus"),
    };
    ("Focus block complete".to_owned(), body)
}

pub fn show(summary: String, body: String, urgency: Urgency) {
    tauri::async_runtime::spawn_blocking(move || {
        let shown = Notification::new()
            .appname("Lull")
            .summary(&summary)
            .body(&body)
            .icon("lull")
            .urgency(urgency)
            // Marks Lull's own notifications, so that capturing never records them again.
            .hint(notify_rust::Hint::Custom("x-lull".into(), "1".into()))
            .show();
        if let Err(err) = shown {
            eprintln!("lull: cannot show a notification ({summary}): {err}");
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn block(intent: Option<&str>, secs: i64) -> FocusBlock {
        let start = Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).single().expect("valid");
        FocusBlock {
            id: 1,
            started_at: start,
            deadline: start + chrono::TimeDelta::seconds(secs),
            intent: intent.map(str::to_owned),
            planned_secs: secs,
            ended_at: Some(start + chrono::TimeDelta::seconds(secs)),
            outcome: Some(Outcome::Completed),
            schedule_id: None,
        }
    }

    #[test]
    fn the_completion_notice_names_the_length_and_the_intent() {
        assert_eq!(
            block_complete(&block(Some("draft the Q3 report"), 3000)),
            ("Focus block complete".to_owned(), "50 min on draft the Q3 report".to_owned())
        );
        assert_eq!(block_complete(&block(None, 25 * 60)).1, "25 min of focus");
    }
}
