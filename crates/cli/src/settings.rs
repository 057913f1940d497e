//! `lull settings`: print the settings document, or replace it (`lull settings import`), whether
//! or not Lull runs for the data directory.
//!
//! The one decision is who writes. When an instance runs, it alone does: the document goes
//! through its API (`GET`/`PUT /v1/settings`) and its engine applies it at once. When none runs,
//! the command claims the data directory exactly as a starting instance would
//! ([`instance::claim`]), so an app starting meanwhile cannot open the database beside it, and
//! writes through the core ([`Lull::update_settings`]): the same validation, all or nothing.

use std::io::{self, Read};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use lull_core::{Lull, Settings, SystemClock, instance, paths};
use serde_json::Value;

use crate::client::{CliError, Client, Result, refusal_line};
use crate::{print_json, say};

/// How long to wait for an instance that holds the data directory but does not answer yet: it is
/// starting (the API comes up a moment after the claim).
const STARTING_GRACE: Duration = Duration::from_secs(15);

/// Prints the settings as JSON.
pub fn print(data_dir: &Path) -> Result<()> {
    // A profile that was never used has the defaults; reading them creates nothing.
    if !data_dir.exists() {
        return print_json(&to_json(&Settings::default())?);
    }
    match owner(data_dir)? {
        // The server's JSON as it came, so fields newer than this client are not lost.
        Owner::Running => print_json(&with_instance(data_dir, |client| {
            client.get::<Value>("/v1/settings", &serde_json::json!({}))
        })?),
        Owner::Nobody(_claim) => print_json(&to_json(open(data_dir)?.settings())?),
    }
}

/// Replaces the settings with the JSON document in `file` (`-`: stdin).
pub fn import(data_dir: &Path, file: &Path) -> Result<()> {
    let (name, text) = read(file)?;
    // Checked here first, so that a file that is not JSON at all is reported with its own line
    // and column, and nothing is claimed or sent for it.
    serde_json::from_str::<Value>(&text).map_err(|err| CliError::Io(format!("{name} is not JSON: {err}")))?;
    match owner(data_dir)? {
        Owner::Running => {
            // The document as written: the running engine judges it (a newer one may know fields
            // this client does not).
            let _: Value = with_instance(data_dir, |client| client.put_json("/v1/settings", &text))?;
            say("Settings replaced; Lull applied them.")
        }
        Owner::Nobody(_claim) => {
            let settings: Settings = serde_json::from_str(&text)
                .map_err(|err| CliError::Io(format!("{name} is not a Lull settings document: {err}")))?;
            open(data_dir)?.update_settings(settings).map_err(|err| {
                CliError::Io(format!(
                    "{name} was refused, nothing changed: {}",
                    refusal_line(&err.message, err.field.as_deref())
                ))
            })?;
            say("Settings replaced; Lull uses them when it starts.")
        }
    }
}

/// Who may write the data directory's settings.
enum Owner {
    /// An instance holds the data directory: only its API.
    Running,
    /// Nobody ran: this process now holds the claim, until the value is dropped.
    Nobody(instance::Guard),
}

fn owner(data_dir: &Path) -> Result<Owner> {
    let claim = instance::claim(data_dir).map_err(|err| {
        CliError::Io(format!("cannot use the data directory {}: {err}", data_dir.display()))
    })?;
    Ok(match claim {
        instance::Claim::First(guard) => Owner::Nobody(guard),
        instance::Claim::Second { .. } => Owner::Running,
    })
}

/// Calls the instance that holds `data_dir`, waiting a little for one that is still starting.
/// Retrying is safe: "not running" means the request reached nobody.
fn with_instance<T>(data_dir: &Path, call: impl Fn(&Client) -> Result<T>) -> Result<T> {
    let started = Instant::now();
    loop {
        match Client::find(data_dir).and_then(|client| call(&client)) {
            Err(CliError::NotRunning(_)) if started.elapsed() < STARTING_GRACE => {
                std::thread::sleep(Duration::from_millis(100));
            }
            Err(CliError::NotRunning(dir)) => {
                return Err(CliError::Io(format!(
                    "Lull runs for {} but its API does not answer (is its port taken?); change the \
                     settings in its window, or quit it and try again",
                    dir.display()
                )));
            }
            answer => return answer,
        }
    }
}

/// Opens the database as a starting instance would. What opening settles (a block that ended
/// while Lull was away, a digest for it) stays recorded and unannounced: the next start shows it.
fn open(data_dir: &Path) -> Result<Lull> {
    let (lull, _changes) = Lull::open(&paths::database(data_dir), Arc::new(SystemClock)).map_err(|err| {
        CliError::Io(format!("cannot open the database in {}: {}", data_dir.display(), err.message))
    })?;
    Ok(lull)
}

fn read(file: &Path) -> Result<(String, String)> {
    let mut text = String::new();
    if file == Path::new("-") {
        io::stdin()
            .lock()
            .read_to_string(&mut text)
            .map_err(|err| CliError::Io(format!("cannot read the settings from stdin: {err}")))?;
        return Ok(("stdin".to_owned(), text));
    }
    let name = file.display().to_string();
    text = std::fs::read_to_string(file).map_err(|err| CliError::Io(format!("cannot read {name}: {err}")))?;
    Ok((name, text))
}

fn to_json(settings: &Settings) -> Result<Value> {
    serde_json::to_value(settings).map_err(|err| CliError::Io(err.to_string()))
}
