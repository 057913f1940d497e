//! What `lull` prints about messages: a publish's receipt, inbox and search rows, id lists.

use chrono::{DateTime, Utc};
use lull_core::{Decision, Message, MessageState, Receipt};

use super::{Zone, clock};

/// Inbox rows are cut to this many characters (flags excepted), about a terminal's width.
const ROW_CHARS: usize = 100;

/// `lull send`: what became of the message.
pub fn receipt<Z: Zone>(receipt: &Receipt, now: DateTime<Utc>, zone: &Z) -> String {
    let what = match (receipt.decision, receipt.release_at) {
        (Decision::Held, Some(at)) => format!("Held until {}", clock(at, now, zone)),
        (Decision::Held, None) => "Held".to_owned(),
        (Decision::Delivered, _) => "Delivered".to_owned(),
        (Decision::BrokeThrough, _) => "Broke through".to_owned(),
    };
    let again = if receipt.duplicate { ", sent before" } else { "" };
    format!("{what} (id {}{again})", receipt.id)
}

/// One inbox or search row: `  42  10:31  CI  Build failed — main is red`.
pub fn message_row<Z: Zone>(message: &Message, now: DateTime<Utc>, zone: &Z) -> String {
    let local = message.received_at.with_timezone(zone);
    let when = if local.date_naive() == now.with_timezone(zone).date_naive() {
        local.format("%H:%M").to_string()
    } else {
        local.format("%b %d").to_string()
    };
    let from = message
        .sender
        .as_deref()
        .or(message.source_detail.as_deref())
        .unwrap_or_else(|| message.source.as_str());
    let first_line = message.body.lines().map(str::trim).find(|line| !line.is_empty());
    let text = match (message.title.as_deref(), first_line) {
        (Some(title), Some(line)) => format!("{title} — {line}"),
        (Some(title), None) => title.to_owned(),
        (None, Some(line)) => line.to_owned(),
        (None, None) => String::new(),
    };
    let row = truncate(&format!("{:>4}  {when:<5}  {from}  {text}", message.id), ROW_CHARS);
    let flags = flags(message, now, zone);
    if flags.is_empty() { row } else { format!("{row}  [{}]", flags.join(", ")) }
}

fn flags<Z: Zone>(message: &Message, now: DateTime<Utc>, zone: &Z) -> Vec<String> {
    let mut flags = Vec::new();
    match message.state {
        MessageState::Held => flags.push("held".to_owned()),
        MessageState::Snoozed => flags.push(match message.snoozed_until {
            Some(until) => format!("snoozed until {}", clock(until, now, zone)),
            None => "snoozed".to_owned(),
        }),
        MessageState::Done => flags.push("done".to_owned()),
        MessageState::Delivered | MessageState::Released => {}
    }
    if message.pinned {
        flags.push(match message.pin_due {
            Some(due) => format!("pinned, due {}", clock(due, now, zone)),
            None => "pinned".to_owned(),
        });
    }
    if message.priority >= 5 {
        flags.push("urgent".to_owned());
    }
    flags
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut cut: String = s.chars().take(max - 1).collect();
    cut.push('…');
    cut
}

/// "42, 43 and 44".
pub fn ids(ids: &[i64]) -> String {
    match ids {
        [] => "nothing".to_owned(),
        [one] => one.to_string(),
        [rest @ .., last] => {
            let rest: Vec<String> = rest.iter().map(i64::to_string).collect();
            format!("{} and {last}", rest.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{message, now, utc, zone};
    use super::*;

    #[test]
    fn receipts_name_the_decision_and_the_id() {
        let mut r = Receipt {
            id: 42,
            decision: Decision::Held,
            release_at: Some(utc("2026-11-24T09:25:00Z")),
            duplicate: false,
        };
        assert_eq!(receipt(&r, now(), &zone()), "Held until 10:25 (id 42)");
        r.duplicate = true;
        assert_eq!(receipt(&r, now(), &zone()), "Held until 10:25 (id 42, sent before)");
        r = Receipt { id: 7, decision: Decision::Delivered, release_at: None, duplicate: false };
        assert_eq!(receipt(&r, now(), &zone()), "Delivered (id 7)");
        r.decision = Decision::BrokeThrough;
        assert_eq!(receipt(&r, now(), &zone()), "Broke through (id 7)");
    }

    #[test]
    fn an_inbox_row_has_id_time_sender_title_and_first_line() {
        assert_eq!(message_row(&message(42), now(), &zone()), "  42  10:31  CI  Build failed — main is red");
    }

    #[test]
    fn rows_fall_back_to_source_detail_then_source_and_flag_their_state() {
        let mut m = message(5);
        m.sender = None;
        m.source_detail = Some("backups".to_owned());
        m.title = None;
        m.state = MessageState::Held;
        m.pinned = true;
        assert_eq!(message_row(&m, now(), &zone()), "   5  10:31  backups  main is red  [held, pinned]");
        m.source_detail = None;
        m.state = MessageState::Snoozed;
        m.snoozed_until = Some(utc("2026-11-24T13:00:00Z"));
        m.pinned = false;
        m.received_at = utc("2026-11-20T09:31:00Z");
        assert_eq!(message_row(&m, now(), &zone()), "   5  Nov 20  api  main is red  [snoozed until 14:00]");
    }

    #[test]
    fn long_rows_are_cut_at_a_terminal_width() {
        let mut m = message(1);
        m.title = Some("x".repeat(300));
        let row = message_row(&m, now(), &zone());
        assert_eq!(row.chars().count(), ROW_CHARS);
        assert!(row.ends_with('…'), "{row}");
    }

    #[test]
    fn id_lists_read_as_a_sentence() {
        assert_eq!(ids(&[42]), "42");
        assert_eq!(ids(&[1, 2, 3]), "1, 2 and 3");
    }
}
