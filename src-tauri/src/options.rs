//! The desktop app's command line, as clap types (the same parser as the `lull` CLI, so `--help`,
//! errors and the manual page read alike).

use std::path::PathBuf;

use clap::error::ErrorKind;
use clap::{CommandFactory, Parser};

const ABOUT: &str = "Lull: focus blocks and an async inbox, in the tray";

const LONG_ABOUT: &str = "\
Lull: focus blocks and an async inbox.

Lull runs in the tray. While a focus block runs, or outside your work hours, it holds the
messages sent to it and other apps' notifications, and shows them in one digest when you are
open again. A second launch shows the running instance's window.";

const AFTER_HELP: &str = "\
Files:
  ~/.local/share/lull/lull.sqlite3   the inbox, the focus log, the settings
  ~/.local/share/lull/api.json       where the running instance listens
  ~/.local/share/lull/logs/          the last seven days' logs
  ~/.config/lull/token               the local API's control token

See also: lull(1), the command line for the running instance.";

#[derive(Debug, Parser)]
#[command(name = "lull-desktop", version, about = ABOUT, long_about = LONG_ABOUT, after_help = AFTER_HELP)]
struct Args {
    /// Keep the database and state in DIR (default: ~/.local/share/lull)
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Serve the local API on port N (0: any free port)
    #[arg(long, value_name = "N", default_value_t = lull_api::DEFAULT_PORT)]
    port: u16,
    /// Start in the tray without opening the window (for autostart)
    #[arg(long)]
    background: bool,
    /// Log debug messages too (to stderr and DIR/logs/)
    #[arg(long, short)]
    verbose: bool,
    /// Print the manual page (roff) and exit: for packagers
    #[arg(long, hide = true)]
    man_page: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub data_dir: PathBuf,
    pub port: u16,
    pub background: bool,
    pub verbose: bool,
}

#[derive(Debug)]
pub enum Parsed {
    Run(Options),
    /// Print this and exit successfully: the manual page (`--man-page`).
    Print(String),
}

/// The arguments after the program's name. A usage error, `--help` and `--version` come back as
/// clap's error, whose `exit()` prints it where it belongs (stdout for help) with its status.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Parsed, clap::Error> {
    let args = Args::try_parse_from(std::iter::once("lull-desktop".to_owned()).chain(args))?;
    if args.man_page {
        return Ok(Parsed::Print(man_page()));
    }
    let data_dir = match args.data_dir.or_else(lull_core::paths::default_data_dir) {
        Some(dir) => dir,
        None => {
            let message = "cannot find your data directory (no HOME?); pass --data-dir DIR";
            return Err(Args::command().error(ErrorKind::MissingRequiredArgument, message));
        }
    };
    let Args { port, background, verbose, .. } = args;
    Ok(Parsed::Run(Options { data_dir, port, background, verbose }))
}

fn man_page() -> String {
    let mut page = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = clap_mangen::Man::new(Args::command()).render(&mut page);
    String::from_utf8_lossy(&page).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_list(list: &[&str]) -> Result<Parsed, clap::Error> {
        parse(list.iter().map(|s| s.to_string()))
    }

    fn options(list: &[&str]) -> Options {
        match parse_list(list) {
            Ok(Parsed::Run(options)) => options,
            other => panic!("{list:?} does not parse to options: {other:?}"),
        }
    }

    #[test]
    fn data_dir_is_taken_in_both_spellings() {
        for list in [&["--data-dir", "/tmp/x"][..], &["--data-dir=/tmp/x"][..]] {
            let options = options(list);
            assert_eq!(options.data_dir, PathBuf::from("/tmp/x"));
            assert!(!options.background);
        }
    }

    #[test]
    fn unknown_arguments_and_a_missing_directory_are_usage_errors() {
        for list in [&["--nope"][..], &["--data-dir"][..], &["--data-dir", "/x", "--port", "99999"][..]] {
            let err = parse_list(list).expect_err("a usage error");
            assert_eq!(err.exit_code(), 2, "{list:?}: {err}");
        }
    }

    #[test]
    fn the_port_defaults_to_the_api_port() {
        assert_eq!(options(&["--data-dir", "/x"]).port, lull_api::DEFAULT_PORT);
        assert_eq!(options(&["--data-dir", "/x", "--port", "0"]).port, 0);
    }

    #[test]
    fn help_and_version_print_and_exit() {
        let help = parse_list(&["--help"]).expect_err("help is printed by clap");
        assert_eq!(help.kind(), ErrorKind::DisplayHelp);
        assert!(help.to_string().contains("--data-dir"));
        assert!(!help.to_string().contains("--man-page"), "the packagers' flag is hidden");
        let version = parse_list(&["--version"]).expect_err("the version is printed by clap");
        assert_eq!(version.kind(), ErrorKind::DisplayVersion);
        assert!(version.to_string().starts_with("lull-desktop "));
    }

    #[test]
    fn the_manual_page_names_every_option() {
        let Ok(Parsed::Print(page)) = parse_list(&["--man-page"]) else { panic!("prints the page") };
        assert!(page.contains(".TH lull-desktop 1"), "{page}");
        for option in ["data\\-dir", "port", "background", "verbose"] {
            assert!(page.contains(option), "the page has no {option}: {page}");
        }
    }
}
