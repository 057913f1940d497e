//! Focus, status, inbox paging, triage one and many, search, settings, export and events.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::client::Server;

#[test]
fn focus_blocks_start_extend_and_stop_over_the_api() {
    let server = Server::start();
    let block = server.call("POST", "/v1/focus/start", r#"{"duration_secs": 1500, "intent": "write"}"#);
    assert_eq!(block.status, 200, "{}", block.body);
    assert_eq!(server.call("GET", "/v1/status", "").json()["mode"], "focus");
    let again = server.call("POST", "/v1/focus/start", r#"{"duration_secs": 60}"#);
    assert_eq!((again.status, again.code()), (409, "focus_already_running".into()));
    let extended = server.call("POST", "/v1/focus/extend", r#"{"secs": 600}"#).json();
    assert_eq!(extended["planned_secs"], 2100);
    assert_eq!(server.call("POST", "/v1/focus/stop", "").json()["outcome"], "cancelled");
    let nothing = server.call("POST", "/v1/focus/stop", "");
    assert_eq!((nothing.status, nothing.code()), (409, "no_focus_running".into()));
    let bad = server.call("POST", "/v1/focus/start", r#"{"duration_secs": 0}"#);
    assert_eq!((bad.status, bad.code()), (400, "invalid_duration".into()));
}

#[test]
fn focus_proposals_are_listed_accepted_moved_and_skipped_and_bad_answers_are_refused() {
    let server = Server::start();
    assert_eq!(server.call("GET", "/v1/focus/proposals", "").json(), serde_json::json!([]), "off by default");
    let mut settings = server.call("GET", "/v1/settings", "").json();
    settings["focus_time"] =
        serde_json::json!({"daily_minutes": 100, "block_minutes": 50, "ics_file": false});
    assert_eq!(server.call("PUT", "/v1/settings", &settings.to_string()).status, 200);
    // Wednesday 25 November 2026, 10:00 in Berlin: the morning is free.
    let listed = server.call("GET", "/v1/focus/proposals", "").json();
    let starts: Vec<&str> =
        listed.as_array().expect("a list").iter().filter_map(|p| p["start"].as_str()).collect();
    assert_eq!(starts, ["2026-11-25T09:00:00Z", "2026-11-25T10:00:00Z"]);
    assert_eq!(server.call("GET", "/v1/status", "").json()["proposals"], listed, "the status has them too");

    let accepted = server.call("POST", "/v1/focus/proposals/accept", r#"{"start": "2026-11-25T10:00:00Z"}"#);
    assert_eq!(accepted.status, 200, "{}", accepted.body);
    assert_eq!(accepted.json()["accepted"], true);
    let moved = server.call(
        "POST",
        "/v1/focus/proposals/move",
        r#"{"start": "2026-11-25T10:00:00Z", "to": "2026-11-25T13:00:00Z"}"#,
    );
    assert_eq!(
        (moved.status, moved.json()["end"].clone()),
        (200, serde_json::json!("2026-11-25T13:50:00Z")),
        "{}",
        moved.body
    );
    let skipped = server.call("POST", "/v1/focus/proposals/skip", r#"{"start": "2026-11-25T09:00:00Z"}"#);
    assert_eq!(skipped.status, 200, "{}", skipped.body);

    let over_lunch = server.call(
        "POST",
        "/v1/focus/proposals/move",
        r#"{"start": "2026-11-25T13:00:00Z", "to": "2026-11-25T10:40:00Z"}"#,
    );
    assert_eq!(
        (over_lunch.status, over_lunch.code()),
        (409, "proposal_conflict".into()),
        "{}",
        over_lunch.body
    );
    let unknown = server.call("POST", "/v1/focus/proposals/accept", r#"{"start": "2026-11-25T15:00:00Z"}"#);
    assert_eq!((unknown.status, unknown.code()), (404, "unknown_proposal".into()));
    for bad in [r#"{"start": "at three"}"#, r#"{"start": "2026-11-25T13:00:00Z", "extra": 1}"#, "{", ""] {
        let answer = server.call("POST", "/v1/focus/proposals/skip", bad);
        assert_eq!(answer.status, 400, "{bad:?}: {}", answer.body);
    }
}

#[test]
fn the_inbox_pages_and_triage_works_for_one_and_many_all_or_nothing() {
    let server = Server::start();
    let ids: Vec<i64> = (0..5)
        .map(|i| {
            server.call("POST", "/v1/messages", &format!(r#"{{"body": "m{i}"}}"#)).json()["id"]
                .as_i64()
                .expect("id")
        })
        .collect();
    let page = server.call("GET", "/v1/inbox?limit=2", "").json();
    assert_eq!(page["messages"].as_array().map(Vec::len), Some(2));
    let next = page["next"].as_str().expect("a next cursor").to_owned();
    let page2 = server.call("GET", &format!("/v1/inbox?limit=2&after={next}"), "").json();
    assert_eq!(page2["messages"][0]["body"], "m2");

    assert_eq!(server.call("POST", &format!("/v1/inbox/{}/done", ids[0]), "").status, 200);
    let unknown = server.call("POST", "/v1/inbox/done", &format!(r#"{{"ids": [{}, 999999]}}"#, ids[1]));
    assert_eq!((unknown.status, unknown.code()), (404, "unknown_message".into()));
    assert_eq!(
        server.call("GET", &format!("/v1/inbox/{}", ids[1]), "").json()["state"],
        "delivered",
        "nothing changed"
    );
    let bulk = server.call("POST", "/v1/inbox/done", &format!(r#"{{"ids": [{}, {}]}}"#, ids[1], ids[2]));
    assert_eq!(bulk.status, 200, "{}", bulk.body);
    let pinned =
        server.call("POST", &format!("/v1/inbox/{}/pin", ids[3]), r#"{"due": "2026-11-27T09:00:00Z"}"#);
    assert_eq!(pinned.status, 200, "{}", pinned.body);
    let snooze = server.call("POST", &format!("/v1/inbox/{}/snooze", ids[4]), r#"{"until": "next_workday"}"#);
    assert_eq!(
        (snooze.status, snooze.json()["until"].as_str()),
        (200, Some("2026-11-26T08:00:00Z")),
        "{}",
        snooze.body
    );
    let left = server.call("GET", "/v1/inbox", "").json();
    assert_eq!(left["messages"].as_array().map(Vec::len), Some(1), "done and snoozed are out of sight");
    assert_eq!(server.call("GET", "/v1/inbox/123456", "").code(), "unknown_message");
}

#[test]
fn unsnooze_the_grouped_inbox_and_stats_are_served_like_the_window_has_them() {
    let server = Server::start();
    for (sender, body) in [("CI", "build 1"), ("CI", "build 2"), ("Alice", "lunch?")] {
        let json = format!(r#"{{"sender": "{sender}", "body": "{body}"}}"#);
        assert_eq!(server.call("POST", "/v1/messages", &json).status, 200);
    }
    let groups = server.call("GET", "/v1/inbox/groups", "").json();
    let list = groups["groups"].as_array().unwrap_or_else(|| panic!("groups: {groups}"));
    assert_eq!(list.len(), 2, "CI and Alice: {groups}");
    let ci = list.iter().find(|g| g["key"]["who"] == "CI").expect("the CI group");
    assert_eq!(ci["count"], 2);

    let page = server.call("GET", "/v1/inbox/group?source=api&who=CI", "").json();
    let ids: Vec<i64> =
        page["messages"].as_array().expect("messages").iter().filter_map(|m| m["id"].as_i64()).collect();
    assert_eq!(ids.len(), 2, "{page}");
    let bad = server.call("GET", "/v1/inbox/group?source=fax&who=CI", "");
    assert_eq!((bad.status, bad.code()), (400, "invalid_request".into()), "{}", bad.body);

    let snoozed =
        server.call("POST", &format!("/v1/inbox/{}/snooze", ids[0]), r#"{"until": "next_workday"}"#);
    assert_eq!(snoozed.status, 200, "{}", snoozed.body);
    let back = server.call("POST", "/v1/inbox/unsnooze", &format!(r#"{{"ids": [{}]}}"#, ids[0]));
    assert_eq!(back.status, 200, "{}", back.body);
    assert_eq!(
        server.call("GET", &format!("/v1/inbox/{}", ids[0]), "").json()["state"],
        "delivered",
        "as it was"
    );

    let stats = server.call("GET", "/v1/stats?weeks=2", "").json();
    assert_eq!(stats["weeks"].as_array().map(Vec::len), Some(2), "{stats}");
    let refused = server.call("GET", "/v1/stats?weeks=0", "");
    assert_eq!((refused.status, refused.code()), (400, "invalid_request".into()));
}

#[test]
fn the_review_windows_views_and_helpers_are_served_and_refuse_bad_input() {
    let server = Server::start();
    let ids: Vec<i64> = (0..3)
        .map(|i| {
            let json = format!(r#"{{"sender": "CI", "body": "build {i}"}}"#);
            server.call("POST", "/v1/messages", &json).json()["id"].as_i64().expect("id")
        })
        .collect();
    assert_eq!(server.call("POST", &format!("/v1/inbox/{}/done", ids[0]), "").status, 200);
    let done = server.call("GET", "/v1/inbox?view=done", "").json();
    assert_eq!(done["messages"][0]["id"], ids[0], "the done view: {done}");
    let bad_view = server.call("GET", "/v1/inbox?view=later", "");
    assert_eq!((bad_view.status, bad_view.code()), (400, "invalid_request".into()), "{}", bad_view.body);

    let group = r#"{"group": {"source": "api", "who": "CI", "thread": ""}}"#;
    let all = server.call("POST", "/v1/inbox/done-all", group).json();
    assert_eq!(all["ids"], serde_json::json!([ids[1], ids[2]]), "{all}");
    let neither = server.call("POST", "/v1/inbox/done-all", "{}");
    assert_eq!((neither.status, neither.code()), (400, "invalid_request".into()));
    let garbage = server.call("POST", "/v1/inbox/done-all", "{not json");
    assert_eq!((garbage.status, garbage.code()), (400, "invalid_json".into()));

    let story = server.call("GET", &format!("/v1/inbox/{}/story", ids[0]), "").json();
    assert_eq!((story["block"].is_null(), story["digest"].is_null()), (true, true), "{story}");
    assert_eq!(server.call("GET", "/v1/inbox/999999/story", "").code(), "unknown_message");
    assert_eq!(server.call("GET", &format!("/v1/inbox/{}/plot", ids[0]), "").status, 404);

    assert_eq!(server.call("POST", "/v1/inbox/reviewed", "").status, 200);
    let overview = server.call("GET", "/v1/inbox/groups", "").json();
    assert!(overview["reviewed_at"].is_string(), "{overview}");
    assert_eq!((overview["done"].as_i64(), overview["pinned"].as_i64()), (Some(3), Some(0)));

    let choices = server.call("GET", "/v1/snooze-choices", "").json();
    assert_eq!(choices[0]["key"], "in_an_hour", "no block: {choices}");
    let when = server.call("POST", "/v1/when", r#"{"text": "in 2h"}"#);
    assert_eq!(when.status, 200, "{}", when.body);
    let unreadable = server.call("POST", "/v1/when", r#"{"text": "someday"}"#);
    assert_eq!((unreadable.status, unreadable.code()), (400, "invalid_time".into()));
    let huge = format!(r#"{{"text": "{}"}}"#, "9".repeat(100_000));
    assert_eq!(
        server.call("POST", "/v1/when", &huge).code(),
        "invalid_time",
        "a long text is only unreadable"
    );
}

#[test]
fn search_settings_and_export() {
    let server = Server::start();
    server.call(
        "POST",
        "/v1/messages",
        r#"{"sender": "Alice", "title": "Lunch", "body": "noon at the café?"}"#,
    );
    let hits = server.call("GET", "/v1/search?q=cafe", "").json();
    assert_eq!(hits.as_array().map(Vec::len), Some(1));
    assert_eq!(server.call("GET", "/v1/search?q=%20", "").code(), "invalid_query");
    let bad_query = server.call("GET", "/v1/inbox?limit=many", "");
    assert_eq!(
        (bad_query.status, bad_query.code()),
        (400, "invalid_request".into()),
        "bad query parameters are JSON errors too"
    );

    let mut settings = server.call("GET", "/v1/settings", "").json();
    settings["retention_days"] = serde_json::json!(0);
    let refused = server.call("PUT", "/v1/settings", &settings.to_string());
    assert_eq!((refused.status, refused.code()), (400, "invalid_settings".into()));
    assert_eq!(refused.json()["field"], "retention_days", "the answer names the field at fault");
    settings["retention_days"] = serde_json::json!(30);
    assert_eq!(server.call("PUT", "/v1/settings", &settings.to_string()).json()["retention_days"], 30);

    let json = server.call("GET", "/v1/export?format=json&date=2026-11-25", "").json();
    assert_eq!(json["messages"].as_array().map(Vec::len), Some(1));
    let csv = server.call("GET", "/v1/export?format=csv", "");
    assert!(csv.body.starts_with("kind,id,time") && csv.body.contains("Alice"), "{}", csv.body);
    assert!(csv.body.contains(",delivered,delivered,"), "states as the API names them: {}", csv.body);
    let markdown = server.call("GET", "/v1/export?format=markdown&date=2026-11-25", "");
    assert!(markdown.body.contains("# Wednesday 25 November 2026"), "{}", markdown.body);
    assert_eq!(server.call("GET", "/v1/export?format=pdf", "").code(), "invalid_request");
}

#[test]
fn an_export_of_everything_streams_every_message_once_in_order() {
    let server = Server::start();
    server.call("POST", "/v1/focus/start", r#"{"duration_secs": 600, "intent": "write"}"#);
    let count = 1_234; // more than two pages
    for i in 0..count {
        let body = format!(r#"{{"sender": "CI", "body": "build {i}, \"quoted\", a,b"}}"#);
        assert_eq!(server.call("POST", "/v1/messages", &body).status, 200);
    }
    let answer = server.call("GET", "/v1/export?format=json", "");
    assert!(
        answer.head.to_ascii_lowercase().contains("transfer-encoding: chunked"),
        "streamed: {}",
        answer.head
    );
    let json = answer.json();
    let ids: Vec<i64> =
        json["messages"].as_array().expect("messages").iter().filter_map(|m| m["id"].as_i64()).collect();
    assert_eq!(ids.len(), count, "every message");
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "once each, oldest first");
    assert_eq!(json["blocks"].as_array().map(Vec::len), Some(1), "and the block");
    assert_eq!(json["date"], serde_json::Value::Null);

    let csv = server.call("GET", "/v1/export?format=csv", "").body;
    let rows = csv.lines().filter(|l| l.starts_with("message,")).count();
    assert_eq!(rows, count, "a CSV row per message");
    assert_eq!(csv.lines().filter(|l| l.starts_with("block,")).count(), 1);
}

#[test]
fn the_event_stream_starts_with_the_status_and_follows_every_change() {
    let server = Server::start();
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).expect("connects");
    stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    write!(
        stream,
        "GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nAuthorization: Bearer {}\r\n\r\n",
        server.port, server.token
    )
    .expect("request");
    let mut lines = BufReader::new(stream).lines();
    let mut next_event = || {
        let mut name = String::new();
        loop {
            let line = lines.next().expect("the stream goes on").expect("a line");
            if let Some(event) = line.strip_prefix("event: ") {
                name = event.to_owned();
            }
            if let Some(data) = line.strip_prefix("data: ") {
                return (name, serde_json::from_str::<serde_json::Value>(data).expect("JSON data"));
            }
        }
    };
    let (name, status) = next_event();
    assert_eq!((name.as_str(), status["mode"].as_str()), ("status", Some("open")));
    server.call("POST", "/v1/focus/start", r#"{"duration_secs": 600}"#);
    let events: Vec<(String, serde_json::Value)> = (0..3).map(|_| next_event()).collect();
    let changes: Vec<&str> =
        events.iter().filter(|(n, _)| n == "change").filter_map(|(_, c)| c["type"].as_str()).collect();
    assert_eq!(changes, ["started", "mode_changed"], "every change, in order: {events:?}");
    let statuses: Vec<&str> =
        events.iter().filter(|(n, _)| n == "status").filter_map(|(_, s)| s["mode"].as_str()).collect();
    assert_eq!(statuses, ["focus"], "and the new status once, not repeated when unchanged");
}

#[test]
fn hooks_run_on_focus_start_focus_end_and_mode_change_with_the_details() {
    let server = Server::start();
    let dir = tempfile::tempdir().expect("temp dir");
    let log = dir.path().join("hooks.log");
    let line = r#"echo "$LULL_EVENT|$LULL_INTENT|$LULL_OUTCOME|$LULL_FROM>$LULL_TO" >> "#.to_owned()
        + &log.display().to_string();
    let mut settings = server.call("GET", "/v1/settings", "").json();
    settings["hooks"] = serde_json::json!([
        {"on": "focus_start", "command": line},
        {"on": "focus_end", "command": line},
        {"on": "mode_change", "command": line},
        {"on": "focus_start", "command": "sleep 60"},
    ]);
    server.set_settings_locally(settings);
    let started = std::time::Instant::now();
    server.call("POST", "/v1/focus/start", r#"{"duration_secs": 600, "intent": "write"}"#);
    assert!(started.elapsed() < Duration::from_secs(5), "a slow hook does not hold up the answer");
    server.call("POST", "/v1/focus/stop", "");
    let until = std::time::Instant::now() + Duration::from_secs(10);
    let mut lines = Vec::new();
    while std::time::Instant::now() < until {
        lines =
            std::fs::read_to_string(&log).unwrap_or_default().lines().map(str::to_owned).collect::<Vec<_>>();
        if lines.len() >= 4 {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    lines.sort();
    assert_eq!(
        lines,
        [
            "focus_end|write|cancelled|>",
            "focus_start|write||>",
            "mode_change|||focus>open",
            "mode_change|||open>focus"
        ],
        "each hook ran once with its details"
    );
}
