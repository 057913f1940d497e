//! `lull`: the command line for Lull.
//!
//! Most commands are thin clients of the running instance's local API (see `docs/api.md`); only
//! `token`, `serve`, `completions` and `settings` (which writes the database itself when nothing
//! runs) work without one. This file parses, dispatches and maps
//! failures onto exit statuses: 1 refused or failed, 2 usage (clap's), 3 not running.

mod cli;
mod client;
mod duration;
mod output;
mod settings;
mod when;

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::{CommandFactory, Parser};
use lull_core::{Clock, FocusBlock, InboxPage, Message, Receipt, Source, Status, SystemClock};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::cli::{Cli, Command, Ids, SendArgs, SettingsAction};
use crate::client::{CliError, Client, Result};
use crate::output::Zone;

/// The length of a block when none is given.
const DEFAULT_FOCUS_SECS: u64 = 25 * 60;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let data_dir = match cli.data_dir {
        Some(dir) => dir,
        None => match lull_core::paths::default_data_dir() {
            Some(dir) => dir,
            None => {
                eprintln!("lull: cannot tell where your data directory is; pass --data-dir DIR");
                return ExitCode::from(1);
            }
        },
    };
    match run(cli.command, &data_dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("lull: {err}");
            ExitCode::from(err.exit_code())
        }
    }
}

fn run(command: Command, data_dir: &Path) -> Result<()> {
    // The core's own idea of the time zone (TZ, else /etc/localtime), so "17:30" here means
    // what it means to the engine.
    let (now, zone) = (SystemClock.now(), SystemClock.time_zone());
    match command {
        Command::Token { rotate } => token(data_dir, rotate),
        Command::Serve { port, verbose } => {
            let options = lull_boot::ServeOptions { data_dir: data_dir.to_owned(), port, verbose };
            lull_boot::serve_blocking(options).map_err(CliError::Io)
        }
        Command::Settings { action: None } => settings::print(data_dir),
        Command::Settings { action: Some(SettingsAction::Import { file }) } => {
            settings::import(data_dir, &file)
        }
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "lull", &mut io::stdout());
            Ok(())
        }
        Command::Focus { duration, intent } => {
            let (secs, intent) = focus_args(duration, intent);
            #[derive(Serialize)]
            struct Start {
                duration_secs: u64,
                #[serde(skip_serializing_if = "Option::is_none")]
                intent: Option<String>,
            }
            let body = Start { duration_secs: secs, intent };
            let block: FocusBlock = Client::find(data_dir)?.post("/v1/focus/start", &body)?;
            say(&output::focus_started(&block, now, &zone))
        }
        Command::Extend { secs } => {
            let block: FocusBlock =
                Client::find(data_dir)?.post("/v1/focus/extend", &json!({"secs": secs}))?;
            say(&output::focus_extended(&block, now, &zone))
        }
        Command::Stop => {
            let block: FocusBlock = Client::find(data_dir)?.post("/v1/focus/stop", &json!({}))?;
            say(&output::focus_stopped(&block))
        }
        Command::Status { json, waybar } => {
            let raw: Value = Client::find(data_dir)?.get("/v1/status", &[])?;
            if json {
                // The server's JSON as it came, so fields newer than this client are not lost.
                return print_json(&raw);
            }
            let status: Status = parse(raw)?;
            if waybar {
                say(&output::waybar(&status, now, &zone).to_string())
            } else {
                say(&output::status(&status, now, &zone))
            }
        }
        Command::Send(args) => send(data_dir, args, now, &zone),
        Command::Inbox { list, all } => {
            let mut query = vec![("snoozed", all.to_string())];
            query.extend(list.limit.map(|n| ("limit", n.to_string())));
            let raw: Value = Client::find(data_dir)?.get("/v1/inbox", &query)?;
            if list.json {
                return print_json(&raw);
            }
            let page: InboxPage = parse(raw)?;
            print_messages(&page.messages, now, &zone, "The inbox is empty.")?;
            if page.next.is_some() {
                say("(more: raise --limit to see them)")?;
            }
            Ok(())
        }
        Command::Search { query, list } => {
            let mut params = vec![("q", query.join(" "))];
            params.extend(list.limit.map(|n| ("limit", n.to_string())));
            let raw: Value = Client::find(data_dir)?.get("/v1/search", &params)?;
            if list.json {
                return print_json(&raw);
            }
            let messages: Vec<Message> = parse(raw)?;
            print_messages(&messages, now, &zone, "Nothing found.")
        }
        Command::Done(Ids { ids }) => bulk(data_dir, "done", &ids, None, "Done"),
        Command::Undone(Ids { ids }) => bulk(data_dir, "undone", &ids, None, "Back in the inbox"),
        Command::Unpin(Ids { ids }) => bulk(data_dir, "unpin", &ids, None, "Unpinned"),
        Command::Unsnooze(Ids { ids }) => bulk(data_dir, "unsnooze", &ids, None, "Back from snooze"),
        Command::Stats { weeks } => {
            let raw: Value = Client::find(data_dir)?.get("/v1/stats", &[("weeks", weeks.to_string())])?;
            print_json(&raw)
        }
        Command::Pin { ids: Ids { ids }, due } => {
            let due = due.map(|due| when::instant(&due, now, &zone)).transpose().map_err(usage)?;
            bulk(data_dir, "pin", &ids, due.map(|due| json!({"due": due})), "Pinned")
        }
        Command::Snooze { ids: Ids { ids }, until } => {
            let until = when::snooze_until(&until, now, &zone).map_err(usage)?;
            #[derive(Serialize)]
            struct Snooze<'a> {
                ids: &'a [i64],
                #[serde(flatten)]
                until: lull_core::SnoozeUntil,
            }
            #[derive(Deserialize)]
            struct Snoozed {
                until: DateTime<Utc>,
            }
            let body = Snooze { ids: &ids, until };
            let snoozed: Snoozed = Client::find(data_dir)?.post("/v1/inbox/snooze", &body)?;
            say(&format!("Snoozed {} until {}", output::ids(&ids), output::clock(snoozed.until, now, &zone)))
        }
        Command::Export { format, date, output } => {
            let mut query = Vec::new();
            query.extend(format.map(|f| ("format", f.as_str().to_owned())));
            query.extend(date.map(|d| ("date", d.format("%Y-%m-%d").to_string())));
            export(&Client::find(data_dir)?, &query, output.as_deref())
        }
        Command::Late { until } => {
            let body = json!({"until": until.to_string()});
            let answer: Until = Client::find(data_dir)?.post("/v1/mode/working-late", &body)?;
            say(&format!("Working late until {}", output::clock(answer.until, now, &zone)))
        }
        Command::DoneForToday => {
            let answer: Until = Client::find(data_dir)?.post("/v1/mode/done-for-today", &json!({}))?;
            say(&format!("Done for today: quiet until {}", output::clock(answer.until, now, &zone)))
        }
        Command::Resume => {
            let _: Value = Client::find(data_dir)?.post("/v1/mode/resume", &json!({}))?;
            say("Back to your schedule")
        }
    }
}

/// The answer of the mode overrides.
#[derive(Deserialize)]
struct Until {
    until: DateTime<Utc>,
}

/// Splits `lull focus [DURATION] [INTENT...]`: when the first word is not a duration (and does
/// not even start like one) it is the intent's first word and the block lasts the default.
fn focus_args(duration: Option<String>, mut intent: Vec<String>) -> (u64, Option<String>) {
    let secs = match duration {
        None => DEFAULT_FOCUS_SECS,
        Some(word) => match duration::parse(&word) {
            Ok(secs) => secs,
            Err(err) if duration::looks_like_one(&word) => {
                Cli::command().error(clap::error::ErrorKind::ValueValidation, err).exit()
            }
            Err(_) => {
                intent.insert(0, word);
                DEFAULT_FOCUS_SECS
            }
        },
    };
    let intent = intent.join(" ");
    (secs, (!intent.trim().is_empty()).then_some(intent))
}

fn token(data_dir: &Path, rotate: bool) -> Result<()> {
    let path = lull_core::paths::token(data_dir);
    let token =
        if rotate { lull_core::token::rotate(&path) } else { lull_core::token::load_or_create(&path) }
            .map_err(|err| CliError::Io(format!("cannot write the token in {}: {err}", path.display())))?;
    say(&token)
}

/// The fields of `POST /v1/messages`, exactly as docs/api.md names them; absent ones are left
/// out (the server refuses unknown fields). `source` is always `cli`: that is how the inbox
/// tells `lull send` from other API clients, and the source detail stays free for them.
#[derive(Debug, Serialize)]
struct Outgoing {
    source: Source,
    #[serde(skip_serializing_if = "Option::is_none")]
    sender: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    body: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    priority: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    link: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    thread: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dedupe_key: Option<String>,
}

fn send(data_dir: &Path, args: SendArgs, now: DateTime<Utc>, zone: &impl Zone) -> Result<()> {
    // Find the instance first, so a message typed or piped in is not read only to be lost.
    let client = Client::find(data_dir)?;
    let from_stdin = args.message.is_empty() || args.message == ["-"];
    let body = if !from_stdin {
        args.message.join(" ")
    } else if args.message.is_empty() && args.title.is_some() && io::stdin().is_terminal() {
        // `lull send --title "Call back"` at a prompt: a title alone is a whole message.
        String::new()
    } else {
        let mut text = String::new();
        io::stdin()
            .lock()
            .read_to_string(&mut text)
            .map_err(|err| CliError::Io(format!("cannot read the message from stdin: {err}")))?;
        text.trim_end_matches(['\n', '\r']).to_owned()
    };
    let message = Outgoing {
        source: Source::Cli,
        sender: args.sender,
        title: args.title,
        body,
        priority: args.priority,
        link: args.link,
        tags: args.tags.into_iter().map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect(),
        thread: args.thread,
        dedupe_key: args.dedupe_key,
    };
    let raw: Value = client.post("/v1/messages", &message)?;
    if args.json {
        return print_json(&raw);
    }
    let receipt: Receipt = parse(raw)?;
    say(&output::receipt(&receipt, now, zone))
}

fn bulk(data_dir: &Path, action: &str, ids: &[i64], extra: Option<Value>, done: &str) -> Result<()> {
    let mut body = json!({"ids": ids});
    if let (Some(Value::Object(extra)), Some(object)) = (extra, body.as_object_mut()) {
        object.extend(extra);
    }
    #[derive(Deserialize)]
    struct Changed {
        ids: Vec<i64>,
    }
    let changed: Changed = Client::find(data_dir)?.post(&format!("/v1/inbox/{action}"), &body)?;
    say(&format!("{done}: {}", output::ids(&changed.ids)))
}

fn export(client: &Client, query: &[(&str, String)], to: Option<&Path>) -> Result<()> {
    match to {
        None => {
            let mut stdout = io::stdout().lock();
            client.download("/v1/export", query, &mut stdout)?;
            stdout.flush().map_err(write_error)
        }
        Some(path) => {
            // Write beside and rename, so a failed export never leaves half a file at `path`.
            let partial = partial_path(path);
            let result = std::fs::File::create(&partial)
                .map_err(|err| CliError::Io(format!("cannot create {}: {err}", partial.display())))
                .and_then(|mut file| {
                    client.download("/v1/export", query, &mut file)?;
                    file.sync_all().map_err(write_error)
                })
                .and_then(|()| {
                    std::fs::rename(&partial, path)
                        .map_err(|err| CliError::Io(format!("cannot write {}: {err}", path.display())))
                });
            if result.is_err() {
                let _ = std::fs::remove_file(&partial);
            }
            result
        }
    }
}

fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".partial");
    path.with_file_name(name)
}

fn print_messages(messages: &[Message], now: DateTime<Utc>, zone: &impl Zone, empty: &str) -> Result<()> {
    if messages.is_empty() {
        return say(empty);
    }
    let rows: Vec<String> = messages.iter().map(|m| output::message_row(m, now, zone)).collect();
    say(&rows.join("\n"))
}

fn parse<T: serde::de::DeserializeOwned>(raw: Value) -> Result<T> {
    serde_json::from_value(raw).map_err(|err| CliError::Io(format!("unexpected answer from Lull: {err}")))
}

pub(crate) fn print_json(value: &Value) -> Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(|err| CliError::Io(err.to_string()))?;
    say(&text)
}

/// Prints a line to stdout. A closed pipe (`lull inbox | head -1`) is not worth an error.
pub(crate) fn say(line: &str) -> Result<()> {
    match writeln!(io::stdout().lock(), "{line}") {
        Err(err) if err.kind() != io::ErrorKind::BrokenPipe => Err(write_error(err)),
        _ => Ok(()),
    }
}

fn write_error(err: io::Error) -> CliError {
    CliError::Io(format!("cannot write the output: {err}"))
}

/// A value the user typed that clap could not check on its own: a usage error, exit 2.
fn usage(message: String) -> CliError {
    Cli::command().error(clap::error::ErrorKind::ValueValidation, message).exit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_word_that_is_no_duration_starts_the_intent() {
        let words = |ws: &[&str]| ws.iter().map(|w| (*w).to_owned()).collect::<Vec<_>>();
        assert_eq!(focus_args(None, vec![]), (1500, None), "25 minutes by default");
        assert_eq!(focus_args(Some("50m".into()), words(&["write"])), (3000, Some("write".into())));
        assert_eq!(
            focus_args(Some("write".into()), words(&["the", "report"])),
            (1500, Some("write the report".into()))
        );
    }

    #[test]
    fn messages_are_sent_with_the_api_field_names_and_nothing_else() {
        let message = Outgoing {
            source: Source::Cli,
            sender: None,
            title: Some("hi".into()),
            body: "hello".into(),
            priority: Some(4),
            link: None,
            tags: vec!["a".into()],
            thread: None,
            dedupe_key: Some("k".into()),
        };
        let json = serde_json::to_value(&message).expect("serialises");
        assert_eq!(
            json,
            json!({"source": "cli", "title": "hi", "body": "hello", "priority": 4, "tags": ["a"], "dedupe_key": "k"})
        );
    }

    #[test]
    fn a_partial_export_sits_beside_the_target() {
        assert_eq!(partial_path(Path::new("/tmp/day.md")), Path::new("/tmp/day.md.partial"));
    }
}
