//! Every request needs the token, a loopback Host with the right port, and no Origin; bad bodies
//! get a code; nothing is stored for a refused request and the server keeps serving.

use crate::client::Server;

fn inbox_len(server: &Server) -> usize {
    server.call("GET", "/v1/inbox?snoozed=true", "").json()["messages"].as_array().map_or(0, Vec::len)
}

#[test]
fn no_token_or_a_wrong_token_is_401_and_every_accepted_form_works() {
    let server = Server::start();
    let no_token = server.raw("GET", "/v1/status", &[], b"");
    assert_eq!((no_token.status, no_token.code()), (401, "unauthorized".into()));
    let wrong =
        server.raw("GET", "/v1/status", &[("Authorization", "Bearer 0123456789abcdef0123456789abcdef")], b"");
    assert_eq!(wrong.status, 401);
    let almost = format!("Bearer {}x", server.token);
    assert_eq!(
        server.raw("GET", "/v1/status", &[("Authorization", &almost)], b"").status,
        401,
        "a longer token is wrong"
    );

    use base64::Engine as _;
    let basic =
        format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!(":{}", server.token)));
    let gotify = server.token.clone();
    for headers in [
        vec![("Authorization", format!("Bearer {}", server.token))],
        vec![("Authorization", basic)],
        vec![("X-Gotify-Key", gotify)],
    ] {
        let headers: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(server.raw("GET", "/v1/status", &headers, b"").status, 200, "{headers:?}");
    }
    assert_eq!(server.raw("GET", &format!("/v1/status?token={}", server.token), &[], b"").status, 200);
}

#[test]
fn a_foreign_host_or_any_origin_is_refused_and_no_cors_headers_are_ever_sent() {
    let server = Server::start();
    let auth = format!("Bearer {}", server.token);
    for host in ["evil.example:8737", "127.0.0.1", "localhost:1", &format!("attacker.test:{}", server.port)] {
        let answer = server.raw("GET", "/v1/status", &[("Host", host), ("Authorization", &auth)], b"");
        assert_eq!((answer.status, answer.code()), (403, "forbidden_host".into()), "Host: {host}");
    }
    for host in [format!("localhost:{}", server.port), format!("[::1]:{}", server.port)] {
        assert_eq!(
            server.raw("GET", "/v1/status", &[("Host", &host), ("Authorization", &auth)], b"").status,
            200
        );
    }
    let with_origin = server.raw(
        "POST",
        "/v1/messages",
        &[("Origin", "https://evil.example"), ("Authorization", &auth)],
        br#"{"body":"x"}"#,
    );
    assert_eq!((with_origin.status, with_origin.code()), (403, "forbidden_origin".into()));
    let preflight = server.raw(
        "OPTIONS",
        "/v1/messages",
        &[("Origin", "https://evil.example"), ("Access-Control-Request-Method", "POST")],
        b"",
    );
    for answer in [&with_origin, &preflight] {
        assert!(!answer.head.to_ascii_lowercase().contains("access-control-"), "no CORS: {}", answer.head);
    }
    assert_eq!(inbox_len(&server), 0, "nothing was stored");
}

#[test]
fn bad_bodies_get_a_code_nothing_is_stored_and_the_server_keeps_serving() {
    let server = Server::start();
    let auth = format!("Bearer {}", server.token);
    let post = |body: &[u8]| server.raw("POST", "/v1/messages", &[("Authorization", &auth)], body);
    let cases: [(&[u8], u16, &str); 7] = [
        (b"{\"body\": ", 400, "invalid_json"),
        (b"{\"body\": \"\xff\xfe\"}", 400, "invalid_utf8"),
        (br#"{"body": "x", "priority": "high"}"#, 400, "invalid_json"),
        (br#"{"body": "x", "priorty": 4}"#, 400, "invalid_json"),
        (br#"{"body": "x", "priority": 9}"#, 400, "invalid_priority"),
        (br#"{"title": " ", "body": ""}"#, 400, "invalid_message"),
        (br#"{"body": "x", "source": "desktop"}"#, 400, "invalid_request"),
    ];
    for (body, status, code) in cases {
        let answer = post(body);
        assert_eq!(
            (answer.status, answer.code()),
            (status, code.to_owned()),
            "{}",
            String::from_utf8_lossy(body)
        );
    }
    let huge = format!("{{\"body\": \"{}\"}}", "x".repeat(3 * 1024 * 1024));
    let answer = post(huge.as_bytes());
    assert_eq!((answer.status, answer.code()), (413, "body_too_large".into()));
    assert_eq!(inbox_len(&server), 0, "nothing stored for any refused request");
    assert_eq!(post(br#"{"body": "still here"}"#).status, 200, "and the server keeps serving");
}

#[test]
fn unknown_paths_are_404_in_json() {
    let server = Server::start();
    let answer = server.call("GET", "/v2/nothing", "");
    assert_eq!((answer.status, answer.code()), (404, "not_found".into()));
}

#[test]
fn a_wrong_method_or_an_undecodable_path_is_answered_in_json() {
    let server = Server::start();
    let wrong_method = server.call("DELETE", "/v1/status", "");
    assert_eq!(
        (wrong_method.status, wrong_method.code()),
        (405, "method_not_allowed".into()),
        "{}",
        wrong_method.body
    );
    let bad_path = server.call("POST", "/v1/inbox/%FF/done", "");
    assert_eq!((bad_path.status, bad_path.code()), (400, "invalid_request".into()), "{}", bad_path.body);
    let bad_topic = server.call("POST", "/%C3%28", "hello");
    assert_eq!((bad_topic.status, bad_topic.code()), (400, "invalid_request".into()), "{}", bad_topic.body);
}
