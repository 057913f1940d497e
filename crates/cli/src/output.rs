//! What `lull` prints: sentences for people, one waybar line, inbox rows.
//!
//! Every function takes `now` and the time zone to show times in, so tests pin both; `main`
//! passes the system clock and `chrono::Local`. Times are "HH:MM" when they fall today, with
//! the weekday when within a week, and with the date beyond.

use std::fmt::Display;

use chrono::{DateTime, TimeZone, Utc};
use lull_core::block::human_secs;
use lull_core::{Decision, FocusBlock, Message, MessageState, Mode, Receipt, Status};
use serde_json::json;

/// Inbox rows are cut to this many characters (flags excepted), about a terminal's width.
const ROW_CHARS: usize = 100;

/// A time zone whose offsets can be printed: `chrono_tz::Tz` in `main`, fixed offsets in tests.
pub trait Zone: TimeZone<Offset: Display> {}

impl<Z: TimeZone<Offset: Display>> Zone for Z {}

/// A time as the user reads it on their clock.
pub fn clock<Z: Zone>(t: DateTime<Utc>, now: DateTime<Utc>, zone: &Z) -> String {
    let (local, today) = (t.with_timezone(zone), now.with_timezone(zone).date_naive());
    let days = (local.date_naive() - today).num_days();
    if days == 0 {
        local.format("%H:%M").to_string()
    } else if (-6..=6).contains(&days) {
        local.format("%a %H:%M").to_string()
    } else {
        local.format("%Y-%m-%d %H:%M").to_string()
    }
}

pub fn mode_name(mode: Mode) -> &'static str {
    match mode {
        Mode::Focus => "focus",
        Mode::Open => "open",
        Mode::Quiet => "quiet",
    }
}

fn mode_title(mode: Mode) -> &'static str {
    match mode {
        Mode::Focus => "Focus",
        Mode::Open => "Open",
        Mode::Quiet => "Quiet",
    }
}

fn on_intent(block: &FocusBlock) -> String {
    block.intent.as_deref().map(|intent| format!(" on {intent}")).unwrap_or_default()
}

pub fn focus_started<Z: Zone>(block: &FocusBlock, now: DateTime<Utc>, zone: &Z) -> String {
    format!(
        "Focusing until {} — {}{}",
        clock(block.deadline, now, zone),
        human_secs(block.planned_secs),
        on_intent(block)
    )
}

pub fn focus_extended<Z: Zone>(block: &FocusBlock, now: DateTime<Utc>, zone: &Z) -> String {
    format!(
        "Focusing until {} — {} in all{}",
        clock(block.deadline, now, zone),
        human_secs(block.planned_secs),
        on_intent(block)
    )
}

pub fn focus_stopped(block: &FocusBlock) -> String {
    let ended = block.ended_at.unwrap_or(block.deadline);
    let secs = (ended - block.started_at).num_seconds().max(0);
    format!("Stopped after {}{}", human_secs(secs), on_intent(block))
}

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

/// Whole minutes left in the block, rounded up: "1 min left" until the very end.
fn minutes_left(block: &FocusBlock, now: DateTime<Utc>) -> i64 {
    let secs = (block.deadline - now).num_seconds().max(0);
    (secs + 59) / 60
}

fn held_phrase(held: i64) -> String {
    match held {
        1 => "1 message held".to_owned(),
        n => format!("{n} messages held"),
    }
}

/// `lull status`: a few lines for people.
pub fn status<Z: Zone>(status: &Status, now: DateTime<Utc>, zone: &Z) -> String {
    let mut lines = Vec::new();
    let headline = match (&status.block, status.mode) {
        (Some(block), _) => format!(
            "Focus: {} min left, until {}{}",
            minutes_left(block, now),
            clock(block.deadline, now, zone),
            block.intent.as_deref().map(|intent| format!(" — {intent}")).unwrap_or_default()
        ),
        (None, mode) => match (mode, status.done_for_today_until, status.working_late_until) {
            (Mode::Quiet, Some(until), _) => {
                format!("Quiet: done for today, until {}", clock(until, now, zone))
            }
            (Mode::Open, _, Some(until)) => format!("Open: working late until {}", clock(until, now, zone)),
            (mode, _, _) => mode_title(mode).to_owned(),
        },
    };
    lines.push(headline);
    if let Some(fault) = &status.fault {
        lines.push(format!(
            "Trouble since {}: {} (trying again at {})",
            clock(fault.since, now, zone),
            fault.error.message,
            clock(fault.retry_at, now, zone)
        ));
    }
    if status.held > 0 {
        lines.push(held_phrase(status.held));
    }
    if let Some(change) = status.next_change {
        lines.push(format!("{} at {}", mode_title(change.mode), clock(change.at, now, zone)));
    }
    let today = &status.today;
    if today.focus_secs > 0 || today.blocks_completed > 0 {
        let blocks = match today.blocks_completed {
            1 => "1 block".to_owned(),
            n => format!("{n} blocks"),
        };
        lines.push(format!("Today: {} in focus, {blocks} completed", human_secs(today.focus_secs)));
    }
    lines.join("\n")
}

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
        "tooltip": self::status(status, now, zone),
        "class": mode,
        "alt": mode,
        "percentage": percentage,
    })
}

/// "23m", "1h05m": minutes short enough for a bar.
fn short_minutes(minutes: i64) -> String {
    if minutes < 60 { format!("{minutes}m") } else { format!("{}h{:02}m", minutes / 60, minutes % 60) }
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
    use super::*;
    use chrono::FixedOffset;
    use lull_core::{ModeChange, Source, TodaySummary};

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().expect("an RFC 3339 instant")
    }

    /// 10:00 on Tuesday 24 November 2026 at +01:00.
    fn now() -> DateTime<Utc> {
        utc("2026-11-24T09:00:00Z")
    }

    fn zone() -> FixedOffset {
        FixedOffset::east_opt(3600).expect("a valid offset")
    }

    fn block(started: &str, deadline: &str, intent: Option<&str>) -> FocusBlock {
        let (started_at, deadline) = (utc(started), utc(deadline));
        FocusBlock {
            id: 1,
            started_at,
            deadline,
            intent: intent.map(str::to_owned),
            planned_secs: (deadline - started_at).num_seconds(),
            ended_at: None,
            outcome: None,
            schedule_id: None,
        }
    }

    fn status(mode: Mode, block: Option<FocusBlock>, held: i64) -> Status {
        Status {
            mode,
            next_change: None,
            block,
            block_breakthroughs: 0,
            held,
            working_late_until: None,
            done_for_today_until: None,
            today: TodaySummary::default(),
            fault: None,
        }
    }

    fn message(id: i64) -> Message {
        Message {
            id,
            source: Source::Api,
            source_detail: None,
            sender: Some("CI".to_owned()),
            title: Some("Build failed".to_owned()),
            body: "main is red\nsee the log".to_owned(),
            link: None,
            priority: 3,
            tags: vec![],
            thread: None,
            dedupe_key: None,
            received_at: utc("2026-11-24T09:31:00Z"),
            state: MessageState::Delivered,
            decision: Decision::Delivered,
            block_id: None,
            delivered_at: None,
            released_at: None,
            done_at: None,
            snoozed_until: None,
            pinned: false,
            pin_due: None,
            digest_id: None,
        }
    }

    #[test]
    fn times_today_are_hh_mm_and_later_ones_carry_the_day() {
        assert_eq!(clock(utc("2026-11-24T16:30:00Z"), now(), &zone()), "17:30");
        assert_eq!(clock(utc("2026-11-25T08:00:00Z"), now(), &zone()), "Wed 09:00");
        assert_eq!(clock(utc("2026-12-24T08:00:00Z"), now(), &zone()), "2026-12-24 09:00");
        assert_eq!(clock(utc("2026-11-24T23:30:00Z"), now(), &zone()), "Wed 00:30", "in the local zone");
    }

    #[test]
    fn starting_a_block_says_until_when_and_on_what() {
        let b = block("2026-11-24T09:00:00Z", "2026-11-24T09:25:00Z", Some("write"));
        assert_eq!(focus_started(&b, now(), &zone()), "Focusing until 10:25 — 25 min on write");
        let b = block("2026-11-24T09:00:00Z", "2026-11-24T10:30:00Z", None);
        assert_eq!(focus_started(&b, now(), &zone()), "Focusing until 11:30 — 1 h 30 min");
    }

    #[test]
    fn stopping_a_block_says_how_long_it_ran() {
        let mut b = block("2026-11-24T09:00:00Z", "2026-11-24T09:25:00Z", None);
        b.ended_at = Some(utc("2026-11-24T09:12:00Z"));
        assert_eq!(focus_stopped(&b), "Stopped after 12 min");
    }

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
    fn status_during_a_block_shows_minutes_left_held_and_the_next_change() {
        let mut s = status(
            Mode::Focus,
            Some(block("2026-11-24T08:50:00Z", "2026-11-24T09:22:30Z", Some("report"))),
            3,
        );
        s.next_change = Some(ModeChange { at: utc("2026-11-24T09:22:30Z"), mode: Mode::Open });
        assert_eq!(
            status_text(&s),
            "Focus: 23 min left, until 10:22 — report\n3 messages held\nOpen at 10:22",
            "22.5 minutes round up"
        );
    }

    fn status_text(s: &Status) -> String {
        super::status(s, now(), &zone())
    }

    #[test]
    fn status_outside_a_block_names_the_mode_and_the_override() {
        let mut s = status(Mode::Quiet, None, 1);
        assert_eq!(status_text(&s), "Quiet\n1 message held");
        s.done_for_today_until = Some(utc("2026-11-25T08:00:00Z"));
        assert_eq!(status_text(&s), "Quiet: done for today, until Wed 09:00\n1 message held");
        let mut s = status(Mode::Open, None, 0);
        s.today.focus_secs = 4200;
        s.today.blocks_completed = 2;
        s.next_change = Some(ModeChange { at: utc("2026-11-24T16:30:00Z"), mode: Mode::Quiet });
        assert_eq!(status_text(&s), "Open\nQuiet at 17:30\nToday: 1 h 10 min in focus, 2 blocks completed");
    }

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
