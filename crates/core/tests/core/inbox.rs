//! Messages through the policy: held, delivered, broken through, released with one digest;
//! dedupe, search, batched delivery, the review, retention, and bad input. Triage is `triage.rs`.

use lull_core::message::MAX_BODY_BYTES;
use lull_core::request::InboxList;
use lull_core::settings::Delivery;
use lull_core::{
    Change, Decision, DigestReason, ErrorCode, MessageState, Mode, NewMessage, Settings, Source, TimeOfDay,
};

use crate::support::{Fixture, digests, from, mins, tick, utc};

fn urgent(sender: &str, body: &str) -> NewMessage {
    NewMessage { priority: Some(5), ..from(sender, body) }
}

#[test]
fn a_message_during_a_block_is_held_and_released_by_the_blocks_end_with_one_digest() {
    let fx = Fixture::new(); // Wednesday 10:00 in Berlin: work hours
    let mut lull = fx.lull();
    let block = lull.start_focus(25 * 60, Some("write")).expect("start");
    tick(&mut lull);
    assert_eq!(lull.mode().expect("mode"), Mode::Focus);

    let mut ids = Vec::new();
    for (sender, body) in [("CI", "build 1 failed"), ("Alice", "lunch?"), ("CI", "build 2 passed")] {
        let (receipt, _) = lull.receive(from(sender, body)).expect("received");
        assert_eq!(receipt.decision, Decision::Held, "{body} is held during the block");
        assert_eq!(receipt.release_at, Some(block.deadline), "the sender is told: at the end of the block");
        ids.push(receipt.id);
    }
    assert_eq!(lull.status().expect("status").held, 3);

    fx.clock.advance(mins(25));
    let changes = tick(&mut lull);
    let released = digests(&changes);
    assert_eq!(released.len(), 1, "exactly one digest: {changes:?}");
    let digest = &released[0];
    assert_eq!(digest.count, 3);
    assert_eq!(digest.reason, DigestReason::Focus);
    assert_eq!(digest.text, "3 held while you focused: 2 from CI, 1 from Alice");
    assert!(changes.contains(&Change::ModeChanged { from: Mode::Focus, to: Mode::Open }));
    for id in ids {
        let m = lull.message(id).expect("message");
        assert_eq!(
            (m.state, m.digest_id),
            (MessageState::Released, Some(digest.id)),
            "message {id} released once"
        );
    }
    assert!(digests(&tick(&mut lull)).is_empty(), "a second tick releases nothing");
}

#[test]
fn a_message_at_22_00_is_held_until_tomorrows_first_window() {
    let fx = Fixture::at(utc(2026, 11, 25, 21, 0, 0)); // 22:00 in Berlin
    let mut lull = fx.lull();
    assert_eq!(lull.mode().expect("mode"), Mode::Quiet);
    let (receipt, _) = lull.receive(from("Bob", "are you there?")).expect("received");
    assert_eq!(receipt.decision, Decision::Held);
    let nine_tomorrow = utc(2026, 11, 26, 8, 0, 0);
    assert_eq!(receipt.release_at, Some(nine_tomorrow), "held until 09:00 tomorrow");
    assert_eq!(
        lull.next_wakeup().into_result().expect("wakeup"),
        Some(nine_tomorrow),
        "the engine sleeps until then"
    );

    fx.clock.set(nine_tomorrow);
    let changes = tick(&mut lull);
    let released = digests(&changes);
    assert_eq!(released.len(), 1);
    assert_eq!(released[0].reason, DigestReason::Quiet);
    assert_eq!(released[0].text, "1 held outside work hours: 1 from Bob");
}

#[test]
fn working_late_opens_quiet_hours_and_expires_by_itself() {
    let fx = Fixture::at(utc(2026, 11, 25, 17, 0, 0)); // 18:00 in Berlin, after hours
    let mut lull = fx.lull();
    let (held, _) = lull.receive(from("Ops", "deploy done")).expect("received");
    assert_eq!(held.decision, Decision::Held);

    let until = lull.working_late("19:00".parse().expect("time")).expect("working late");
    assert_eq!(until, utc(2026, 11, 25, 18, 0, 0));
    let changes = tick(&mut lull);
    assert!(changes.contains(&Change::ModeChanged { from: Mode::Quiet, to: Mode::Open }));
    assert_eq!(digests(&changes).len(), 1, "what was held is released on entering Open");
    let (now, _) = lull.receive(from("Ops", "rollback?")).expect("received");
    assert_eq!(now.decision, Decision::Delivered, "delivered while working late");
    assert_eq!(
        lull.status().expect("status").next_change.map(|c| (c.at, c.mode)),
        Some((until, Mode::Quiet))
    );

    fx.clock.set(until);
    let changes = tick(&mut lull);
    assert!(changes.contains(&Change::ModeChanged { from: Mode::Open, to: Mode::Quiet }), "{changes:?}");
    let (later, _) = lull.receive(from("Ops", "all good")).expect("received");
    assert_eq!(later.decision, Decision::Held, "quiet again after 19:00");
}

#[test]
fn done_for_today_is_quiet_until_the_next_workday() {
    let fx = Fixture::new(); // Wednesday 10:00 Berlin
    let mut lull = fx.lull();
    let until = lull.done_for_today().expect("done for today");
    assert_eq!(until, utc(2026, 11, 26, 8, 0, 0), "Thursday 09:00, not this afternoon's window");
    tick(&mut lull);
    assert_eq!(lull.mode().expect("mode"), Mode::Quiet);
    let (receipt, _) = lull.receive(from("Alice", "one more thing")).expect("received");
    assert_eq!((receipt.decision, receipt.release_at), (Decision::Held, Some(until)));
}

#[test]
fn priority_five_breaks_through_focus_but_not_quiet_hours() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    lull.start_focus(3600, None).expect("start");
    tick(&mut lull);
    let (receipt, _) = lull.receive(urgent("pager", "prod is down")).expect("received");
    assert_eq!(receipt.decision, Decision::BrokeThrough);
    assert_eq!(receipt.release_at, None);
    let status = lull.status().expect("status");
    assert_eq!(status.block_breakthroughs, 1, "counted for the block");
    assert_eq!(status.today.messages_broke_through, 1, "and for the day");

    fx.clock.set(utc(2026, 11, 25, 22, 0, 0)); // 23:00 Berlin
    tick(&mut lull);
    let (night, _) = lull.receive(urgent("pager", "disk full")).expect("received");
    assert_eq!(night.decision, Decision::Held, "the default rule does not break quiet hours");
}

#[test]
fn rules_are_tried_in_order_and_the_first_match_decides() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let mut settings = lull.settings().clone();
    let never_ci: lull_core::rules::BreakthroughRule =
        serde_json::from_value(serde_json::json!({"sender": "CI", "focus": false, "quiet": false}))
            .expect("rule");
    let alice_always: lull_core::rules::BreakthroughRule =
        serde_json::from_value(serde_json::json!({"sender": "alice", "focus": true, "quiet": true}))
            .expect("rule");
    settings.rules.insert(0, never_ci);
    settings.rules.push(alice_always);
    lull.update_settings(settings).expect("valid settings");
    lull.start_focus(3600, None).expect("start");
    tick(&mut lull);
    assert_eq!(
        lull.receive(urgent("CI", "red")).expect("ok").0.decision,
        Decision::Held,
        "the earlier rule shadows priority 5"
    );
    assert_eq!(lull.receive(from("Alice", "hi")).expect("ok").0.decision, Decision::BrokeThrough);
}

#[test]
fn the_same_dedupe_key_twice_is_one_message() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let message = NewMessage { dedupe_key: Some("build-42".into()), ..from("CI", "build 42 failed") };
    let (first, stored) = lull.receive(message.clone()).expect("first");
    assert!(stored.is_some() && !first.duplicate);
    let (second, stored) =
        lull.receive(NewMessage { body: "changed body".into(), ..message.clone() }).expect("second");
    assert_eq!(second.id, first.id, "the second call returns the first id");
    assert!(second.duplicate && stored.is_none(), "and changes nothing");
    assert_eq!(lull.message(first.id).expect("message").body, "build 42 failed");
    let other_source = NewMessage { source: Some(Source::Ntfy), ..message };
    assert_ne!(lull.receive(other_source).expect("third").0.id, first.id, "dedupe is per source");
}

#[test]
fn bad_messages_are_refused_with_a_code_and_nothing_is_stored() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let cases = [
        (NewMessage { priority: Some(0), ..from("a", "b") }, ErrorCode::InvalidPriority),
        (NewMessage { priority: Some(6), ..from("a", "b") }, ErrorCode::InvalidPriority),
        (NewMessage::new(Source::Api, "   "), ErrorCode::InvalidMessage),
        (NewMessage::new(Source::Api, "x".repeat(MAX_BODY_BYTES + 1)), ErrorCode::MessageTooLarge),
        (NewMessage { sender: Some("s".repeat(257)), ..from("a", "b") }, ErrorCode::InvalidMessage),
        (NewMessage { tags: vec!["t".into(); 33], ..from("a", "b") }, ErrorCode::InvalidMessage),
    ];
    for (message, code) in cases {
        assert_eq!(lull.receive(message).expect_err("refused").code, code);
    }
    assert_eq!(
        lull.inbox(&InboxList { snoozed: true, ..Default::default() }).expect("inbox").messages.len(),
        0,
        "nothing stored"
    );
    let (ok, _) =
        lull.receive(NewMessage::new(Source::Api, "x".repeat(MAX_BODY_BYTES))).expect("1 MiB is fine");
    assert!(ok.id > 0);
}

#[test]
fn the_inbox_pages_newest_first_with_a_cursor() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    for i in 0..7 {
        lull.receive(from("a", &format!("m{i}"))).expect("ok");
        fx.clock.advance(chrono::TimeDelta::seconds(1));
    }
    let first = lull.inbox(&InboxList { limit: Some(3), ..Default::default() }).expect("page");
    let bodies: Vec<_> = first.messages.iter().map(|m| m.body.as_str()).collect();
    assert_eq!(bodies, ["m6", "m5", "m4"]);
    let second = lull
        .inbox(&InboxList { after: first.next.clone(), limit: Some(3), ..Default::default() })
        .expect("page");
    assert_eq!(second.messages.iter().map(|m| m.body.as_str()).collect::<Vec<_>>(), ["m3", "m2", "m1"]);
    let last = lull
        .inbox(&InboxList { after: second.next.clone(), limit: Some(3), ..Default::default() })
        .expect("page");
    assert_eq!((last.messages.len(), last.next), (1, None));
    assert_eq!(
        lull.inbox(&InboxList { after: Some("garbage".into()), ..Default::default() })
            .expect_err("bad cursor")
            .code,
        ErrorCode::InvalidRequest
    );
}

#[test]
fn search_finds_words_in_sender_title_and_body_newest_first() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    lull.receive(NewMessage { title: Some("Deploy finished".into()), ..from("CI", "all green") })
        .expect("ok");
    lull.receive(from("Alice", "can we talk about the deployment?")).expect("ok");
    lull.receive(from("Bob", "café at noon")).expect("ok");
    let hits = |q: &str| {
        lull.search(q, None, None)
            .expect("search")
            .iter()
            .map(|m| m.sender.clone().unwrap_or_default())
            .collect::<Vec<_>>()
    };
    assert_eq!(hits("deploy"), ["Alice", "CI"], "prefix match on the last word, newest first");
    assert_eq!(hits("alice"), ["Alice"], "sender is searched");
    assert_eq!(hits("cafe"), ["Bob"], "diacritics are folded");
    assert_eq!(hits("\"deploy\" OR NOT"), Vec::<String>::new(), "operators are literal words");
    assert_eq!(lull.search("  ", None, None).expect_err("empty").code, ErrorCode::InvalidQuery);
}

#[test]
fn batched_delivery_holds_messages_until_the_next_batch_time() {
    let fx = Fixture::new(); // 10:00 Berlin
    let mut lull = fx.lull();
    let settings = Settings {
        delivery: Delivery::Batched { every_minutes: None, at: vec!["10:30".parse().expect("t")] },
        ..lull.settings().clone()
    };
    lull.update_settings(settings).expect("valid");
    let (receipt, _) = lull.receive(from("CI", "nightly")).expect("ok");
    let batch = utc(2026, 11, 25, 9, 30, 0);
    assert_eq!((receipt.decision, receipt.release_at), (Decision::Held, Some(batch)));
    assert_eq!(lull.receive(urgent("pager", "down")).expect("ok").0.decision, Decision::BrokeThrough);
    assert_eq!(lull.next_wakeup().into_result().expect("wakeup"), Some(batch));
    fx.clock.set(batch);
    let digest = &digests(&tick(&mut lull))[0];
    assert_eq!((digest.reason, digest.count), (DigestReason::Batch, 1));
}

#[test]
fn the_daily_review_comes_once_thirty_minutes_before_the_last_window_ends() {
    let fx = Fixture::at(utc(2026, 11, 25, 15, 0, 0)); // 16:00 Berlin; last window ends 17:30
    let mut lull = fx.lull();
    lull.receive(from("a", "b")).expect("ok");
    let review = utc(2026, 11, 25, 16, 0, 0);
    assert_eq!(lull.next_wakeup().into_result().expect("wakeup"), Some(review));
    fx.clock.set(review);
    let changes = tick(&mut lull);
    assert!(changes.contains(&Change::ReviewDue { count: 1 }), "{changes:?}");
    fx.clock.advance(mins(5));
    assert!(!tick(&mut lull).iter().any(|c| matches!(c, Change::ReviewDue { .. })), "once a day");
}

#[test]
fn done_messages_older_than_the_retention_are_pruned() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let settings = Settings { retention_days: Some(7), ..lull.settings().clone() };
    lull.update_settings(settings).expect("valid");
    let old = lull.receive(from("a", "old")).expect("ok").0.id;
    let kept = lull.receive(from("a", "kept")).expect("ok").0.id;
    lull.done(&[old]).expect("done");
    fx.clock.advance(chrono::TimeDelta::days(8));
    tick(&mut lull);
    assert_eq!(lull.message(old).expect_err("pruned").code, ErrorCode::UnknownMessage);
    assert!(lull.message(kept).is_ok(), "not-done messages stay whatever their age");
}

#[test]
fn a_crash_between_the_digest_and_its_announcement_neither_loses_nor_repeats_it() {
    let fx = Fixture::new();
    let digest = {
        let mut lull = fx.lull();
        lull.start_focus(60, None).expect("start");
        lull.receive(from("CI", "red")).expect("ok");
        fx.clock.advance(mins(2));
        // The process dies right after this tick: the release and the digest are committed,
        // the announcement (mark_digests_announced) never happened.
        digests(&tick(&mut lull)).remove(0)
    };
    let (mut lull, changes) = fx.open();
    assert_eq!(digests(&changes), vec![digest.clone()], "announced after the restart, the same digest");
    assert_eq!(lull.status().expect("status").held, 0, "released once, not again");
    lull.mark_digests_announced().expect("announced");
    let (_, again) = fx.open();
    assert!(digests(&again).is_empty(), "and never again");
}

#[test]
fn invalid_settings_are_refused_and_nothing_changes() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let before = lull.settings().clone();
    let bad: [(serde_json::Value, ErrorCode); 5] = [
        (
            serde_json::json!({"work_hours": {"week": {"monday": [{"start": "17:00", "end": "09:00"}]}}}),
            ErrorCode::InvalidWorkHours,
        ),
        (serde_json::json!({"rules": [{"focus": true, "quiet": true}]}), ErrorCode::InvalidRule),
        (
            serde_json::json!({"schedule": [{"days": ["monday"], "start": "10:00", "end": "09:00"}]}),
            ErrorCode::InvalidSchedule,
        ),
        (serde_json::json!({"retention_days": 0}), ErrorCode::InvalidSettings),
        (serde_json::json!({"delivery": {"mode": "batched"}}), ErrorCode::InvalidSettings),
    ];
    for (json, code) in bad {
        let settings: Settings = serde_json::from_value(json.clone()).expect("parses");
        assert_eq!(lull.update_settings(settings).expect_err("refused").code, code, "{json}");
    }
    assert_eq!(lull.settings(), &before, "unchanged in memory");
    assert_eq!(fx.lull().settings(), &before, "and on disk");
    assert_eq!(lull.working_late(TimeOfDay::END_OF_DAY).map(|_| ()), Ok(()));
}

#[test]
fn a_message_keeps_its_app_icon_and_buttons_and_bad_ones_cost_nothing_or_are_refused() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let button = |label: &str, url: &str| lull_core::MessageAction { label: label.into(), url: url.into() };
    let captured = NewMessage {
        app: Some("org.gnome.Evolution.desktop".into()),
        icon: Some("mail-unread".into()),
        actions: vec![button(" Open PR ", "https://github.com/o/r/pull/1")],
        ..from("Evolution", "1 new mail")
    };
    let (receipt, _) = lull.receive(captured).expect("received");
    let stored = lull.message(receipt.id).expect("stored");
    assert_eq!(stored.app.as_deref(), Some("org.gnome.Evolution"), "the desktop entry's id");
    assert_eq!(stored.icon.as_deref(), Some("mail-unread"));
    assert_eq!(stored.actions, [button("Open PR", "https://github.com/o/r/pull/1")]);

    // What another app's hint says is not trusted: a path is no desktop entry.
    let odd = NewMessage { app: Some("../../usr/bin/evil".into()), ..from("x", "y") };
    let (receipt, _) = lull.receive(odd).expect("received all the same");
    assert_eq!(lull.message(receipt.id).expect("stored").app, None);

    for actions in [
        vec![button("Run", "javascript:alert(1)")],
        vec![button("", "https://example.org")],
        (0..4).map(|n| button(&format!("b{n}"), "https://example.org")).collect(),
    ] {
        let err = lull.receive(NewMessage { actions, ..from("x", "y") }).expect_err("refused");
        assert_eq!(err.code, ErrorCode::InvalidMessage, "{err}");
    }
}
