//! The review window's views and helpers: the pinned, snoozed and done views in their orders,
//! pinned messages first in their group, done for a whole group or everything older, popups
//! filing themselves, the end of a review, a message's story, and what a snooze resolves to.

use chrono::{DateTime, TimeDelta, Utc};
use lull_core::request::{InboxList, InboxView};
use lull_core::{
    Change, ErrorCode, GroupKey, Lull, MessageId, MessageState, Settings, SnoozeKey, SnoozeUntil, Source,
};

use crate::support::{Fixture, from, mins, tick, utc};

fn view(
    lull: &Lull,
    view: InboxView,
    after: Option<String>,
    limit: usize,
) -> (Vec<MessageId>, Option<String>) {
    let page = lull
        .inbox(&InboxList { view: Some(view), after, limit: Some(limit), ..Default::default() })
        .expect("a page");
    (page.messages.iter().map(|m| m.id).collect(), page.next)
}

/// Every id of a view, read two at a time.
fn whole_view(lull: &Lull, which: InboxView) -> Vec<MessageId> {
    let (mut ids, mut next) = view(lull, which, None, 2);
    while let Some(cursor) = next {
        let (more, after) = view(lull, which, Some(cursor), 2);
        ids.extend(more);
        next = after;
    }
    ids
}

fn receive(lull: &mut Lull, sender: &str, body: &str) -> MessageId {
    lull.receive(from(sender, body)).expect("received").0.id
}

fn hours(n: i64) -> TimeDelta {
    TimeDelta::hours(n)
}

#[test]
fn the_pinned_view_lists_the_soonest_due_first_then_the_undated_newest_first() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let ids: Vec<MessageId> = (0..5).map(|i| receive(&mut lull, "Alice", &format!("m{i}"))).collect();
    lull.pin(&[ids[0]], None).expect("pin");
    lull.pin(&[ids[1]], Some(fx.clock_now() + hours(5))).expect("pin");
    lull.pin(&[ids[2]], Some(fx.clock_now() + hours(2))).expect("pin");
    lull.pin(&[ids[3]], None).expect("pin");
    assert_eq!(
        whole_view(&lull, InboxView::Pinned),
        vec![ids[2], ids[1], ids[3], ids[0]],
        "paged two at a time"
    );
    lull.done(&[ids[2]]).expect("done");
    assert_eq!(
        whole_view(&lull, InboxView::Pinned),
        vec![ids[1], ids[3], ids[0]],
        "a done pin leaves the view"
    );
    assert_eq!(lull.inbox_overview().expect("overview").pinned, 3);
}

#[test]
fn the_snoozed_view_lists_the_soonest_back_first_and_the_done_view_the_latest_done_first() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let ids: Vec<MessageId> = (0..5).map(|i| receive(&mut lull, "Bob", &format!("m{i}"))).collect();
    let now = fx.clock_now();
    lull.snooze(&[ids[0]], SnoozeUntil::Time { at: now + hours(3) }).expect("snooze");
    lull.snooze(&[ids[1]], SnoozeUntil::Time { at: now + hours(1) }).expect("snooze");
    lull.snooze(&[ids[2]], SnoozeUntil::Time { at: now + hours(2) }).expect("snooze");
    assert_eq!(whole_view(&lull, InboxView::Snoozed), vec![ids[1], ids[2], ids[0]]);

    lull.done(&[ids[4]]).expect("done");
    fx.clock.advance(mins(1));
    lull.done(&[ids[3]]).expect("done");
    fx.clock.advance(mins(1));
    lull.done(&[ids[0]]).expect("done");
    assert_eq!(whole_view(&lull, InboxView::Done), vec![ids[0], ids[3], ids[4]], "the latest done first");
    let overview = lull.inbox_overview().expect("overview");
    assert_eq!((overview.snoozed, overview.done), (2, 3), "the views' lengths");
    assert_eq!(whole_view(&lull, InboxView::Inbox), Vec::<MessageId>::new(), "nothing else is left");
}

#[test]
fn a_view_refuses_a_cursor_it_did_not_write() {
    let fx = Fixture::new();
    let lull = fx.lull();
    let bad = InboxList { view: Some(InboxView::Done), after: Some("soon".into()), ..Default::default() };
    assert_eq!(lull.inbox(&bad).expect_err("a bad cursor").code, ErrorCode::InvalidRequest);
}

#[test]
fn pinned_messages_come_first_in_their_group_across_pages() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let ids: Vec<MessageId> = (0..5).map(|i| receive(&mut lull, "CI", &format!("build {i}"))).collect();
    lull.pin(&[ids[1]], None).expect("pin");
    let key = GroupKey::sender(Source::Api, "CI", "");
    let first = lull.inbox_group(&key, None, Some(2)).expect("page");
    let second = lull.inbox_group(&key, first.next.as_deref(), Some(2)).expect("page");
    let third = lull.inbox_group(&key, second.next.as_deref(), Some(2)).expect("page");
    let order: Vec<MessageId> =
        [first.messages, second.messages, third.messages].concat().iter().map(|m| m.id).collect();
    assert_eq!(order, vec![ids[1], ids[4], ids[3], ids[2], ids[0]], "the pin on top, then newest first");
    assert_eq!(
        lull.inbox_group(&key, Some("1:x:2"), None).expect_err("bad cursor").code,
        ErrorCode::InvalidRequest
    );
}

#[test]
fn done_all_marks_a_whole_group_done_in_one_call_and_undone_brings_it_back() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let ci: Vec<MessageId> = (0..500).map(|i| receive(&mut lull, "CI", &format!("build {i}"))).collect();
    let alice = receive(&mut lull, "Alice", "lunch?");
    lull.take_changes();
    let key = GroupKey::sender(Source::Api, "CI", "");

    let mut done = lull.done_all(Some(&key), None).expect("done");
    done.sort_unstable();
    assert_eq!(done, ci, "all 500, none of Alice's");
    let changes = lull.take_changes();
    assert!(
        matches!(changes.as_slice(), [Change::InboxChanged { ids }] if ids.len() == 500),
        "one change for the window: {changes:?}"
    );
    assert_eq!(lull.inbox_overview().expect("overview").total, 1);
    assert_eq!(lull.message(alice).expect("m").state, MessageState::Delivered);

    lull.undone(&done).expect("undone");
    assert_eq!(lull.inbox_overview().expect("overview").total, 501, "undo puts them all back");
}

#[test]
fn done_all_before_an_instant_leaves_what_came_later_and_needs_a_condition() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let old = receive(&mut lull, "Alice", "old");
    let snoozed = receive(&mut lull, "Alice", "snoozed");
    lull.snooze(&[snoozed], SnoozeUntil::Time { at: fx.clock_now() + hours(1) }).expect("snooze");
    fx.clock.advance(mins(30));
    let cut = fx.clock_now();
    let new = receive(&mut lull, "Bob", "new");
    assert_eq!(lull.done_all(None, Some(cut)).expect("done"), vec![old], "snoozed ones stay snoozed");
    assert_eq!(lull.message(new).expect("m").state, MessageState::Delivered);
    assert_eq!(lull.done_all(None, None).expect_err("no condition").code, ErrorCode::InvalidRequest);
    assert_eq!(lull.done_all(None, Some(cut)).expect("nothing left"), Vec::<MessageId>::new());
}

#[test]
fn popups_already_seen_file_themselves_after_the_set_hours_unless_pinned() {
    let fx = Fixture::new(); // Wednesday 10:00 in Berlin: Open
    let mut lull = fx.lull();
    assert_eq!(lull.settings().file_delivered_after_hours, Some(8), "on by default");
    let seen = receive(&mut lull, "Alice", "shown as a popup");
    let kept = receive(&mut lull, "Alice", "pinned");
    lull.pin(&[kept], None).expect("pin");
    let due = fx.clock_now() + hours(8) + TimeDelta::milliseconds(1);
    assert!(
        lull.next_wakeup().into_result().expect("wakeup").is_some_and(|at| at <= due),
        "the engine wakes for it"
    );

    fx.clock.set(fx.clock_now() + hours(7));
    tick(&mut lull);
    assert_eq!(lull.message(seen).expect("m").state, MessageState::Delivered, "not yet");
    fx.clock.set(due);
    let changes = tick(&mut lull);
    assert_eq!(lull.message(seen).expect("m").state, MessageState::Done, "filed");
    assert!(
        changes.iter().any(|c| matches!(c, Change::InboxChanged { ids } if ids == &vec![seen])),
        "{changes:?}"
    );
    assert_eq!(lull.message(kept).expect("m").state, MessageState::Delivered, "a pin stays");

    lull.undone(&[seen]).expect("undone");
    tick(&mut lull);
    assert_eq!(
        lull.message(seen).expect("m").state,
        MessageState::Delivered,
        "brought back, it counts from now"
    );
}

#[test]
fn held_messages_never_file_themselves_and_the_setting_can_be_off() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    lull.start_focus(25 * 60, None).expect("start");
    let held = receive(&mut lull, "Alice", "held");
    fx.clock.advance(mins(25));
    tick(&mut lull);
    fx.clock.advance(hours(20));
    tick(&mut lull);
    assert_eq!(lull.message(held).expect("m").state, MessageState::Released, "released, still to triage");

    let settings = Settings { file_delivered_after_hours: None, ..lull.settings().clone() };
    lull.update_settings(settings).expect("off");
    let seen = receive(&mut lull, "Bob", "seen");
    fx.clock.advance(hours(200));
    tick(&mut lull);
    assert_ne!(lull.message(seen).expect("m").state, MessageState::Done, "off: it stays");
    let settings = Settings { file_delivered_after_hours: Some(0), ..lull.settings().clone() };
    let err = lull.update_settings(settings).expect_err("zero hours");
    assert_eq!(err.field.as_deref(), Some("file_delivered_after_hours"), "{err:?}");
}

#[test]
fn a_review_ends_when_the_window_says_so_and_the_next_overview_knows_when() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    assert_eq!(lull.inbox_overview().expect("overview").reviewed_at, None, "never reviewed");
    lull.mark_reviewed().expect("reviewed");
    assert_eq!(lull.inbox_overview().expect("overview").reviewed_at, Some(fx.clock_now()));
    fx.clock.advance(mins(5));
    drop(lull);
    let lull = fx.lull();
    assert_eq!(
        lull.inbox_overview().expect("overview").reviewed_at,
        Some(fx.clock_now() - mins(5)),
        "kept across a restart"
    );
}

#[test]
fn a_messages_story_names_the_block_it_was_held_in_and_the_digest_that_released_it() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let open = receive(&mut lull, "Alice", "while open");
    let block = lull.start_focus(25 * 60, Some("draft the Q3 report")).expect("start");
    let held = receive(&mut lull, "Bob", "during the block");
    fx.clock.advance(mins(25));
    tick(&mut lull);

    let story = lull.message_story(held).expect("story");
    let told = story.block.expect("the block");
    assert_eq!((told.id, told.intent.as_deref()), (block.id, Some("draft the Q3 report")));
    let digest = story.digest.expect("the digest");
    assert_eq!((digest.count, digest.at), (1, fx.clock_now()));
    let plain = lull.message_story(open).expect("story");
    assert_eq!((plain.block, plain.digest), (None, None), "shown at once: no block, no digest");
    assert_eq!(lull.message_story(9999).expect_err("unknown").code, ErrorCode::UnknownMessage);
}

fn keys(lull: &Lull) -> Vec<(SnoozeKey, DateTime<Utc>)> {
    lull.snooze_choices().expect("choices").iter().map(|c| (c.key, c.at)).collect()
}

#[test]
fn the_snooze_menu_offers_what_applies_now_each_with_its_instant() {
    let fx = Fixture::new(); // Wednesday 10:00 in Berlin
    let mut lull = fx.lull();
    assert_eq!(
        keys(&lull),
        vec![
            (SnoozeKey::InAnHour, utc(2026, 11, 25, 10, 0, 0)),
            (SnoozeKey::ThisEvening, utc(2026, 11, 25, 17, 0, 0)),
            (SnoozeKey::NextWorkWindow, utc(2026, 11, 25, 12, 0, 0)),
            (SnoozeKey::Tomorrow, utc(2026, 11, 26, 8, 0, 0)),
            (SnoozeKey::NextWeek, utc(2026, 11, 30, 8, 0, 0)),
        ],
        "no block, so no block end"
    );
    let block = lull.start_focus(25 * 60, None).expect("start");
    assert_eq!(keys(&lull)[0], (SnoozeKey::BlockEnd, block.deadline), "the block's end first");

    let choice = lull.snooze_choices().expect("choices")[1];
    let id = receive(&mut lull, "Alice", "later");
    assert_eq!(
        lull.snooze(&[id], choice.until).expect("snoozed"),
        choice.at,
        "the menu's instant is the snooze's"
    );

    fx.clock.set(utc(2026, 11, 25, 16, 30, 0)); // 17:30: the evening is too close to offer
    assert!(!keys(&lull).iter().any(|(k, _)| *k == SnoozeKey::ThisEvening));
}

#[test]
fn a_typed_instant_reads_a_day_as_the_start_of_its_work_and_refuses_with_a_sentence() {
    let fx = Fixture::new(); // Wednesday 10:00 in Berlin
    let mut lull = fx.lull();
    assert_eq!(
        lull.parse_when("friday").expect("friday"),
        utc(2026, 11, 27, 8, 0, 0),
        "09:00, the first window"
    );
    assert_eq!(lull.parse_when("mon 14").expect("mon"), utc(2026, 11, 30, 13, 0, 0));
    assert_eq!(lull.parse_when("saturday").expect("sat"), utc(2026, 11, 28, 8, 0, 0), "no window: 09:00");
    let mut settings = lull.settings().clone();
    settings.work_hours.week.friday = vec![lull_core::work_hours::Window::new(
        "11:00".parse().expect("a time"),
        "16:00".parse().expect("a time"),
    )];
    lull.update_settings(settings).expect("late fridays");
    assert_eq!(
        lull.parse_when("friday").expect("friday"),
        utc(2026, 11, 27, 10, 0, 0),
        "Friday starts at 11:00"
    );
    let err = lull.parse_when("someday").expect_err("nonsense");
    assert_eq!(err.code, ErrorCode::InvalidTime);
    assert!(err.message.contains("not a time Lull can read"), "{}", err.message);
}

#[test]
fn what_you_missed_counts_what_was_held_since_the_last_review_and_says_why_others_broke_through() {
    let fx = Fixture::new(); // Wednesday 10:00 in Berlin
    let mut lull = fx.lull();
    receive(&mut lull, "Alice", "before the review");
    lull.mark_reviewed().expect("reviewed");
    fx.clock.advance(mins(1));
    lull.start_focus(25 * 60, None).expect("start");
    for i in 0..3 {
        receive(&mut lull, "CI", &format!("build {i}"));
    }
    receive(&mut lull, "Alice", "lunch?");
    let urgent = lull
        .receive(lull_core::NewMessage {
            priority: Some(5),
            title: Some("prod is down".into()),
            ..from("Pager", "!")
        })
        .expect("received")
        .0
        .id;

    let missed = lull.inbox_overview().expect("overview").missed;
    assert_eq!(missed.since, fx.clock_now() - mins(1), "since the review");
    assert_eq!(missed.held, 4, "Alice's first message came before the review");
    let by_sender: Vec<(&str, i64)> = missed.by_sender.iter().map(|g| (g.label.as_str(), g.count)).collect();
    assert_eq!(by_sender, vec![("CI", 3), ("Alice", 1)]);
    assert_eq!(
        missed.by_source.iter().map(|g| (g.label.as_str(), g.count)).collect::<Vec<_>>(),
        vec![("api", 4)]
    );
    let [through] = missed.breakthroughs.as_slice() else { panic!("one breakthrough: {missed:?}") };
    assert_eq!(
        (through.id, through.from.as_str(), through.title.as_deref(), through.why.as_deref()),
        (urgent, "Pager", Some("prod is down"), Some("priority 5"))
    );
}

#[test]
fn a_pins_due_date_comes_back_once_while_open_and_waits_through_a_block() {
    let fx = Fixture::new(); // Wednesday 10:00 in Berlin: Open
    let mut lull = fx.lull();
    let id = receive(&mut lull, "Alice", "send the contract");
    let due = fx.clock_now() + mins(30);
    lull.pin(&[id], Some(due)).expect("pin");
    assert!(
        lull.next_wakeup().into_result().expect("wakeup").is_some_and(|at| at <= due),
        "the engine wakes for the due date"
    );

    lull.start_focus(60 * 60, None).expect("a block over the due date");
    fx.clock.set(due);
    let during = tick(&mut lull);
    assert!(!during.iter().any(|c| matches!(c, Change::PinsDue { .. })), "not during the block: {during:?}");

    lull.stop_focus().expect("stop");
    let after = tick(&mut lull);
    let announced: Vec<&Change> = after.iter().filter(|c| matches!(c, Change::PinsDue { .. })).collect();
    assert!(
        matches!(announced.as_slice(), [Change::PinsDue { messages }] if messages.len() == 1 && messages[0].id == id),
        "announced once the block is over: {after:?}"
    );
    fx.clock.advance(mins(5));
    assert!(!tick(&mut lull).iter().any(|c| matches!(c, Change::PinsDue { .. })), "and only once");
    lull.pin(&[id], Some(fx.clock_now() + mins(10))).expect("pinned anew");
    fx.clock.advance(mins(10));
    assert!(
        tick(&mut lull).iter().any(|c| matches!(c, Change::PinsDue { .. })),
        "a new due date is announced again"
    );
}
