//! The tray's focus proposal: the next one the user can answer, as a submenu under Stop focus.
//! Each item's id carries the proposal's start, so a click answers the proposal it was shown
//! for even if the list changed meanwhile (the engine then says it is gone).

use chrono::{DateTime, Utc};
use lull_core::ProposedBlock;

/// What a click on a proposal's item asks of the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Answer {
    Accept(DateTime<Utc>),
    Skip(DateTime<Utc>),
}

pub(super) const PROPOSAL_MENU: &str = "proposal";
/// Under Stop focus: header, separator, Start, Extend, Stop, then the proposal.
pub(super) const PROPOSAL_POSITION: usize = 5;
const ACCEPT_PREFIX: &str = "proposal-accept-";
/// Accept, once the proposal's time has come: another id, so the item is made anew as "Start now".
const START_PREFIX: &str = "proposal-start-";
const SKIP_PREFIX: &str = "proposal-skip-";
const MOVE_PREFIX: &str = "proposal-move-";

/// The proposal the tray offers answers to: the first the user can still answer (an accepted
/// block whose time has come is the running block, or one the user stopped).
pub(super) fn next(proposals: &[ProposedBlock], now: DateTime<Utc>) -> Option<ProposedBlock> {
    proposals.iter().copied().find(|p| !(p.accepted && p.start <= now))
}

/// "Focus proposed 10:00–10:50", "Focus booked 10:00–10:50", local.
pub(super) fn label(proposal: ProposedBlock) -> String {
    let hm = |at: DateTime<Utc>| at.with_timezone(&chrono::Local).format("%H:%M").to_string();
    let state = if proposal.accepted { "booked" } else { "proposed" };
    format!("Focus {state} {}–{}", hm(proposal.start), hm(proposal.end))
}

/// The submenu's items, ids first: Accept (Start now, once its time has come), Move… (the
/// window's Focus tab asks for the time) and Skip today, or Take back for a booked block.
pub(super) fn answers(proposal: ProposedBlock, now: DateTime<Utc>) -> Vec<(String, &'static str)> {
    let ms = proposal.start.timestamp_millis();
    let mut answers = Vec::with_capacity(3);
    if !proposal.accepted {
        answers.push(if proposal.start <= now {
            (format!("{START_PREFIX}{ms}"), "Start now")
        } else {
            (format!("{ACCEPT_PREFIX}{ms}"), "Accept")
        });
    }
    answers.push((format!("{MOVE_PREFIX}{ms}"), "Move…"));
    let skip = if proposal.accepted { "Take back" } else { "Skip today" };
    answers.push((format!("{SKIP_PREFIX}{ms}"), skip));
    answers
}

/// What a proposal item's id asks: accept or skip the proposal starting then.
pub(super) fn answer_of(id: &str) -> Option<Answer> {
    let accept = id.strip_prefix(ACCEPT_PREFIX).or_else(|| id.strip_prefix(START_PREFIX));
    let (ms, answer): (&str, fn(DateTime<Utc>) -> Answer) = match (accept, id.strip_prefix(SKIP_PREFIX)) {
        (Some(ms), _) => (ms, Answer::Accept),
        (_, Some(ms)) => (ms, Answer::Skip),
        _ => return None,
    };
    DateTime::from_timestamp_millis(ms.parse().ok()?).map(answer)
}

/// Whether the item is Move…, which the window's Focus tab answers (it asks for the time).
pub(super) fn is_move(id: &str) -> bool {
    id.starts_with(MOVE_PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeDelta, TimeZone};

    /// Noon on this machine's clock, whatever its zone, so that every time is on one local day.
    fn local_noon() -> DateTime<Utc> {
        chrono::Local
            .with_ymd_and_hms(2026, 11, 25, 12, 0, 0)
            .earliest()
            .expect("noon exists")
            .with_timezone(&Utc)
    }

    #[test]
    fn the_tray_answers_the_next_proposal_the_user_can_still_answer() {
        let now = local_noon();
        let at = |minutes: i64, accepted: bool| ProposedBlock {
            start: now + TimeDelta::minutes(minutes),
            end: now + TimeDelta::minutes(minutes + 50),
            accepted,
        };
        let running = at(-10, true);
        let late = at(-5, false);
        let booked = at(60, true);
        assert_eq!(next(&[running, late, booked], now), Some(late), "the running block is not one");
        assert_eq!(next(&[running], now), None);

        let hm = |at: DateTime<Utc>| at.with_timezone(&chrono::Local).format("%H:%M").to_string();
        assert_eq!(label(booked), format!("Focus booked {}–{}", hm(booked.start), hm(booked.end)));
        let texts = |p| answers(p, now).into_iter().map(|(_, text)| text).collect::<Vec<_>>();
        assert_eq!(texts(late), ["Start now", "Move…", "Skip today"]);
        assert_eq!(texts(at(5, false)), ["Accept", "Move…", "Skip today"]);
        assert_eq!(texts(booked), ["Move…", "Take back"]);

        let soon = at(5, false);
        assert_eq!(answer_of(&answers(soon, now)[0].0), Some(Answer::Accept(soon.start)));
        let ids = answers(late, now).into_iter().map(|(id, _)| id).collect::<Vec<_>>();
        assert_eq!(answer_of(&ids[0]), Some(Answer::Accept(late.start)), "Start now accepts");
        assert!(answer_of(&ids[1]).is_none() && is_move(&ids[1]), "Move… opens the window");
        assert_eq!(answer_of(&ids[2]), Some(Answer::Skip(late.start)));
        assert_eq!(answer_of("proposal-accept-soon"), None, "a broken id is no answer");
    }
}
