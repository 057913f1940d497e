//! The router against the one table of commands (`lull_core::command::COMMANDS`).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::Duration;

use lull_core::command::COMMANDS;

use crate::client::Server;

#[test]
fn every_command_the_table_gives_http_has_a_route_that_takes_its_method() {
    let server = Server::start();
    for command in COMMANDS {
        let Some(route) = command.http.at() else { continue };
        let (method, path) = route.split_once(' ').expect("a route is METHOD /path");
        let path = path.replace("{id}", "1");
        let (status, code) = if path == "/v1/events" {
            first_line(&server, &path)
        } else {
            let answer = server.call(method, &path, "{}");
            let code = serde_json::from_str::<serde_json::Value>(&answer.body)
                .ok()
                .and_then(|json| json["code"].as_str().map(str::to_owned))
                .unwrap_or_default();
            (answer.status, code)
        };
        assert!(
            !matches!(code.as_str(), "not_found" | "method_not_allowed") && status != 405,
            "{} is `{route}` in the table, but the router answers {status} {code}",
            command.name
        );
    }
}

/// The status line of a streaming answer (the event stream never ends by itself).
fn first_line(server: &Server, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).expect("connects");
    stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nAuthorization: Bearer {}\r\n\r\n",
        server.port, server.token
    );
    stream.write_all(request.as_bytes()).expect("writes");
    let mut line = String::new();
    BufReader::new(stream).read_line(&mut line).expect("reads the status line");
    let status = line.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, String::new())
}
