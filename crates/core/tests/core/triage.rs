//! Triage: snoozing (until a time, the block's end, the next window or workday), done and undone,
//! pin and unpin, in bulk and all or nothing.

use lull_core::request::InboxList;
use lull_core::{Change, ErrorCode, MessageState, PinState, SnoozeUntil};

use crate::support::{Fixture, digests, from, mins, tick, utc};

#[test]
fn a_snoozed_message_returns_at_its_time() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let (receipt, _) = lull.receive(from("Alice", "review my PR")).expect("received");
    let at = utc(2026, 11, 25, 10, 30, 0);
    lull.snooze(&[receipt.id], SnoozeUntil::Time { at }).expect("snoozed");
    assert_eq!(lull.message(receipt.id).expect("m").state, MessageState::Snoozed);
    assert!(
        lull.inbox(&InboxList { ..Default::default() }).expect("inbox").messages.is_empty(),
        "out of sight"
    );
    assert_eq!(lull.next_wakeup().into_result().expect("wakeup"), Some(at));

    fx.clock.set(at);
    let changes = tick(&mut lull);
    let resurfaced =
        changes.iter().any(|c| matches!(c, Change::Resurfaced { messages } if messages[0].id == receipt.id));
    assert!(resurfaced, "delivered again at its time: {changes:?}");
    assert_eq!(lull.message(receipt.id).expect("m").state, MessageState::Delivered);
}

#[test]
fn a_snooze_that_ends_during_a_block_waits_for_the_blocks_digest() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let (receipt, _) = lull.receive(from("Alice", "later")).expect("received");
    lull.snooze(&[receipt.id], SnoozeUntil::Time { at: utc(2026, 11, 25, 9, 10, 0) }).expect("snoozed");
    lull.start_focus(25 * 60, None).expect("start");
    fx.clock.advance(mins(10));
    tick(&mut lull);
    assert_eq!(lull.message(receipt.id).expect("m").state, MessageState::Held, "no interruption mid-block");
    fx.clock.advance(mins(15));
    assert_eq!(digests(&tick(&mut lull))[0].count, 1, "it comes with the block's digest");
}

#[test]
fn snooze_targets_resolve_to_the_block_end_and_the_next_work_window() {
    let fx = Fixture::new(); // Wednesday 10:00 Berlin
    let mut lull = fx.lull();
    let (r, _) = lull.receive(from("x", "y")).expect("received");
    assert_eq!(
        lull.snooze(&[r.id], SnoozeUntil::BlockEnd).expect_err("no block").code,
        ErrorCode::NoFocusRunning
    );
    let block = lull.start_focus(600, None).expect("start");
    assert_eq!(lull.snooze(&[r.id], SnoozeUntil::BlockEnd).expect("ok"), block.deadline);
    assert_eq!(
        lull.snooze(&[r.id], SnoozeUntil::NextWorkWindow).expect("ok"),
        utc(2026, 11, 25, 12, 0, 0),
        "13:00 today"
    );
    assert_eq!(
        lull.snooze(&[r.id], SnoozeUntil::NextWorkday).expect("ok"),
        utc(2026, 11, 26, 8, 0, 0),
        "09:00 tomorrow"
    );
    let past = SnoozeUntil::Time { at: utc(2026, 11, 25, 8, 0, 0) };
    assert_eq!(lull.snooze(&[r.id], past).expect_err("past").code, ErrorCode::InvalidTime);
}

#[test]
fn done_undone_and_pin_work_in_bulk_and_an_unknown_id_changes_nothing() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let ids: Vec<_> = (0..3).map(|i| lull.receive(from("a", &format!("m{i}"))).expect("ok").0.id).collect();

    let err = lull.done(&[ids[0], 999_999]).expect_err("unknown id");
    assert_eq!(err.code, ErrorCode::UnknownMessage);
    assert!(err.message.contains("999999"), "{}", err.message);
    assert_eq!(lull.message(ids[0]).expect("m").state, MessageState::Delivered, "all or nothing");
    assert_eq!(lull.done(&[]).expect_err("empty").code, ErrorCode::InvalidRequest);

    lull.done(&ids[..2]).expect("done");
    assert_eq!(lull.inbox(&InboxList { ..Default::default() }).expect("inbox").messages.len(), 1);
    lull.undone(&ids[..1]).expect("undone");
    assert_eq!(lull.message(ids[0]).expect("m").state, MessageState::Delivered, "back where it was");

    let due = utc(2026, 11, 27, 9, 0, 0);
    lull.pin(&ids, Some(due)).expect("pin");
    assert!(lull.message(ids[2]).expect("m").pinned);
    assert_eq!(lull.message(ids[2]).expect("m").pin_due, Some(due));
    lull.unpin(&ids[2..]).expect("unpin");
    assert_eq!(
        (lull.message(ids[2]).expect("m").pinned, lull.message(ids[2]).expect("m").pin_due),
        (false, None)
    );
}

#[test]
fn pin_and_unpin_answer_each_messages_earlier_pin_so_an_undo_puts_back_its_due_date() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let a = lull.receive(from("Alice", "contract")).expect("received").0.id;
    let b = lull.receive(from("Bob", "invoice")).expect("received").0.id;
    let monday = utc(2026, 11, 30, 8, 0, 0);
    lull.pin(&[a], Some(monday)).expect("pin a with a due date");

    let friday = utc(2026, 11, 27, 8, 0, 0);
    let before = lull.pin(&[b, a], Some(friday)).expect("pin both");
    assert_eq!(
        before,
        vec![
            PinState { id: a, pinned: true, pin_due: Some(monday) },
            PinState { id: b, pinned: false, pin_due: None },
        ],
        "a was pinned for Monday, b not at all: by id"
    );
    let before = lull.unpin(&[a]).expect("unpin a");
    assert_eq!(
        before,
        vec![PinState { id: a, pinned: true, pin_due: Some(friday) }],
        "the due date it loses"
    );
}
