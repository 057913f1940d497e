//! Every command of Lull's and the surfaces that offer it, in one table.
//!
//! A surface either offers a command ([`Surface::At`]: the Tauri command, the HTTP method and
//! path, the `lull` subcommand) or says why it lacks it ([`Surface::Lacks`]). Each surface checks
//! itself against this table in a unit test: `src-tauri` its handler list and capabilities, the API
//! its router, the CLI its subcommands. So a command added to one surface and forgotten in another
//! fails a unit test that names it, and docs/api.md's table of surfaces is rendered from here
//! ([`markdown_table`]) and checked by a test.

/// Where a command can be called from, or why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    /// Offered: the Tauri command name, `"METHOD /path"` for HTTP, the subcommand for the CLI.
    At(&'static str),
    /// Lacked on purpose, and why.
    Lacks(&'static str),
}

impl Surface {
    pub fn at(self) -> Option<&'static str> {
        match self {
            Self::At(name) => Some(name),
            Self::Lacks(_) => None,
        }
    }
}

/// One command and its three surfaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Command {
    /// The command's name: the Tauri command's when the window has it.
    pub name: &'static str,
    /// The desktop app's window (a Tauri command of the same name).
    pub window: Surface,
    pub http: Surface,
    /// `lull <subcommand>`.
    pub cli: Surface,
}

use Surface::{At, Lacks};

const fn all(name: &'static str, http: &'static str, cli: &'static str) -> Command {
    Command { name, window: At(name), http: At(http), cli: At(cli) }
}

const fn window_only(name: &'static str, why: &'static str) -> Command {
    Command { name, window: At(name), http: Lacks(why), cli: Lacks(why) }
}

const DESKTOP_STATE: &str = "the desktop app's own state, not the engine's";

/// Every command, grouped as docs/api.md lists them.
pub const COMMANDS: &[Command] = &[
    all("status", "GET /v1/status", "status"),
    all("start_focus", "POST /v1/focus/start", "focus"),
    all("extend_focus", "POST /v1/focus/extend", "extend"),
    all("stop_focus", "POST /v1/focus/stop", "stop"),
    all("focus_proposals", "GET /v1/focus/proposals", "proposals"),
    all("accept_proposal", "POST /v1/focus/proposals/accept", "proposals accept"),
    all("skip_proposal", "POST /v1/focus/proposals/skip", "proposals skip"),
    all("move_proposal", "POST /v1/focus/proposals/move", "proposals move"),
    all("working_late", "POST /v1/mode/working-late", "late"),
    all("done_for_today", "POST /v1/mode/done-for-today", "done-for-today"),
    all("clear_overrides", "POST /v1/mode/resume", "resume"),
    Command {
        name: "publish",
        window: Lacks("the window reads and triages; tools publish"),
        http: At("POST /v1/messages"),
        cli: At("send"),
    },
    all("inbox", "GET /v1/inbox", "inbox"),
    Command {
        name: "inbox_overview",
        window: At("inbox_overview"),
        http: At("GET /v1/inbox/groups"),
        cli: Lacks("`lull inbox` is a flat list that pipes well; scripts wanting groups call the API"),
    },
    Command {
        name: "inbox_group",
        window: At("inbox_group"),
        http: At("GET /v1/inbox/group"),
        cli: Lacks("`lull inbox` is a flat list that pipes well; scripts wanting groups call the API"),
    },
    window_only(
        "inbox_start",
        "the first screen handed to a window being created: an optimisation of its start",
    ),
    Command {
        name: "message",
        window: At("message"),
        http: At("GET /v1/inbox/{id}"),
        cli: Lacks("`lull inbox --json` and `lull search --json` print whole messages"),
    },
    all("search", "GET /v1/search", "search"),
    all("done", "POST /v1/inbox/done", "done"),
    all("undone", "POST /v1/inbox/undone", "undone"),
    all("pin", "POST /v1/inbox/pin", "pin"),
    all("unpin", "POST /v1/inbox/unpin", "unpin"),
    all("snooze", "POST /v1/inbox/snooze", "snooze"),
    all("unsnooze", "POST /v1/inbox/unsnooze", "unsnooze"),
    Command {
        name: "done_all",
        window: At("done_all"),
        http: At("POST /v1/inbox/done-all"),
        cli: Lacks("`lull done` takes ids; a script picks them from `lull inbox --json`"),
    },
    Command {
        name: "message_story",
        window: At("message_story"),
        http: At("GET /v1/inbox/{id}/story"),
        cli: Lacks("a message's block and digest are in `lull inbox --json` (block_id, digest_id)"),
    },
    Command {
        name: "mark_reviewed",
        window: At("mark_reviewed"),
        http: At("POST /v1/inbox/reviewed"),
        cli: Lacks("the new marks are the review window's; a terminal lists what it is asked for"),
    },
    Command {
        name: "snooze_choices",
        window: At("snooze_choices"),
        http: At("GET /v1/snooze-choices"),
        cli: Lacks("`lull snooze --until` takes the words and resolves them"),
    },
    Command {
        name: "parse_when",
        window: At("parse_when"),
        http: At("POST /v1/when"),
        cli: Lacks("`lull snooze --until` and `lull pin --due` send their text through it"),
    },
    all("stats", "GET /v1/stats", "stats"),
    all("settings", "GET /v1/settings", "settings"),
    all("update_settings", "PUT /v1/settings", "settings import"),
    Command {
        name: "export",
        window: Lacks("an export is a file: `lull export` writes it"),
        http: At("GET /v1/export"),
        cli: At("export"),
    },
    Command {
        name: "events",
        window: Lacks("the window gets the `lull://status` and `lull://inbox` events"),
        http: At("GET /v1/events"),
        cli: Lacks("a stream for scripts: `curl -N` reads it"),
    },
    window_only("open_link", "opening a URL on the desktop is the window's act; a script opens it itself"),
    window_only(
        "message_app",
        "the name on the window's \"Open in <app>\" button; `lull open` names the app it starts",
    ),
    Command {
        name: "open_app",
        window: At("open_app"),
        http: Lacks("starting an app is this desktop's act, not a remote client's"),
        cli: At("open"),
    },
    window_only("desktop", DESKTOP_STATE),
    window_only("set_autostart", DESKTOP_STATE),
    Command {
        name: "sources",
        window: At("sources"),
        http: Lacks("each source's status comes with `GET /v1/status` (`desktop`); the token is not served"),
        cli: At("sources"),
    },
    all("finish_first_run", "POST /v1/first-run/finish", "setup"),
    all("tokens", "GET /v1/tokens", "token list"),
    all("create_token", "POST /v1/tokens", "token new"),
    all("revoke_token", "POST /v1/tokens/revoke", "token revoke"),
    Command {
        name: "rotate_token",
        window: At("rotate_token"),
        http: Lacks("a client must not lock the others out; the token is a file on this machine"),
        cli: At("token --rotate"),
    },
    window_only("close_window", DESKTOP_STATE),
    Command {
        name: "serve",
        window: Lacks("the desktop app serves the API itself"),
        http: Lacks("it is what serves the API"),
        cli: At("serve"),
    },
    Command {
        name: "store_secret",
        window: At("store_secret"),
        http: Lacks("a secret never crosses the API: it goes from the terminal to the keyring"),
        cli: At("secret"),
    },
    Command {
        name: "completions",
        window: Lacks("shell completions are for the command line"),
        http: Lacks("shell completions are for the command line"),
        cli: At("completions"),
    },
    Command {
        name: "manpages",
        window: Lacks("manual pages are for packagers: `lull manpages DIR` (hidden)"),
        http: Lacks("manual pages are for packagers: `lull manpages DIR` (hidden)"),
        cli: At("manpages"),
    },
];

/// The commands the window has, by name.
pub fn window_commands() -> impl Iterator<Item = &'static str> {
    COMMANDS.iter().filter_map(|command| command.window.at())
}

/// The table docs/api.md shows under "What each surface has".
pub fn markdown_table() -> String {
    fn cell(surface: Surface) -> String {
        match surface {
            At(name) => format!("`{name}`"),
            Lacks(why) => format!("(lacks: {why})"),
        }
    }
    let mut table = String::from("| command | window | HTTP | `lull` |\n|---|---|---|---|\n");
    for command in COMMANDS {
        table.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            command.name,
            cell(command.window),
            cell(command.http),
            cell(command.cli)
        ));
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_a_unique_name_and_at_least_one_surface() {
        let mut names = std::collections::HashSet::new();
        for command in COMMANDS {
            assert!(names.insert(command.name), "{} is listed twice", command.name);
            let surfaces = [command.window, command.http, command.cli];
            assert!(surfaces.iter().any(|s| s.at().is_some()), "{} has no surface", command.name);
            if let At(name) = command.window {
                assert_eq!(name, command.name, "a window command has the command's name");
            }
        }
    }

    #[test]
    fn docs_api_shows_the_table_of_surfaces_as_this_module_has_it() {
        let doc = include_str!("../../../docs/api.md");
        let table = markdown_table();
        assert!(
            doc.contains(&table),
            "docs/api.md must contain this table (under \"What each surface has\"), as it is here:\n\n{table}"
        );
    }
}
