//! The command line as clap types: every command, argument and help text, and nothing else.
//!
//! Values that clap can check on its own (priorities, times of day, durations for `extend`) are
//! checked here, so a typo is a usage error (exit 2) before anything is sent.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;
use lull_core::TimeOfDay;

use lull_core::duration;

const ABOUT: &str = "Focus blocks and a quiet inbox: talk to a running Lull, or run one headless";

const LONG_ABOUT: &str = "\
Focus blocks and a quiet inbox.

While a focus block runs, or outside your work hours, Lull holds the messages sent to it and
shows them in one digest when you are open again. `lull` talks to the running instance (the
desktop app or `lull serve`) over its local API; `lull serve` runs one without any window.";

const AFTER_HELP: &str = "\
Examples:
  lull focus 50m write the report     a 50-minute block with an intent
  lull status --waybar                one line of JSON for a waybar custom module
  make test 2>&1 | lull send --title 'Tests' --priority 4
  lull inbox                          what arrived, newest first
  lull snooze 12 14 --until tomorrow

Exit status: 0 on success, 1 when Lull refuses or fails, 2 on a usage error,
3 when Lull is not running for the data directory.";

#[derive(Debug, Parser)]
#[command(name = "lull", version, about = ABOUT, long_about = LONG_ABOUT, after_help = AFTER_HELP)]
pub struct Cli {
    /// The profile's data directory (default: ~/.local/share/lull)
    #[arg(long, global = true, env = "LULL_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a focus block: `lull focus 50m write the report`
    #[command(after_help = "DURATION: 25m, 90s, 1h30m, 1:30 (h:mm), or a bare number of minutes.\n\
                            When the first word is not a duration, all words are the intent.")]
    Focus {
        /// How long (default 25m)
        #[arg(value_name = "DURATION")]
        duration: Option<String>,
        /// What the block is for
        #[arg(value_name = "INTENT")]
        intent: Vec<String>,
    },
    /// Make the running block longer
    Extend {
        /// How much longer (default 10m)
        #[arg(value_name = "DURATION", default_value = "10m", value_parser = parse_duration)]
        secs: u64,
    },
    /// End the running block now
    Stop,
    /// Today's proposed focus blocks (settings: focus_time); accept, skip or move one
    #[command(after_help = PROPOSALS_HELP)]
    Proposals {
        #[command(subcommand)]
        action: Option<ProposalAction>,
        /// Print them as JSON
        #[arg(long)]
        json: bool,
    },
    /// Show the mode, the running block and what is held
    Status {
        /// Print the status as JSON
        #[arg(long, conflicts_with = "waybar")]
        json: bool,
        /// Print one line of JSON for a waybar custom module (`"return-type": "json"`)
        #[arg(long)]
        waybar: bool,
    },
    /// Show where messages come from and how each source is doing: the API, other apps'
    /// notifications, ntfy topics, Gotify servers, mail folders
    Sources {
        /// Print the sources as JSON
        #[arg(long)]
        json: bool,
    },
    /// Send a message; without MESSAGE (or with `-`) the body is read from stdin
    Send(SendArgs),
    /// List the inbox, newest first
    Inbox {
        #[command(flatten)]
        list: ListArgs,
        /// Include snoozed messages
        #[arg(long)]
        all: bool,
        /// Only the pinned, snoozed or done messages (each in its own order)
        #[arg(long, value_enum, conflicts_with = "all")]
        view: Option<ViewArg>,
    },
    /// Mark messages done
    Done(Ids),
    /// Bring done messages back
    Undone(Ids),
    /// Pin messages (keep them on top), optionally with a due time
    Pin {
        #[command(flatten)]
        ids: Ids,
        /// When it is due: 17:00, 2h, friday, "tomorrow 9:30", RFC 3339 (read by the running Lull)
        #[arg(long, value_name = "TIME")]
        due: Option<String>,
    },
    /// Unpin messages
    Unpin(Ids),
    /// Open a message: the app whose notification it was (its desktop entry), else its link
    Open {
        /// The message's id (from `lull inbox`)
        id: i64,
        /// Open its link even when it came from an app
        #[arg(long)]
        link: bool,
    },
    /// Bring snoozed messages back to where they were
    Unsnooze(Ids),
    /// Focus per day and arrivals per week, as JSON
    Stats {
        /// How many weeks, this one included (1 to 52)
        #[arg(long, default_value_t = lull_core::request::DEFAULT_STATS_WEEKS)]
        weeks: u32,
    },
    /// Put messages out of sight until later
    Snooze {
        #[command(flatten)]
        ids: Ids,
        /// block-end, next-window, tomorrow (the next workday), or a time as the window's snooze
        /// field reads it: 14:30, 2pm, 2h, "in 45 min", friday, "mon 9", "next week", RFC 3339
        #[arg(long, value_name = "WHEN", required = true)]
        until: String,
    },
    /// Search all messages, newest first
    Search {
        /// Words to look for
        #[arg(value_name = "QUERY", required = true)]
        query: Vec<String>,
        #[command(flatten)]
        list: ListArgs,
    },
    /// Export the inbox and the focus log
    Export {
        /// json, csv, or markdown (a day summary)
        #[arg(long, value_enum)]
        format: Option<ExportFormat>,
        /// Only this day (YYYY-MM-DD)
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<NaiveDate>,
        /// Write to FILE instead of stdout
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Stay open past your work hours, until HH:MM
    Late {
        /// Local time, HH:MM
        #[arg(value_name = "UNTIL")]
        until: TimeOfDay,
    },
    /// Go quiet until your next work window
    DoneForToday,
    /// End "late" and "done for today": back to your schedule
    Resume,
    /// Print the control token (creating it), or make, list and revoke publish tokens
    #[command(args_conflicts_with_subcommands = true, after_help = TOKEN_HELP)]
    Token {
        /// Replace the control token; clients using the old one are refused from now on
        #[arg(long)]
        rotate: bool,
        #[command(subcommand)]
        action: Option<TokenAction>,
    },
    /// Print the settings as JSON, or replace them with `lull settings import FILE`
    #[command(after_help = SETTINGS_HELP)]
    Settings {
        #[command(subcommand)]
        action: Option<SettingsAction>,
    },
    /// Finish Lull's first run from a terminal: work hours and whether it may hold other apps'
    /// notifications (asked when run at a prompt without flags)
    #[command(after_help = SETUP_HELP)]
    Setup(SetupArgs),
    /// Run Lull without any window: the engine and the local API, until Ctrl-C or SIGTERM
    Serve {
        /// Loopback port for the API (0 picks a free one)
        #[arg(long, env = "LULL_PORT", default_value_t = lull_api::DEFAULT_PORT)]
        port: u16,
        /// Log debug messages too (to stderr and the data directory's logs/)
        #[arg(long)]
        verbose: bool,
    },
    /// Keep a source's token or password in the desktop's keyring (read from stdin), or forget it
    #[command(after_help = SECRET_HELP)]
    Secret {
        #[command(subcommand)]
        action: SecretAction,
    },
    /// Print a shell completion script
    #[command(
        after_help = "Example: lull completions bash > ~/.local/share/bash-completion/completions/lull"
    )]
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Write the manual pages (lull.1 and one per subcommand) into DIR, for packagers
    #[command(hide = true)]
    Manpages {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
}

const PROPOSALS_HELP: &str = "\
With a daily goal (`focus_time.daily_minutes` in the settings), Lull proposes focus blocks in
the free gaps of your work hours and calendars. An accepted block starts at its time; a skipped
one's time is not proposed again today.

Examples:
  lull proposals               today's proposals and accepted blocks
  lull proposals accept 14:05  a block starts at 14:05
  lull proposals skip 1        not the first one
  lull proposals move 1 15:30  the first one at 15:30 instead";

const SECRET_HELP: &str = "\
A secret is never an argument (it would show in `ps` and the shell's history): it is read from
stdin, without echo at a terminal. It is kept in the Secret Service (gnome-keyring, KWallet), or
where none runs in secrets.json beside the API token (mode 0600); never in the settings or the
database. A running Lull uses it at its next connection (within 5 minutes).

Examples:
  lull secret set ntfy/home                  # the access token of the subscription \"home\"
  lull secret set gotify/nas                 # a Gotify server's client token
  lull secret set imap/work                  # the password of the mail account \"work\"
  pass show ntfy | lull secret set ntfy/home
  lull secret forget ntfy/home";

#[derive(Debug, Subcommand)]
pub enum SecretAction {
    /// Store the secret of SOURCE (`ntfy/<id>`, `gotify/<id>` or `imap/<id>`, as in the
    /// settings), replacing the one kept before
    Set { source: String },
    /// Forget the secret of SOURCE
    Forget { source: String },
}

const SETTINGS_HELP: &str = "\
Works whether Lull runs or not: a running Lull applies a new document at once; otherwise it is
written to the data directory's database and used when Lull starts. A document is the JSON that
`lull settings` prints (the `Settings` type in docs/api.md); fields left out get their defaults.

Example:
  lull settings > settings.json; $EDITOR settings.json; lull settings import settings.json";

#[derive(Debug, Subcommand)]
pub enum SettingsAction {
    /// Replace all the settings with a JSON document (FILE, or - for stdin): checked as a
    /// whole, and nothing changes unless all of it is valid
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

const SETUP_HELP: &str = "\
Until its first run is finished, a new Lull holds nothing by the clock and leaves the desktop's
notifications alone. At a prompt, `lull setup` asks; in a script, say it with flags:
  lull setup --yes                                  # the settings as they are
  lull setup --hours 08:30-12:00,13:00-17:00 --days mon-thu --hold no";

#[derive(Debug, Args)]
pub struct SetupArgs {
    /// Work hours on each work day, as HH:MM-HH:MM windows separated by commas
    #[arg(long, value_name = "WINDOWS")]
    pub hours: Option<String>,
    /// The work days for --hours: a range (mon-fri) or a list (mon,tue,thu)
    #[arg(long, value_name = "DAYS", default_value = "mon-fri", requires = "hours")]
    pub days: String,
    /// Hold other apps' notifications in Focus and Quiet, and switch the desktop's
    /// do-not-disturb (yes or no)
    #[arg(long, value_name = "yes|no", value_parser = yes_no)]
    pub hold: Option<bool>,
    /// Ask nothing: keep what the flags do not say
    #[arg(long, short)]
    pub yes: bool,
}

fn yes_no(text: &str) -> Result<bool, String> {
    yes_no_answer(text).map_err(|()| format!("{text:?}: say yes or no"))
}

/// yes / no (and y, n, on, off, true, false), as a flag or an answer at the prompt.
pub fn yes_no_answer(text: &str) -> Result<bool, ()> {
    match text.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "on" | "true" => Ok(true),
        "no" | "n" | "off" | "false" => Ok(false),
        _ => Err(()),
    }
}

const TOKEN_HELP: &str = "\
The control token (printed by `lull token`) does everything but change hooks; keep it to
yourself. Give each tool that sends you messages a publish token of its own instead: it may
only publish, and revoking it stops that tool alone.

Examples:
  lull token new CI                          # prints the token, once
  lull token new backup --topic 'backups*' --max-priority 3
  lull token list
  lull token revoke CI";

#[derive(Debug, Subcommand)]
pub enum ProposalAction {
    /// Accept a proposal: a block starts at its time
    Accept {
        /// Its start (HH:MM, today) or its number in `lull proposals`
        #[arg(value_name = "HH:MM|N")]
        which: String,
    },
    /// Skip a proposal (or an accepted block not yet started)
    Skip {
        /// Its start (HH:MM, today) or its number in `lull proposals`
        #[arg(value_name = "HH:MM|N")]
        which: String,
    },
    /// Move a proposal (or an accepted block) to another time today, and accept it there
    Move {
        /// Its start (HH:MM, today) or its number in `lull proposals`
        #[arg(value_name = "HH:MM|N")]
        which: String,
        /// Its new start, today
        #[arg(value_name = "HH:MM")]
        to: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum TokenAction {
    /// Make a publish token for a tool: it may only send messages. It is printed once, here
    New {
        /// What to call it ("CI", "backup"); unique among the working tokens
        name: String,
        /// Only these ntfy topics ('*' matches any run of characters); repeatable. Without
        /// one, any topic and Lull's and Gotify's endpoints too
        #[arg(long = "topic", value_name = "PATTERN")]
        topics: Vec<String>,
        /// Lower any higher priority to this (1–5), so the tool cannot break through a block
        #[arg(long, value_name = "1-5")]
        max_priority: Option<u8>,
        /// Print the token and its secret as JSON
        #[arg(long)]
        json: bool,
    },
    /// List the publish tokens (never their secrets)
    List {
        #[arg(long)]
        json: bool,
    },
    /// Revoke a publish token: it stops working at once; the messages it sent stay
    Revoke { name: String },
}

#[derive(Debug, Args)]
pub struct SendArgs {
    /// A headline
    #[arg(long, short)]
    pub title: Option<String>,
    /// 1 (min) to 5 (max); 3 when absent
    #[arg(long, short, value_parser = clap::value_parser!(u8).range(1..=5))]
    pub priority: Option<u8>,
    /// Comma-separated tags
    #[arg(long, value_delimiter = ',', value_name = "TAGS")]
    pub tags: Vec<String>,
    /// A URL to open from the message
    #[arg(long, value_name = "URL")]
    pub link: Option<String>,
    /// Who it is from
    #[arg(long, value_name = "NAME")]
    pub sender: Option<String>,
    /// Group messages with the same key
    #[arg(long, value_name = "KEY")]
    pub thread: Option<String>,
    /// Send the same key twice and it is kept once
    #[arg(long, value_name = "KEY")]
    pub dedupe_key: Option<String>,
    /// Print the receipt as JSON
    #[arg(long)]
    pub json: bool,
    /// The body, as words; `-` or nothing reads stdin
    #[arg(value_name = "MESSAGE")]
    pub message: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print the messages as JSON
    #[arg(long)]
    pub json: bool,
    /// At most N messages
    #[arg(long, short = 'n', value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: Option<u32>,
}

#[derive(Debug, Args)]
pub struct Ids {
    /// Message ids
    #[arg(value_name = "IDS", required = true, num_args = 1..)]
    pub ids: Vec<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
    Markdown,
}

impl ExportFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Json => "json",
            Self::Csv => "csv",
            Self::Markdown => "markdown",
        }
    }
}

fn parse_duration(s: &str) -> Result<u64, String> {
    duration::parse(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn focus_takes_a_duration_and_an_intent_of_several_words() {
        let cli = Cli::try_parse_from(["lull", "focus", "50m", "write", "the", "report"]).expect("parses");
        match cli.command {
            Command::Focus { duration, intent } => {
                assert_eq!(duration.as_deref(), Some("50m"));
                assert_eq!(intent, ["write", "the", "report"]);
            }
            other => panic!("expected focus, got {other:?}"),
        }
    }

    #[test]
    fn send_options_may_follow_the_message_words() {
        let cli =
            Cli::try_parse_from(["lull", "send", "hello", "--title", "hi", "--tags", "a,b"]).expect("parses");
        let Command::Send(args) = cli.command else { panic!("expected send") };
        assert_eq!(args.message, ["hello"], "the words");
        assert_eq!(args.title.as_deref(), Some("hi"));
        assert_eq!(args.tags, ["a", "b"], "tags split on commas");
    }

    #[test]
    fn priorities_outside_one_to_five_are_usage_errors() {
        let err = Cli::try_parse_from(["lull", "send", "--priority", "6", "x"]).expect_err("refused");
        assert_eq!(err.exit_code(), 2);
    }
}

/// `lull inbox --view`: the window's views other than the inbox itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ViewArg {
    Pinned,
    Snoozed,
    Done,
}

impl From<ViewArg> for lull_core::request::InboxView {
    fn from(view: ViewArg) -> Self {
        match view {
            ViewArg::Pinned => Self::Pinned,
            ViewArg::Snoozed => Self::Snoozed,
            ViewArg::Done => Self::Done,
        }
    }
}
