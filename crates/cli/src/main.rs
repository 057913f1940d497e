//! `lull`: the command line for Lull.
//!
//! Most commands are thin clients of the running instance's local API (see `docs/api.md`); only
//! `token`, `serve`, `completions`, `manpages` and `settings` (which writes the database itself when nothing
//! runs) work without one. This file parses, dispatches and maps
//! failures onto exit statuses: 1 refused or failed, 2 usage (clap's), 3 not running.

mod cli;
mod client;
mod local;
mod open;
mod output;
mod secrets;
mod settings;
mod setup;
mod tokens;
mod when;

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::{CommandFactory, Parser};
use lull_core::duration;
use lull_core::request::{
    ExportRequest, ExtendFocus, Ids, InboxList, NewToken, ParseWhen, Pin, ProposalAt, ProposalMove, Search,
    Snooze, StartFocus, StatsRequest, Until, WorkingLate,
};
use lull_core::{
    Clock, FocusBlock, InboxPage, Message, NewMessage, ProposedBlock, Receipt, SnoozeUntil, Source,
    StatusReport, SystemClock,
};
use serde_json::{Value, json};

use crate::cli::{Cli, Command, ProposalAction, SendArgs, SettingsAction, TokenAction};
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
    let here = Here { data_dir, now, zone: &zone };
    match command {
        Command::Token { rotate, action: None } => token(data_dir, rotate),
        Command::Token { action: Some(TokenAction::New { name, topics, max_priority, json }), .. } => {
            tokens::create(data_dir, NewToken { name, topics, max_priority }, json)
        }
        Command::Token { action: Some(TokenAction::List { json }), .. } => {
            tokens::list(data_dir, json, now, &zone)
        }
        Command::Token { action: Some(TokenAction::Revoke { name }), .. } => tokens::revoke(data_dir, name),
        Command::Serve { port, verbose } => {
            let options = lull_boot::ServeOptions { data_dir: data_dir.to_owned(), port, verbose };
            lull_boot::serve_blocking(options).map_err(|err| CliError::Io(err.to_string()))
        }
        Command::Settings { action: None } => settings::print(data_dir),
        Command::Settings { action: Some(SettingsAction::Import { file }) } => {
            settings::import(data_dir, &file)
        }
        Command::Setup(args) => setup::run(data_dir, args),
        Command::Secret { action } => secrets::run(data_dir, action),
        Command::Completions { shell } => {
            // Written whole by Lull, not by clap_complete, which panics on a closed pipe.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "lull", &mut script);
            write_out(&script)
        }
        Command::Manpages { dir } => clap_mangen::generate_to(Cli::command(), &dir).map_err(|err| {
            CliError::Io(format!("cannot write the manual pages into {}: {err}", dir.display()))
        }),
        Command::Focus { duration, intent } => here.start_focus(duration, intent),
        Command::Extend { secs } => {
            let secs = i64::try_from(secs).map_err(|_| usage("that duration is too long".into()))?;
            let block: FocusBlock = here.client()?.post("/v1/focus/extend", &ExtendFocus { secs })?;
            say(&output::focus_extended(&block, now, &zone))
        }
        Command::Stop => {
            let block: FocusBlock = here.client()?.post("/v1/focus/stop", &json!({}))?;
            say(&output::focus_stopped(&block))
        }
        Command::Status { json, waybar } => here.status(json, waybar),
        Command::Proposals { action, json } => here.proposals(action, json),
        Command::Sources { json } => here.sources(json),
        Command::Send(args) => send(data_dir, args, now, &zone),
        Command::Inbox { list, all, view } => here.inbox(
            &InboxList {
                after: None,
                limit: list.limit.map(|n| n as usize),
                snoozed: all,
                view: view.map(Into::into),
            },
            list.json,
        ),
        Command::Search { query, list } => here.search(
            &Search { q: query.join(" "), before: None, limit: list.limit.map(|n| n as usize) },
            list.json,
        ),
        Command::Done(ids) => here.triage("done", ids, "Done"),
        Command::Undone(ids) => here.triage("undone", ids, "Back in the inbox"),
        Command::Unpin(ids) => here.triage("unpin", ids, "Unpinned"),
        Command::Open { id, link } => here.open(id, link),
        Command::Unsnooze(ids) => here.triage("unsnooze", ids, "Back from snooze"),
        Command::Stats { weeks } => {
            let raw: Value = here.client()?.get("/v1/stats", &StatsRequest { weeks: Some(weeks) })?;
            print_json(&raw)
        }
        Command::Pin { ids, due } => here.pin(ids, due),
        Command::Snooze { ids, until } => here.snooze(ids, &until),
        Command::Export { format, date, output } => {
            let request = ExportRequest { format: format.map(|f| f.as_str().to_owned()), date };
            export(&here.client()?, &request, output.as_deref())
        }
        Command::Late { until } => {
            let answer: Until = here.client()?.post("/v1/mode/working-late", &WorkingLate { until })?;
            say(&format!("Working late until {}", output::clock(answer.until, now, &zone)))
        }
        Command::DoneForToday => {
            let answer: Until = here.client()?.post("/v1/mode/done-for-today", &json!({}))?;
            say(&format!("Done for today: quiet until {}", output::clock(answer.until, now, &zone)))
        }
        Command::Resume => {
            let _: Value = here.client()?.post("/v1/mode/resume", &json!({}))?;
            say("Back to your schedule")
        }
    }
}

/// What a command that talks to the running instance needs: where it is, and the time and zone
/// its answers are shown in.
struct Here<'a, Z> {
    data_dir: &'a Path,
    now: DateTime<Utc>,
    zone: &'a Z,
}

impl<Z: Zone> Here<'_, Z> {
    fn client(&self) -> Result<Client> {
        Client::find(self.data_dir)
    }

    fn start_focus(&self, duration: Option<String>, intent: Vec<String>) -> Result<()> {
        let (secs, intent) = focus_args(duration, intent);
        let duration_secs = i64::try_from(secs).map_err(|_| usage("that duration is too long".into()))?;
        let block: FocusBlock =
            self.client()?.post("/v1/focus/start", &StartFocus { duration_secs, intent })?;
        say(&output::focus_started(&block, self.now, self.zone))
    }

    fn status(&self, json: bool, waybar: bool) -> Result<()> {
        let raw: Value = self.client()?.get("/v1/status", &json!({}))?;
        if json {
            // The server's JSON as it came, so fields newer than this client are not lost.
            return print_json(&raw);
        }
        let report: StatusReport = parse(raw)?;
        if waybar {
            say(&output::waybar(&report.status, self.now, self.zone).to_string())
        } else {
            say(&output::status(&report.status, report.desktop.as_ref(), self.now, self.zone))
        }
    }

    fn open(&self, id: i64, link_only: bool) -> Result<()> {
        let message: lull_core::Message = self.client()?.get(&format!("/v1/inbox/{id}"), &json!({}))?;
        let app = message.app.as_deref().filter(|_| !link_only).and_then(lull_core::desktop_entry::find);
        if let Some(app) = app {
            open::app(&app)?;
            return say(&format!("Started {}.", app.name));
        }
        match message.link.as_deref() {
            Some(link) => {
                open::link(link)?;
                say(&format!("Opened {link}"))
            }
            None => Err(CliError::Io(format!("message {id} has no app or link to open"))),
        }
    }

    fn proposals(&self, action: Option<ProposalAction>, json: bool) -> Result<()> {
        let client = self.client()?;
        let raw: Value = client.get("/v1/focus/proposals", &json!({}))?;
        let Some(action) = action else {
            if json {
                return print_json(&raw);
            }
            let proposals: Vec<ProposedBlock> = parse(raw)?;
            return say(&output::proposals(&proposals, self.now, self.zone));
        };
        let proposals: Vec<ProposedBlock> = parse(raw)?;
        let which = match &action {
            ProposalAction::Accept { which }
            | ProposalAction::Skip { which }
            | ProposalAction::Move { which, .. } => which,
        };
        let chosen = output::find_proposal(&proposals, which, self.zone)
            .ok_or_else(|| usage(format!("no proposal is {which:?} today: see `lull proposals`")))?;
        let start = chosen.start;
        let answer: Value = match &action {
            ProposalAction::Accept { .. } => {
                client.post("/v1/focus/proposals/accept", &ProposalAt { start })?
            }
            ProposalAction::Skip { .. } => client.post("/v1/focus/proposals/skip", &ProposalAt { start })?,
            ProposalAction::Move { to, .. } => {
                let to = output::today_at(to, self.now, self.zone)
                    .ok_or_else(|| usage(format!("{to:?} is not a time of today (HH:MM)")))?;
                client.post("/v1/focus/proposals/move", &ProposalMove { start, to })?
            }
        };
        if json {
            return print_json(&answer);
        }
        match action {
            ProposalAction::Accept { .. } => say(&format!(
                "Accepted: a block starts at {}.",
                output::proposal_span(&chosen, self.now, self.zone)
            )),
            ProposalAction::Skip { .. } => {
                say(&format!("Skipped {}.", output::proposal_span(&chosen, self.now, self.zone)))
            }
            ProposalAction::Move { .. } => {
                let moved: ProposedBlock = parse(answer)?;
                say(&format!(
                    "Moved and accepted: a block starts at {}.",
                    output::proposal_span(&moved, self.now, self.zone)
                ))
            }
        }
    }

    fn sources(&self, json: bool) -> Result<()> {
        let client = self.client()?;
        let raw: Value = client.get("/v1/status", &json!({}))?;
        let report: StatusReport = parse(raw)?;
        if json {
            return print_json(&json!({ "api": client.base(), "desktop": report.desktop }));
        }
        say(&output::sources(client.base(), report.desktop.as_ref(), self.now, self.zone))
    }

    fn inbox(&self, request: &InboxList, json: bool) -> Result<()> {
        let raw: Value = self.client()?.get("/v1/inbox", request)?;
        if json {
            return print_json(&raw);
        }
        let page: InboxPage = parse(raw)?;
        print_messages(&page.messages, self.now, self.zone, "The inbox is empty.")?;
        if page.next.is_some() {
            say("(more: raise --limit to see them)")?;
        }
        Ok(())
    }

    fn search(&self, request: &Search, json: bool) -> Result<()> {
        let raw: Value = self.client()?.get("/v1/search", request)?;
        if json {
            return print_json(&raw);
        }
        let messages: Vec<Message> = parse(raw)?;
        print_messages(&messages, self.now, self.zone, "Nothing found.")
    }

    /// `done`, `undone`, `unpin`, `unsnooze`: all or nothing; says which ids changed.
    fn triage(&self, action: &str, ids: cli::Ids, done: &str) -> Result<()> {
        let changed: Ids = self.client()?.post(&format!("/v1/inbox/{action}"), &Ids { ids: ids.ids })?;
        say(&format!("{done}: {}", output::ids(&changed.ids)))
    }

    /// A typed instant, read by the running Lull as the window's snooze field reads it.
    fn when(&self, text: &str) -> Result<DateTime<Utc>> {
        let at: Until = self.client()?.post("/v1/when", &ParseWhen { text: text.to_owned() })?;
        Ok(at.until)
    }

    fn pin(&self, ids: cli::Ids, due: Option<String>) -> Result<()> {
        let due = due.map(|due| self.when(&due)).transpose()?;
        let changed: Ids = self.client()?.post("/v1/inbox/pin", &Pin { ids: ids.ids, due })?;
        say(&format!("Pinned: {}", output::ids(&changed.ids)))
    }

    fn snooze(&self, ids: cli::Ids, until: &str) -> Result<()> {
        let until = match when::snooze_word(until) {
            Some(word) => word,
            None => SnoozeUntil::Time { at: self.when(until)? },
        };
        let request = Snooze { ids: ids.ids, until };
        let snoozed: Until = self.client()?.post("/v1/inbox/snooze", &request)?;
        let when = output::clock(snoozed.until, self.now, self.zone);
        say(&format!("Snoozed {} until {when}", output::ids(&request.ids)))
    }
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
    // `source` is always `cli`: that is how the inbox tells `lull send` from other API clients,
    // and the source detail stays free for them.
    let message = NewMessage {
        source: Some(Source::Cli),
        sender: args.sender,
        title: args.title,
        body,
        priority: args.priority,
        link: args.link,
        tags: args.tags.into_iter().map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect(),
        thread: args.thread,
        dedupe_key: args.dedupe_key,
        ..NewMessage::default()
    };
    let raw: Value = client.post("/v1/messages", &message)?;
    if args.json {
        return print_json(&raw);
    }
    let receipt: Receipt = parse(raw)?;
    say(&output::receipt(&receipt, now, zone))
}

fn export(client: &Client, query: &ExportRequest, to: Option<&Path>) -> Result<()> {
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
    write_out(format!("{line}\n").as_bytes())
}

/// Writes to stdout; a closed pipe is not worth an error, as for [`say`].
fn write_out(bytes: &[u8]) -> Result<()> {
    let mut stdout = io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
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
        let message = NewMessage {
            source: Some(Source::Cli),
            sender: None,
            title: Some("hi".into()),
            body: "hello".into(),
            priority: Some(4),
            link: None,
            tags: vec!["a".into()],
            thread: None,
            dedupe_key: Some("k".into()),
            ..NewMessage::default()
        };
        let json = serde_json::to_value(&message).expect("serialises");
        assert_eq!(
            json,
            json!({"source": "cli", "title": "hi", "body": "hello", "priority": 4, "tags": ["a"], "dedupe_key": "k"})
        );
    }

    #[test]
    fn the_subcommands_are_the_ones_the_table_of_commands_gives_the_cli() {
        let cli = Cli::command();
        let mut listed = std::collections::BTreeSet::new();
        for command in lull_core::command::COMMANDS {
            let Some(usage) = command.cli.at() else { continue };
            let mut words = usage.split(' ');
            let name = words.next().expect("a subcommand");
            listed.insert(name);
            let sub = cli.find_subcommand(name);
            let sub = sub
                .unwrap_or_else(|| panic!("{}: `lull {name}` is in the table but not in clap", command.name));
            for word in words {
                let found = match word.strip_prefix("--") {
                    Some(flag) => sub.get_arguments().any(|arg| arg.get_long() == Some(flag)),
                    None => sub.find_subcommand(word).is_some(),
                };
                assert!(found, "{}: `lull {usage}` has no `{word}`", command.name);
            }
        }
        let offered: std::collections::BTreeSet<_> = cli.get_subcommands().map(|c| c.get_name()).collect();
        assert_eq!(offered, listed, "every subcommand is a command in lull_core::command::COMMANDS");
    }

    #[test]
    fn a_partial_export_sits_beside_the_target() {
        assert_eq!(partial_path(Path::new("/tmp/day.md")), Path::new("/tmp/day.md.partial"));
    }
}
