//! The desktop app's command line. Small enough that a hand-written parser reads better than a
//! dependency; the `lull` CLI has the full one.

use std::path::PathBuf;

pub const USAGE: &str = "\
Usage: lull-desktop [--data-dir DIR] [--port N] [--background] [--verbose]

Lull: focus blocks and an async inbox. Runs in the tray; a second launch shows the first one's window.

Options:
  --data-dir DIR   keep the database and state in DIR (default: ~/.local/share/lull)
  --port N         serve the local API on port N (default 8737; 0: any free port)
  --background     start in the tray without opening the window (for autostart)
  --verbose        log debug messages too (to stderr and DIR/logs/)
  --version        print the version
  --help           print this help";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub data_dir: PathBuf,
    pub port: u16,
    pub background: bool,
    pub verbose: bool,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Parsed {
    Run(Options),
    /// Print this and exit successfully (`--help`, `--version`).
    Print(String),
}

pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Parsed, String> {
    let mut data_dir = None;
    let mut background = false;
    let mut verbose = false;
    let mut port = lull_api::DEFAULT_PORT;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--data-dir" => {
                let dir = args.next().ok_or("--data-dir needs a directory")?;
                data_dir = Some(PathBuf::from(dir));
            }
            s if s.starts_with("--data-dir=") => data_dir = Some(PathBuf::from(&s["--data-dir=".len()..])),
            "--port" => {
                let value = args.next().ok_or("--port needs a number")?;
                port = value.parse().map_err(|_| format!("--port takes 0 to 65535 (got {value:?})"))?;
            }
            "--background" => background = true,
            "--verbose" | "-v" => verbose = true,
            "--version" | "-V" => {
                return Ok(Parsed::Print(format!("lull-desktop {}", env!("CARGO_PKG_VERSION"))));
            }
            "--help" | "-h" => return Ok(Parsed::Print(USAGE.to_owned())),
            other => return Err(format!("unknown argument {other:?}\n\n{USAGE}")),
        }
    }
    let data_dir = match data_dir {
        Some(dir) => dir,
        None => lull_core::paths::default_data_dir()
            .ok_or("cannot find your data directory; pass --data-dir DIR")?,
    };
    Ok(Parsed::Run(Options { data_dir, port, background, verbose }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn data_dir_is_taken_in_both_spellings() {
        for list in [&["--data-dir", "/tmp/x"][..], &["--data-dir=/tmp/x"][..]] {
            let Ok(Parsed::Run(options)) = parse(args(list)) else { panic!("parses {list:?}") };
            assert_eq!(options.data_dir, PathBuf::from("/tmp/x"));
            assert!(!options.background);
        }
    }

    #[test]
    fn unknown_arguments_and_a_missing_directory_are_errors() {
        assert!(parse(args(&["--nope"])).is_err());
        assert!(parse(args(&["--data-dir"])).is_err());
        assert!(parse(args(&["--data-dir", "/x", "--port", "99999"])).is_err());
    }

    #[test]
    fn the_port_defaults_to_the_api_port() {
        let Ok(Parsed::Run(options)) = parse(args(&["--data-dir", "/x"])) else { panic!("parses") };
        assert_eq!(options.port, lull_api::DEFAULT_PORT);
        let Ok(Parsed::Run(options)) = parse(args(&["--data-dir", "/x", "--port", "0"])) else {
            panic!("parses")
        };
        assert_eq!(options.port, 0);
    }

    #[test]
    fn help_and_version_print_and_exit() {
        assert!(matches!(parse(args(&["--help"])), Ok(Parsed::Print(s)) if s.contains("--data-dir")));
        assert!(
            matches!(parse(args(&["--version"])), Ok(Parsed::Print(s)) if s.starts_with("lull-desktop "))
        );
    }
}
