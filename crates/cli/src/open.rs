//! `lull open`: starting the app a message came from, or opening its link, as the desktop does.
//! The CLI links no GUI toolkit, so it hands both to the desktop's own tools: `gio launch` (or
//! `gtk-launch`) for a desktop entry, `xdg-open` for a link.

use std::process::{Command, Stdio};

use lull_core::desktop_entry::DesktopEntry;
use lull_core::message::{Links, is_openable};

use crate::client::{CliError, Result};

/// Starts `entry`'s app with `gio launch`, or `gtk-launch` where GLib's tools are missing.
pub fn app(entry: &DesktopEntry) -> Result<()> {
    let tries: [(&str, Vec<&std::ffi::OsStr>); 2] =
        [("gio", vec!["launch".as_ref(), entry.path.as_os_str()]), ("gtk-launch", vec![entry.id.as_ref()])];
    for (tool, args) in tries {
        match run(tool, &args) {
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => continue,
            Err(err) => return Err(CliError::Io(format!("cannot start {}: {tool}: {err}", entry.name))),
            Ok(()) => return Ok(()),
        }
    }
    Err(CliError::Io(format!(
        "cannot start {}: neither gio (libglib2.0-bin) nor gtk-launch is installed",
        entry.name
    )))
}

/// Opens `url` with `xdg-open`: only http, https, mailto and mid, since a message is untrusted
/// and `file:` or a custom scheme could start anything.
pub fn link(url: &str) -> Result<()> {
    if !is_openable(url, Links::WebAndMail) {
        return Err(CliError::Io(format!("only {} links are opened", Links::WebAndMail.describe())));
    }
    run("xdg-open", &[url.as_ref()])
        .map_err(|err| CliError::Io(format!("cannot open the link: xdg-open: {err}")))
}

/// Runs `tool`, detached from the terminal; an exit status other than 0 is an error.
fn run(tool: &str, args: &[&std::ffi::OsStr]) -> std::io::Result<()> {
    let status = Command::new(tool)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .status()?;
    if status.success() { Ok(()) } else { Err(std::io::Error::other(format!("it exited with {status}"))) }
}
