//! Sending: Lull's JSON, ntfy publishing exactly as ntfy's documentation shows it, Gotify.

use crate::client::Server;

#[test]
fn a_message_is_answered_with_its_id_and_what_happened() {
    let server = Server::start(); // Open
    let answer = server.call(
        "POST",
        "/v1/messages",
        r#"{"sender": "CI", "title": "Build failed", "body": "main is red", "priority": 4, "tags": ["ci"]}"#,
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    let receipt = answer.json();
    assert_eq!(receipt["decision"], "delivered");
    assert!(receipt["id"].as_i64().is_some_and(|id| id > 0));

    server.call("POST", "/v1/focus/start", r#"{"duration_secs": 1500, "intent": "write"}"#);
    let held = server.call("POST", "/v1/messages", r#"{"body": "ping"}"#).json();
    assert_eq!(held["decision"], "held");
    assert_eq!(held["release_at"], "2026-11-25T09:25:00Z", "seen at the end of the block");
    let urgent = server.call("POST", "/v1/messages", r#"{"body": "prod down", "priority": 5}"#).json();
    assert_eq!(urgent["decision"], "broke_through");
}

#[test]
fn the_same_dedupe_key_returns_the_first_id() {
    let server = Server::start();
    let first = server.call("POST", "/v1/messages", r#"{"body": "a", "dedupe_key": "k1"}"#).json();
    let second = server.call("POST", "/v1/messages", r#"{"body": "b", "dedupe_key": "k1"}"#).json();
    assert_eq!(first["id"], second["id"]);
    assert_eq!(second["duplicate"], true);
}

#[test]
fn ntfy_publishing_works_as_ntfy_documents_it() {
    let server = Server::start();
    use base64::Engine as _;
    // curl -u :token -H "Title: …" -H "Priority: urgent" -H "Tags: warning,skull" -d "…" host/topic
    let basic =
        format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!(":{}", server.token)));
    let answer = server.raw(
        "POST",
        "/phil_alerts",
        &[
            ("Authorization", &basic),
            ("Title", "Unauthorized access detected"),
            ("Priority", "urgent"),
            ("Tags", "warning,skull"),
        ],
        b"Remote access to phils-laptop detected. Act right away.",
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    let json = answer.json();
    assert_eq!((json["event"].as_str(), json["topic"].as_str()), (Some("message"), Some("phil_alerts")));
    assert_eq!(
        (json["priority"].as_i64(), json["title"].as_str()),
        (Some(5), Some("Unauthorized access detected"))
    );
    assert_eq!(json["tags"], serde_json::json!(["warning", "skull"]));
    let id: i64 = json["id"].as_str().and_then(|s| s.parse().ok()).expect("an id");
    let stored = server.call("GET", &format!("/v1/inbox/{id}"), "").json();
    assert_eq!(
        (stored["source"].as_str(), stored["source_detail"].as_str()),
        (Some("ntfy"), Some("phil_alerts"))
    );

    // curl -X PUT -H "X-Title: …" -H "X-Priority: 2" -H "X-Click: …" -d "…" host/topic
    let put = server.raw(
        "PUT",
        "/backups",
        &[
            ("Authorization", &basic),
            ("X-Title", "Backup done"),
            ("X-Priority", "2"),
            ("X-Click", "https://backup.example"),
        ],
        b"Backup of /home finished",
    );
    assert_eq!(put.status, 200, "{}", put.body);
    assert_eq!(put.json()["click"], "https://backup.example");

    // JSON to the root URL.
    let json = server.call("POST", "/", r#"{"topic": "mytopic", "message": "Disk space is low", "title": "Low disk", "tags": ["warning"], "priority": 4}"#);
    assert_eq!((json.status, json.json()["topic"].as_str()), (200, Some("mytopic")), "{}", json.body);

    let bad = server.raw("POST", "/alerts", &[("Authorization", &basic), ("Priority", "7")], b"x");
    assert_eq!((bad.status, bad.code()), (400, "invalid_priority".into()));
}

#[test]
fn gotify_messages_map_priority_zero_to_ten_onto_one_to_five() {
    let server = Server::start();
    let key = server.token.clone();
    let answer = server.raw(
        "POST",
        "/message",
        &[("X-Gotify-Key", &key), ("Content-Type", "application/json")],
        br#"{"title": "Gotify", "message": "from a gotify client", "priority": 8}"#,
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    let id = answer.json()["id"].as_i64().expect("an id");
    let stored = server.call("GET", &format!("/v1/inbox/{id}"), "").json();
    assert_eq!((stored["source"].as_str(), stored["priority"].as_i64()), (Some("gotify"), Some(4)));
    let form = server.raw(
        "POST",
        &format!("/message?token={key}"),
        &[("Content-Type", "application/x-www-form-urlencoded")],
        b"title=Form&message=sent+as+a+form&priority=10",
    );
    assert_eq!(form.status, 200, "{}", form.body);
    let id = form.json()["id"].as_i64().expect("an id");
    assert_eq!(server.call("GET", &format!("/v1/inbox/{id}"), "").json()["body"], "sent as a form");
}

#[test]
fn a_full_disk_is_507_nothing_half_written_and_what_was_stored_stays() {
    let server = Server::start_limited(Some(256 * 1024));
    let big = "x".repeat(8000);
    let mut stored = 0;
    let full = loop {
        let answer = server.call(
            "POST",
            "/v1/messages",
            &format!(r#"{{"body": "{big}", "dedupe_key": "m{stored}"}}"#),
        );
        if answer.status != 200 {
            break answer;
        }
        stored += 1;
        assert!(stored < 1000, "the database should have filled up");
    };
    assert_eq!((full.status, full.code()), (507, "disk_full".into()), "{}", full.body);
    assert!(stored > 0, "some messages fit before the disk was full");
    let export = server.call("GET", "/v1/export?format=json", "").json();
    assert_eq!(
        export["messages"].as_array().map(Vec::len),
        Some(stored),
        "every stored message is intact, nothing half-written"
    );
    let retry =
        server.call("POST", "/v1/messages", &format!(r#"{{"body": "{big}", "dedupe_key": "m{stored}"}}"#));
    assert_eq!(retry.status, 507, "a retry is safe: still refused, still nothing stored");
    assert_eq!(server.call("GET", "/v1/status", "").status, 200, "the server keeps serving");
}
