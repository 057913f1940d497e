//! The sentences about focus blocks and the mode: what `lull focus`, `extend` and `stop`
//! answer, and what `lull status` prints.

use chrono::{DateTime, Utc};
use lull_core::block::human_secs;
use lull_core::timeline::QuietReason;
use lull_core::{DesktopReport, FocusBlock, Mode, SourceState, Status};

use super::{Zone, clock};

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

/// Whole minutes left in the block, rounded up: "1 min left" until the very end.
pub(super) fn minutes_left(block: &FocusBlock, now: DateTime<Utc>) -> i64 {
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
pub fn status<Z: Zone>(
    status: &Status,
    desktop: Option<&DesktopReport>,
    now: DateTime<Utc>,
    zone: &Z,
) -> String {
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
            (Mode::Quiet, _, _)
                if status.quiet_reason == Some(QuietReason::Away) && status.away.is_some() =>
            {
                let away = status.away.as_ref().map(|a| (clock(a.since, now, zone), a.presence.label()));
                let (since, how) = away.unwrap_or_default();
                format!("Quiet: away since {since} ({how}); what comes is held until you are back")
            }
            (Mode::Quiet, _, _) if status.quiet_reason == Some(QuietReason::Meeting) => {
                match &status.meeting {
                    Some(m) => format!(
                        "Quiet: in a meeting until {} ({}); what comes is held until it ends",
                        clock(m.end, now, zone),
                        if m.title.is_empty() { "no title" } else { m.title.as_str() }
                    ),
                    None => "Quiet: in a meeting".to_owned(),
                }
            }
            (Mode::Quiet, _, _) if status.quiet_reason == Some(QuietReason::Presenting) => {
                let on_show =
                    status.presenting.as_ref().map(|p| (clock(p.since, now, zone), p.screen.label()));
                let (since, how) = on_show.unwrap_or_default();
                format!(
                    "Quiet: presenting since {since} ({how}); what comes is held, and nothing pops up, until it ends"
                )
            }
            (mode, _, _) => mode_title(mode).to_owned(),
        },
    };
    lines.push(headline);
    if status.first_run {
        lines.push(
            "Not set up yet: Lull holds nothing by the clock and leaves your notifications alone (lull setup)"
                .to_owned(),
        );
    }
    if let Some(fault) = &status.fault {
        lines.push(format!(
            "Trouble since {}: {} (trying again at {})",
            clock(fault.since, now, zone),
            fault.error.message,
            clock(fault.retry_at, now, zone)
        ));
    }
    if let Some(away) = status.away.filter(|away| status.block.is_some() && away.presence.left()) {
        lines.push(format!(
            "Away since {} ({}): not counted as focus",
            clock(away.since, now, zone),
            away.presence.label()
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
    lines.extend(desktop.into_iter().flat_map(|d| desktop_lines(d, now, zone)));
    lines.join("\n")
}

/// What the desktop integration and the remote sources are doing, where it is worth a line: whose
/// do-not-disturb is on, and what is failing.
fn desktop_lines<Z: Zone>(desktop: &DesktopReport, now: DateTime<Utc>, zone: &Z) -> Vec<String> {
    let dnd = &desktop.dnd;
    let mut lines = Vec::new();
    match (&dnd.adapter, dnd.on) {
        (Some(daemon), true) if dnd.users => {
            lines.push(format!("Do not disturb: on in {daemon}, yours (Lull leaves it on)"))
        }
        (Some(daemon), true) => lines.push(format!("Do not disturb: on in {daemon}, Lull's")),
        _ => {}
    }
    if let Some(detail) = &dnd.detail {
        lines.push(format!("Do not disturb: {detail}"));
    }
    let capture = &desktop.capture;
    if matches!(capture.state, SourceState::Refused) {
        let why = capture.detail.as_deref().unwrap_or("the session bus refused");
        lines.push(format!("Not holding other apps' notifications: {why}"));
    }
    let remote = (desktop.ntfy.iter().map(|s| ("ntfy", s)))
        .chain(desktop.gotify.iter().map(|s| ("gotify", s)))
        .chain(desktop.imap.iter().map(|s| ("mail", s)));
    for (kind, subscription) in remote {
        let status = &subscription.status;
        let why = status.detail.as_deref().unwrap_or("no reason given");
        match (status.state, status.since) {
            (SourceState::Unreachable, Some(since)) => lines.push(format!(
                "{kind} {}: unreachable since {}: {why}",
                subscription.id,
                clock(since, now, zone)
            )),
            (SourceState::Unreachable | SourceState::Refused, _) => {
                lines.push(format!("{kind} {}: {why}", subscription.id));
            }
            _ => {}
        }
    }
    let presence = &desktop.presence;
    if presence.lock.is_empty() && presence.sleep.is_none() && presence.idle.is_none() {
        lines.push(format!("Away: {}", super::sources::presence(presence)));
    }
    if let Some(lull_core::SecretsReport::File { path }) = &desktop.secrets {
        lines.push(format!("Passwords and tokens are kept in {path} (mode 0600): no Secret Service runs"));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{block, now, status, utc, zone};
    use super::*;
    use lull_core::ModeChange;

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

    #[test]
    fn presenting_says_since_when_and_how() {
        let mut s = status(Mode::Quiet, None, 2);
        s.quiet_reason = Some(QuietReason::Presenting);
        s.presenting = Some(lull_core::Presenting {
            screen: lull_core::Screen::Fullscreen,
            since: utc("2026-11-24T09:30:00Z"),
        });
        assert_eq!(
            status_text(&s),
            "Quiet: presenting since 10:30 (a fullscreen window); what comes is held, and nothing pops up, \
             until it ends\n2 messages held"
        );
    }

    #[test]
    fn a_meeting_says_until_when_and_which() {
        let mut s = status(Mode::Quiet, None, 1);
        s.quiet_reason = Some(QuietReason::Meeting);
        s.meeting = Some(lull_core::calendar::Meeting {
            calendar: "work".into(),
            title: "Planning".into(),
            start: utc("2026-11-24T09:30:00Z"),
            end: utc("2026-11-24T10:15:00Z"),
        });
        assert_eq!(
            status_text(&s),
            "Quiet: in a meeting until 11:15 (Planning); what comes is held until it ends\n1 message held"
        );
    }

    #[test]
    fn away_says_since_when_and_how_and_a_block_says_the_time_is_not_focus() {
        let mut s = status(Mode::Quiet, None, 2);
        s.quiet_reason = Some(QuietReason::Away);
        let since = utc("2026-11-24T08:48:00Z");
        s.away = Some(lull_core::Away { presence: lull_core::Presence::Locked, since });
        assert_eq!(
            status_text(&s),
            "Quiet: away since 09:48 (screen locked); what comes is held until you are back\n2 messages held"
        );
        let mut s = status(Mode::Focus, Some(block("2026-11-24T08:40:00Z", "2026-11-24T09:22:30Z", None)), 0);
        s.away = Some(lull_core::Away { presence: lull_core::Presence::Asleep, since });
        assert_eq!(
            status_text(&s),
            "Focus: 23 min left, until 10:22\nAway since 09:48 (asleep): not counted as focus"
        );
    }

    #[test]
    fn a_profile_in_its_first_run_says_how_to_finish_it() {
        let mut s = status(Mode::Open, None, 0);
        s.first_run = true;
        assert_eq!(
            status_text(&s),
            "Open\nNot set up yet: Lull holds nothing by the clock and leaves your notifications alone (lull setup)"
        );
    }

    #[test]
    fn status_says_whose_do_not_disturb_is_on_and_what_fails() {
        let s = status(Mode::Quiet, None, 0);
        let mut desktop = DesktopReport {
            capture: lull_core::SourceStatus::new(SourceState::Running, None),
            dnd: lull_core::DndStatus { adapter: Some("dunst".into()), on: true, users: false, detail: None },
            ntfy: Vec::new(),
            gotify: Vec::new(),
            imap: Vec::new(),
            calendars: Vec::new(),
            secrets: None,
            presence: lull_core::PresenceReport { sleep: Some("logind".into()), ..Default::default() },
            focus_calendar: None,
        };
        let text = |d: &DesktopReport| super::status(&s, Some(d), now(), &zone());
        assert_eq!(text(&desktop), "Quiet\nDo not disturb: on in dunst, Lull's");
        desktop.dnd.users = true;
        assert_eq!(text(&desktop), "Quiet\nDo not disturb: on in dunst, yours (Lull leaves it on)");
        desktop.dnd = lull_core::DndStatus {
            adapter: Some("mako".into()),
            on: false,
            users: false,
            detail: Some("could not put do-not-disturb back".into()),
        };
        desktop.capture = lull_core::SourceStatus::new(SourceState::Refused, Some("no eavesdropping".into()));
        assert_eq!(
            text(&desktop),
            "Quiet\nDo not disturb: could not put do-not-disturb back\nNot holding other apps' notifications: no eavesdropping",
            "a daemon that is off says nothing unless something failed"
        );
        desktop.capture = lull_core::SourceStatus::new(SourceState::Running, None);
        desktop.dnd.detail = None;
        let since = utc("2026-11-24T08:05:00Z");
        let sub = |id: &str, status| lull_core::report::SubscriptionStatus { id: id.into(), status };
        desktop.ntfy = vec![
            sub("home", lull_core::SourceStatus::new(SourceState::Running, None)),
            sub("work", lull_core::SourceStatus::unreachable("connection refused".into(), since)),
            sub(
                "ci",
                lull_core::SourceStatus::new(
                    SourceState::Refused,
                    Some("ntfy.sh refused the credential (401)".into()),
                ),
            ),
        ];
        assert_eq!(
            text(&desktop),
            "Quiet\nntfy work: unreachable since 09:05: connection refused\nntfy ci: ntfy.sh refused the credential (401)",
            "a subscription that runs says nothing"
        );
        desktop.ntfy.clear();
        desktop.presence = lull_core::PresenceReport::default();
        assert_eq!(
            text(&desktop),
            "Quiet\nAway: nothing on this desktop says when you are away (no screen locker, logind, Mutter or X11 answers)",
            "nothing seeing the user leave is worth a line (lull sources names what does)"
        );
    }

    fn status_text(s: &Status) -> String {
        super::status(s, None, now(), &zone())
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
}
