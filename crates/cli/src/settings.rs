//! `lull settings`: print the settings document, or replace it (`lull settings import`), whether
//! or not Lull runs for the data directory.
//!
//! The one decision is who writes ([`crate::local`]). When an instance runs, it alone does: the
//! document goes over its instance socket (not the HTTP API, which may not change hooks: see
//! docs/api.md) and its engine applies it at once. When none runs, the command claims the data
//! directory and writes through the core ([`lull_core::Lull::update_settings`]): the same validation, all or
//! nothing, either way.

use std::io::{self, Read};
use std::path::Path;

use lull_core::Settings;
use serde_json::Value;

use crate::client::{CliError, Result, refusal_line};
use crate::local::{Owner, open, owner, settings_over_socket, with_instance};
use crate::{print_json, say};

/// Prints the settings as JSON.
pub fn print(data_dir: &Path) -> Result<()> {
    // A profile that was never used has the defaults; reading them creates nothing.
    if !data_dir.exists() {
        return print_json(&to_json(&Settings::default())?);
    }
    match owner(data_dir)? {
        // The server's JSON as it came, so fields newer than this client are not lost.
        Owner::Running { .. } => print_json(&with_instance(data_dir, |client| {
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
        Owner::Running { socket } => {
            // The document as written: the running engine judges it (a newer one may know fields
            // this client does not).
            settings_over_socket(&socket, &text)?.map_err(|err| {
                CliError::Io(format!(
                    "{name} was refused, nothing changed: {}",
                    refusal_line(&err.message, err.field.as_deref())
                ))
            })?;
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
