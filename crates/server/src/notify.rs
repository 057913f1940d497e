//! Desktop notifications Lull sends: what the engine decided, shown. The same under the desktop
//! app and headless `lull serve` (tiling desktops run a notification daemon too).
//!
//! One notification per delivered message, exactly one per digest (never one per held message),
//! the daily review reminder and the block-complete notice. notify-rust's `show()` waits for the
//! daemon's reply, so it runs on a blocking thread, never on the async runtime.

use lull_core::focus::human_secs;
use lull_core::{Change, Digest, Engine, FocusBlock, Message, MessageState, Outcome, Source};
use notify_rust::{Notification, Urgency};
use tokio::sync::broadcast::error::RecvError;

/// Shows a notification for every change that warrants one, until the engine stops.
pub async fn run(engine: Engine) {
    let mut changes = engine.subscribe();
    loop {
        match changes.recv().await {
            Ok(change) => {
                for (summary, body, urgency) in notifications_for(&change) {
                    show(summary, body, urgency);
                }
            }
            Err(RecvError::Lagged(missed)) => eprintln!("lull: notifications: {missed} events were skipped"),
            Err(RecvError::Closed) => return,
        }
    }
}

/// What to show for a change: (summary, body, urgency) each.
pub fn notifications_for(change: &Change) -> Vec<(String, String, Urgency)> {
    match change {
        Change::Ended { block, while_away: false } if block.outcome == Some(Outcome::Completed) => {
            let (summary, body) = block_complete(block);
            vec![(summary, body, Urgency::Normal)]
        }
        // A captured desktop notification that is delivered was shown by the user's daemon
        // already: never a second time.
        Change::Received { message }
            if message.state == MessageState::Delivered && message.source != Source::Desktop =>
        {
            vec![message_notice(message)]
        }
        Change::Resurfaced { messages } => messages.iter().map(message_notice).collect(),
        Change::Digest { digest } => vec![digest_notice(digest)],
        Change::ReviewDue { count } => {
            let body = match count {
                0 => "Nothing to triage today.".to_owned(),
                1 => "1 message to triage.".to_owned(),
                n => format!("{n} messages to triage."),
            };
            vec![("Daily review".to_owned(), body, Urgency::Normal)]
        }
        _ => Vec::new(),
    }
}

/// A delivered message: its title (or sender) over its body; priority 5 is critical, 1–2 low.
fn message_notice(message: &Message) -> (String, String, Urgency) {
    let from = message
        .sender
        .clone()
        .or_else(|| message.source_detail.clone())
        .unwrap_or_else(|| message.source.as_str().to_owned());
    let summary = match &message.title {
        Some(title) => format!("{from}: {title}"),
        None => from,
    };
    let body: String = message.body.chars().take(400).collect();
    let urgency = match message.priority {
        5 => Urgency::Critical,
        1 | 2 => Urgency::Low,
        _ => Urgency::Normal,
    };
    (summary, body, urgency)
}

/// "14 held while you focused" over "6 from CI, 3 from Alice …".
fn digest_notice(digest: &Digest) -> (String, String, Urgency) {
    let (headline, groups) = digest.text.split_once(": ").unwrap_or((&digest.text, ""));
    (headline.to_owned(), groups.to_owned(), Urgency::Normal)
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
    tokio::task::spawn_blocking(move || {
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
    fn a_digest_is_one_notice_with_its_headline_over_the_groups() {
        let digest = Digest {
            id: 1,
            at: Utc.with_ymd_and_hms(2026, 11, 25, 10, 0, 0).single().expect("valid"),
            reason: lull_core::DigestReason::Focus,
            count: 14,
            by_sender: vec![],
            by_source: vec![],
            text: "14 held while you focused: 6 from CI, 3 from Alice …".into(),
        };
        let notices = notifications_for(&Change::Digest { digest });
        assert_eq!(notices.len(), 1);
        assert_eq!(
            (notices[0].0.as_str(), notices[0].1.as_str()),
            ("14 held while you focused", "6 from CI, 3 from Alice …")
        );
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
