//! Publish tokens over HTTP: what each token may call, what a message records, scopes, caps,
//! revocation, and hooks, which neither token may change over HTTP.

use lull_core::command::COMMANDS;

use crate::client::{Answer, Server};

/// Makes a publish token over HTTP (with the control token); its secret.
fn publish_token(server: &Server, request: serde_json::Value) -> String {
    let made = server.call("POST", "/v1/tokens", &request.to_string());
    assert_eq!(made.status, 200, "{}", made.body);
    made.json()["secret"].as_str().expect("a secret").to_owned()
}

fn as_publisher(server: &Server, secret: &str, method: &str, path: &str, body: &str) -> Answer {
    let auth = format!("Bearer {secret}");
    server.raw(
        method,
        path,
        &[("Authorization", &auth), ("Content-Type", "application/json")],
        body.as_bytes(),
    )
}

/// The publishing endpoints, with a body each takes.
const PUBLISHING: &[(&str, &str, &str)] = &[
    ("POST", "/v1/messages", r#"{"title": "via Lull", "body": "deploy done"}"#),
    ("POST", "/message", r#"{"title": "via Gotify", "message": "backup done", "priority": 5}"#),
    ("POST", "/", r#"{"topic": "backups", "message": "ntfy JSON"}"#),
    ("PUT", "/backups", "ntfy PUT"),
    ("POST", "/backups", "ntfy POST"),
];

#[test]
fn a_publish_token_may_publish_everywhere_a_tool_publishes_and_nothing_else() {
    let server = Server::start();
    let secret = publish_token(&server, serde_json::json!({"name": "CI"}));
    assert!(secret.starts_with("lullp_") && secret.len() == 70, "{secret}");
    for (method, path, body) in PUBLISHING {
        let answer = as_publisher(&server, &secret, method, path, body);
        assert_eq!(answer.status, 200, "{method} {path} with a publish token: {}", answer.body);
    }
    for command in COMMANDS {
        let Some(route) = command.http.at() else { continue };
        let (method, path) = route.split_once(' ').expect("METHOD /path");
        let path = path.replace("{id}", "1");
        let none = server.raw(method, &path, &[], b"{}");
        assert_eq!((none.status, none.code()), (401, "unauthorized".to_owned()), "{route} without a token");
        if route == "POST /v1/messages" {
            continue;
        }
        let refused = as_publisher(&server, &secret, method, &path, "{}");
        assert_eq!(
            (refused.status, refused.code()),
            (403, "publish_only".to_owned()),
            "{route} with a publish token: {}",
            refused.body
        );
    }
    let inbox = server.call("GET", "/v1/inbox", "").json();
    let messages = inbox["messages"].as_array().expect("messages");
    assert_eq!(messages.len(), PUBLISHING.len(), "each publishing call stored one message, the refused none");
    assert!(messages.iter().all(|m| m["via"] == "CI"), "each says which token sent it: {messages:?}");
}

#[test]
fn the_control_token_sends_as_itself_and_reaches_everything() {
    let server = Server::start();
    let sent = server.call("POST", "/v1/messages", r#"{"body": "from a script of mine"}"#);
    assert_eq!(sent.status, 200);
    let message = server.call("GET", &format!("/v1/inbox/{}", sent.json()["id"]), "").json();
    assert_eq!(message["via"], serde_json::Value::Null, "no publish token sent it");
    assert_eq!(server.call("GET", "/v1/tokens", "").json(), serde_json::json!([]));
}

#[test]
fn a_revoked_token_is_refused_from_the_next_request_and_its_messages_stay() {
    let server = Server::start();
    let secret = publish_token(&server, serde_json::json!({"name": "backup"}));
    assert_eq!(as_publisher(&server, &secret, "PUT", "/nightly", "done").status, 200);
    let revoked = server.call("POST", "/v1/tokens/revoke", r#"{"name": "backup"}"#);
    assert_eq!(revoked.status, 200, "{}", revoked.body);
    assert!(revoked.json()["revoked_at"].is_string());
    let after = as_publisher(&server, &secret, "PUT", "/nightly", "after the revocation");
    assert_eq!((after.status, after.code()), (401, "unauthorized".to_owned()), "the very next request");
    let messages = server.call("GET", "/v1/inbox", "").json()["messages"].clone();
    assert_eq!(messages.as_array().map(Vec::len), Some(1), "what it sent stays: {messages}");
    assert_eq!(messages[0]["via"], "backup");

    let again = server.call("POST", "/v1/tokens/revoke", r#"{"name": "backup"}"#);
    assert_eq!((again.status, again.code()), (404, "unknown_token".to_owned()));
    let renewed = publish_token(&server, serde_json::json!({"name": "backup"}));
    assert_ne!(renewed, secret, "the name is free again, with a new secret");
    let listed = server.call("GET", "/v1/tokens", "").json();
    let states: Vec<(String, bool)> = listed
        .as_array()
        .expect("a list")
        .iter()
        .map(|t| (t["name"].as_str().unwrap_or_default().to_owned(), t["revoked_at"].is_null()))
        .collect();
    assert_eq!(states, [("backup".to_owned(), true), ("backup".to_owned(), false)], "working first");
    assert!(!listed.to_string().contains("lullp_"), "a list never holds a secret: {listed}");
}

#[test]
fn names_are_unique_among_working_tokens_and_bad_requests_name_the_field() {
    let server = Server::start();
    publish_token(&server, serde_json::json!({"name": "CI"}));
    let taken = server.call("POST", "/v1/tokens", r#"{"name": " CI "}"#);
    assert_eq!((taken.status, taken.code()), (409, "token_name_taken".to_owned()));
    for (body, field) in [
        (r#"{"name": ""}"#, "name"),
        (r#"{"name": "x", "topics": ["no/slash"]}"#, "topics[0]"),
        (r#"{"name": "x", "max_priority": 9}"#, "max_priority"),
    ] {
        let answer = server.call("POST", "/v1/tokens", body);
        assert_eq!((answer.status, answer.code()), (400, "invalid_token".to_owned()), "{body}");
        assert_eq!(answer.json()["field"], field, "{body}");
    }
    let unknown_field = server.call("POST", "/v1/tokens", r#"{"name": "x", "scope": "all"}"#);
    assert_eq!((unknown_field.status, unknown_field.code()), (400, "invalid_json".to_owned()));
    assert_eq!(server.call("GET", "/v1/tokens", "").json().as_array().map(Vec::len), Some(1));
}

#[test]
fn a_token_narrowed_to_topics_publishes_only_there_and_its_priority_is_capped() {
    let server = Server::start();
    let secret =
        publish_token(&server, serde_json::json!({"name": "nas", "topics": ["backups*"], "max_priority": 3}));
    let plain = as_publisher(&server, &secret, "POST", "/backups-nightly", "all good");
    assert_eq!(plain.status, 200, "{}", plain.body);
    let auth = format!("Bearer {secret}");
    let urgent = server.raw(
        "POST",
        "/backups-weekly",
        &[("Authorization", &auth), ("X-Priority", "5")],
        b"disk failing",
    );
    assert_eq!(urgent.status, 200, "{}", urgent.body);
    let messages = server.call("GET", "/v1/inbox", "").json()["messages"].clone();
    let priorities: Vec<i64> =
        messages.as_array().expect("messages").iter().filter_map(|m| m["priority"].as_i64()).collect();
    assert_eq!(priorities, [3, 3], "priority 5 came in as 3, the token's highest: {messages}");
    assert!(
        messages.as_array().expect("messages").iter().all(|m| m["decision"] != "broke_through"),
        "so it cannot break through"
    );
    for (method, path, body) in [
        ("POST", "/ci", "outside the topics"),
        ("POST", "/v1/messages", r#"{"body": "no topic at all"}"#),
        ("POST", "/message", r#"{"message": "Gotify has no topic"}"#),
        ("POST", "/", r#"{"topic": "alerts", "message": "JSON to another topic"}"#),
    ] {
        let refused = as_publisher(&server, &secret, method, path, body);
        assert_eq!((refused.status, refused.code()), (403, "token_scope".to_owned()), "{method} {path}");
    }
    assert_eq!(server.call("GET", "/v1/inbox", "").json()["messages"].as_array().map(Vec::len), Some(2));
}

#[test]
fn hooks_cannot_be_changed_over_http_by_either_token_and_the_rest_of_the_settings_can() {
    let server = Server::start();
    let secret = publish_token(&server, serde_json::json!({"name": "CI"}));
    let mut settings = server.call("GET", "/v1/settings", "").json();
    let before = settings.clone();
    settings["hooks"] = serde_json::json!([{"on": "focus_start", "command": "touch /tmp/owned"}]);
    let control = server.call("PUT", "/v1/settings", &settings.to_string());
    assert_eq!((control.status, control.code()), (403, "hooks_local_only".to_owned()), "{}", control.body);
    assert_eq!(control.json()["field"], "hooks");
    let publisher = as_publisher(&server, &secret, "PUT", "/v1/settings", &settings.to_string());
    assert_eq!((publisher.status, publisher.code()), (403, "publish_only".to_owned()));
    assert_eq!(server.call("GET", "/v1/settings", "").json(), before, "nothing changed");

    let mut retention = before.clone();
    retention["retention_days"] = serde_json::json!(7);
    let kept = server.call("PUT", "/v1/settings", &retention.to_string());
    assert_eq!(kept.status, 200, "the same hooks and another change: {}", kept.body);
    assert_eq!(kept.json()["retention_days"], 7);
}
