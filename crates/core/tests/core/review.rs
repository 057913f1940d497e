//! What the review window reads (groups, pages, stats) and the triage it needs (undo of a snooze,
//! a replaced notification updated in place, field names on invalid settings).

use lull_core::{
    Change, DayStats, ErrorCode, GroupKey, Grouping, MessageState, Mode, NewMessage, Settings, SnoozeUntil,
    Source, WeekStats,
};

use crate::support::{Fixture, mins, utc};

fn from(sender: &str, thread: Option<&str>, body: &str) -> NewMessage {
    NewMessage {
        sender: Some(sender.into()),
        thread: thread.map(str::to_owned),
        ..NewMessage::new(Source::Api, body)
    }
}

#[test]
fn the_inbox_comes_in_groups_of_source_sender_and_thread_with_the_newest_group_first() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    for i in 0..3 {
        lull.receive(from("CI", Some("main"), &format!("build {i} failed"))).expect("ci");
        fx.clock.advance(mins(1));
    }
    lull.receive(from("Alice", None, "lunch?")).expect("alice");
    fx.clock.advance(mins(1));
    lull.receive(from("CI", Some("release"), "release build failed")).expect("ci release");
    fx.clock.advance(mins(1));
    let app = NewMessage { source_detail: Some("Slack".into()), ..NewMessage::new(Source::Desktop, "ping") };
    let done = lull.receive(app).expect("desktop").0.id;
    lull.receive(NewMessage {
        source_detail: Some("Slack".into()),
        ..NewMessage::new(Source::Desktop, "pong")
    })
    .expect("desktop 2");
    lull.done(&[done]).expect("done");

    let overview = lull.inbox_overview().expect("overview");
    let labels: Vec<(&str, i64)> = overview.groups.iter().map(|g| (g.label.as_str(), g.count)).collect();
    assert_eq!(
        labels,
        [("Slack", 1), ("CI · release", 1), ("Alice", 1), ("CI · main", 3)],
        "newest group first"
    );
    assert_eq!(overview.total, 6, "done messages are not counted");
    assert_eq!(overview.groups[0].key, GroupKey::sender(Source::Desktop, "Slack", ""));
}

#[test]
fn the_inbox_can_be_grouped_by_source_or_not_at_all_and_each_group_pages_and_files_as_one() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let mut ids = Vec::new();
    for i in 0..5 {
        ids.push(lull.receive(from(["CI", "Alice"][i % 2], None, &format!("api {i}"))).expect("api").0.id);
        fx.clock.advance(mins(1));
    }
    let app = |body: &str| NewMessage {
        source_detail: Some("Slack".into()),
        ..NewMessage::new(Source::Desktop, body)
    };
    let slack = lull.receive(app("ping")).expect("desktop").0.id;
    fx.clock.advance(mins(1));
    let pinned = ids[0];
    lull.pin(&[pinned], None).expect("pin the oldest");

    lull.update_settings(Settings { inbox_grouping: Grouping::Source, ..Settings::default() })
        .expect("by source");
    let overview = lull.inbox_overview().expect("overview");
    let groups: Vec<(&str, i64, i64)> =
        overview.groups.iter().map(|g| (g.label.as_str(), g.count, g.pinned)).collect();
    assert_eq!(groups, [("desktop", 1, 0), ("api", 5, 1)], "one group per source, the newest first");
    let api = overview.groups[1].key.clone();
    assert_eq!((api.by, api.who.as_str(), api.thread.as_str()), (Grouping::Source, "", ""));
    let first = lull.inbox_group(&api, None, Some(3)).expect("page 1");
    let rest = lull.inbox_group(&api, first.next.as_deref(), Some(3)).expect("page 2");
    let read: Vec<_> = [first.messages, rest.messages].concat().iter().map(|m| m.id).collect();
    assert_eq!(read, [ids[0], ids[4], ids[3], ids[2], ids[1]], "pinned first, then newest, each once");
    assert_eq!(rest.next, None);

    lull.update_settings(Settings { inbox_grouping: Grouping::Flat, ..Settings::default() }).expect("flat");
    let overview = lull.inbox_overview().expect("overview");
    assert_eq!(overview.groups.len(), 1, "one list");
    let all = &overview.groups[0];
    assert_eq!((all.label.as_str(), all.count, all.pinned, all.key.by), ("Everything", 6, 1, Grouping::Flat));
    let page = lull.inbox_group(&all.key, None, Some(10)).expect("all");
    let read: Vec<_> = page.messages.iter().map(|m| m.id).collect();
    assert_eq!(read, [ids[0], slack, ids[4], ids[3], ids[2], ids[1]], "pinned first, then newest");

    // Done for a whole group takes that group's messages, whatever the grouping.
    let done = lull.done_all(Some(&api), None).expect("the api group done");
    assert_eq!(done.len(), 5);
    assert_eq!(lull.inbox_overview().expect("overview").total, 1, "Slack's is left");
    lull.undone(&done).expect("undone");
    lull.done_all(Some(&all.key), None).expect("everything done");
    assert!(lull.inbox_overview().expect("overview").groups.is_empty(), "an empty inbox has no group");
}

#[test]
fn a_group_is_read_a_page_at_a_time_newest_first_with_bodies_cut_to_a_preview() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    for i in 0..7 {
        lull.receive(from("CI", None, &format!("{i} {}", "x".repeat(1000)))).expect("receive");
        fx.clock.advance(mins(1));
    }
    lull.receive(from("Bob", None, "not in the group")).expect("bob");
    let key = GroupKey::sender(Source::Api, "CI", "");
    let first = lull.inbox_group(&key, None, Some(3)).expect("page 1");
    let second = lull.inbox_group(&key, first.next.as_deref(), Some(3)).expect("page 2");
    let third = lull.inbox_group(&key, second.next.as_deref(), Some(3)).expect("page 3");
    let bodies: Vec<char> = [first.messages, second.messages, third.messages.clone()]
        .concat()
        .iter()
        .map(|m| m.body.chars().next().unwrap_or(' '))
        .collect();
    assert_eq!(bodies, ['6', '5', '4', '3', '2', '1', '0'], "every message once, newest first");
    assert_eq!(third.next, None, "the last page says so");
    assert!(third.messages.iter().all(|m| m.body.chars().count() == 400), "a preview of 400 characters");
    let whole = lull.message(third.messages[0].id).expect("whole");
    assert_eq!(whole.body.len(), 1002, "the whole body is one call away");
    let bad = lull.inbox_group(&key, Some("nonsense"), None).expect_err("a bad cursor");
    assert_eq!(bad.code, ErrorCode::InvalidRequest);
}

#[test]
fn undoing_a_snooze_puts_each_message_back_where_it_was() {
    let fx = Fixture::new(); // Wednesday 10:00 in Berlin: open
    let mut lull = fx.lull();
    let delivered = lull.receive(from("Alice", None, "hi")).expect("a").0.id;
    lull.start_focus(25 * 60, None).expect("start");
    lull.tick().into_result().expect("tick");
    let held = lull.receive(from("Bob", None, "later")).expect("b").0.id;
    lull.snooze(&[delivered, held], SnoozeUntil::BlockEnd).expect("snooze");
    assert_eq!(lull.message(held).expect("held").state, MessageState::Snoozed);
    lull.unsnooze(&[delivered, held]).expect("unsnooze");
    assert_eq!(lull.message(delivered).expect("a").state, MessageState::Delivered);
    assert_eq!(lull.message(held).expect("b").state, MessageState::Held, "still waits for the digest");
    assert_eq!(lull.message(held).expect("b").snoozed_until, None);
    assert_eq!(lull.mode().expect("mode"), Mode::Focus);

    // Undone after the block ended: a held message has no digest coming any more.
    lull.snooze(&[held], SnoozeUntil::NextWorkday).expect("snooze again");
    fx.clock.advance(mins(30));
    lull.tick().into_result().expect("the block ends");
    lull.unsnooze(&[held]).expect("unsnooze");
    assert_eq!(lull.message(held).expect("b").state, MessageState::Delivered, "shown, not stuck as held");
}

#[test]
fn undoing_done_on_a_message_done_while_held_raises_no_digest_once_open() {
    let fx = Fixture::new(); // Wednesday 10:00 in Berlin: open
    let mut lull = fx.lull();
    lull.start_focus(25 * 60, None).expect("start");
    lull.tick().into_result().expect("tick");
    let held = lull.receive(from("Bob", None, "later")).expect("b").0.id;
    let waits = lull.receive(from("Carol", None, "also later")).expect("c").0.id;
    lull.done(&[held]).expect("done from the review window, while still held");
    lull.undone(&[held]).expect("undone during the block");
    assert_eq!(lull.message(held).expect("b").state, MessageState::Held, "back where it was: held");
    lull.done(&[held, waits]).expect("both done during the block");

    fx.clock.advance(mins(25));
    let changes = lull.tick().into_result().expect("the block ends with nothing held");
    assert!(!changes.iter().any(|c| matches!(c, Change::Digest { .. })), "{changes:?}");
    lull.undone(&[held]).expect("undone while open");
    let changes = lull.tick().into_result().expect("tick");
    let digests: Vec<_> = changes.iter().filter(|c| matches!(c, Change::Digest { .. })).collect();
    assert_eq!(digests, Vec::<&Change>::new(), "no one-message digest for a message the user has seen");
    assert_eq!(lull.message(held).expect("b").state, MessageState::Delivered, "shown, not stuck as held");
    assert_eq!(lull.status().expect("status").held, 0);
}

#[test]
fn a_replacing_notification_updates_the_stored_message_in_place() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let first = NewMessage {
        title: Some("Downloading".into()),
        dedupe_key: Some("bus/:1.5/7".into()),
        ..NewMessage::new(Source::Desktop, "10 %")
    };
    let id = lull.receive(first.clone()).expect("first").0.id;
    let replaced = NewMessage { body: "100 %".into(), replace: true, ..first.clone() };
    let receipt = lull.receive(replaced).expect("replaced").0;
    assert_eq!((receipt.id, receipt.duplicate), (id, true), "the same message");
    assert_eq!(lull.message(id).expect("stored").body, "100 %", "updated in place");
    lull.receive(NewMessage { body: "ignored".into(), ..first }).expect("a plain duplicate");
    assert_eq!(
        lull.message(id).expect("stored").body,
        "100 %",
        "a duplicate without replace changes nothing"
    );
    assert_eq!(lull.search("100", None, None).expect("search").len(), 1, "the search index follows");
}

#[test]
fn invalid_settings_name_the_field_at_fault() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let settings = Settings { retention_days: Some(0), ..Settings::default() };
    let err = lull.update_settings(settings).expect_err("refused");
    assert_eq!(err.field.as_deref(), Some("retention_days"));

    let mut settings = Settings::default();
    let monday = &mut settings.work_hours.week.monday;
    monday.push(monday[0]);
    let err = lull.update_settings(settings).expect_err("overlapping windows");
    assert_eq!(
        (err.code, err.field.as_deref()),
        (ErrorCode::InvalidWorkHours, Some("work_hours.week.monday"))
    );
    assert_eq!(lull.settings(), &Settings::default(), "nothing half-saved");
}

#[test]
fn stats_count_focus_per_local_day_and_arrivals_per_week_across_a_dst_change() {
    // Sunday 2026-10-25 is the end of summer time in Berlin; start on Monday 2026-10-26.
    let fx = Fixture::at(utc(2026, 10, 26, 8, 0, 0));
    let mut lull = fx.lull();
    lull.start_focus(50 * 60, None).expect("start");
    fx.clock.advance(mins(50));
    lull.tick().into_result().expect("completed");
    lull.start_focus(25 * 60, None).expect("start 2");
    fx.clock.advance(mins(10));
    lull.stop_focus().expect("cancelled");
    lull.receive(from("CI", None, "while open")).expect("delivered");
    // 23:30 local on Monday is 22:30 UTC: still Monday's, not Tuesday's.
    fx.clock.set(utc(2026, 10, 26, 22, 30, 0));
    lull.receive(from("CI", None, "late at night")).expect("held");
    fx.clock.set(utc(2026, 11, 3, 9, 0, 0)); // Tuesday of the next week

    // Three weeks back reaches over the DST change (the 25-hour Sunday 2026-10-25).
    let stats = lull.stats(3).expect("stats");
    assert_eq!((stats.from.to_string(), stats.to.to_string()), ("2026-10-19".into(), "2026-11-03".into()));
    assert_eq!(stats.days.len(), 16, "every day up to today");
    let monday = stats.days[7].date;
    assert_eq!(monday.to_string(), "2026-10-26");
    assert_eq!(
        stats.days[7],
        DayStats { date: monday, focus_secs: 60 * 60, blocks_completed: 1, blocks_cancelled: 1 }
    );
    assert_eq!(stats.weeks[1], WeekStats { start: monday, held: 1, broke_through: 0, delivered: 1 });
    assert_eq!(
        stats.weeks[0].held + stats.weeks[0].delivered + stats.weeks[2].held + stats.weeks[2].delivered,
        0
    );
    assert_eq!(stats.completion_rate, Some(0.5));
    assert_eq!(lull.stats(0).expect_err("no weeks").code, ErrorCode::InvalidRequest);
}

#[test]
fn who_interrupts_counts_what_was_held_and_what_broke_through_per_sender_and_local_week() {
    // Monday 2026-10-26, Berlin (UTC+1 after the DST change of the 25th).
    let fx = Fixture::at(utc(2026, 10, 26, 8, 0, 0));
    let mut lull = fx.lull();
    lull.start_focus(50 * 60, None).expect("start");
    for _ in 0..3 {
        lull.receive(from("CI", None, "held in the block")).expect("held");
    }
    let urgent = NewMessage { priority: Some(5), ..from("Alice", None, "the server is down") };
    lull.receive(urgent).expect("broke through");
    lull.stop_focus().expect("stopped");
    lull.receive(from("Bob", None, "while open")).expect("delivered: no interruption");
    // Sunday 23:30 local is the first week's; Monday 00:30 local (Sunday 23:30 UTC) the second's.
    fx.clock.set(utc(2026, 11, 1, 22, 30, 0));
    lull.receive(from("CI", None, "sunday night")).expect("held");
    fx.clock.set(utc(2026, 11, 1, 23, 30, 0));
    lull.receive(from("Alice", None, "monday, early")).expect("held");
    fx.clock.set(utc(2026, 11, 3, 9, 0, 0));

    let stats = lull.stats(2).expect("stats");
    let who: Vec<(&str, i64, i64)> =
        stats.interrupters.iter().map(|i| (i.who.as_str(), i.held, i.broke_through)).collect();
    assert_eq!(
        who,
        [("CI", 4, 0), ("Alice", 1, 1)],
        "most first; Bob's delivered message is no interruption"
    );
    let weeks =
        |i: usize| stats.interrupters[i].weeks.iter().map(|w| (w.held, w.broke_through)).collect::<Vec<_>>();
    assert_eq!(weeks(0), [(4, 0), (0, 0)], "Sunday night is still the first week");
    assert_eq!(weeks(1), [(0, 1), (1, 0)], "Monday 00:30 local is the second");
    assert_eq!(stats.interrupters[1].weeks.len(), stats.weeks.len(), "aligned with the weeks");
}
