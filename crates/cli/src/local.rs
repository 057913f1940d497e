//! Who writes the data directory: the instance that runs for it, or (when none runs) this
//! process, which then claims the directory exactly as a starting instance would
//! ([`instance::claim`]), so an app starting meanwhile cannot open the database beside it.
//! `lull settings` and `lull token new|list|revoke` work either way.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use lull_core::{ErrorBody, Lull, SystemClock, instance, paths};

use crate::client::{CliError, Client, Result};

/// How long to wait for an instance that holds the data directory but does not answer yet: it is
/// starting (the API comes up a moment after the claim).
const STARTING_GRACE: Duration = Duration::from_secs(15);

/// Who may write the data directory.
pub enum Owner {
    /// An instance holds the data directory; `socket` reaches it.
    Running { socket: PathBuf },
    /// Nobody ran: this process now holds the claim, until the value is dropped.
    Nobody(instance::Guard),
}

pub fn owner(data_dir: &Path) -> Result<Owner> {
    let claim = instance::claim(data_dir).map_err(|err| {
        CliError::Io(format!("cannot use the data directory {}: {err}", data_dir.display()))
    })?;
    Ok(match claim {
        instance::Claim::First(guard) => Owner::Nobody(guard),
        instance::Claim::Second { socket } => Owner::Running { socket },
    })
}

/// Calls the instance that holds `data_dir`, waiting a little for one that is still starting.
/// Retrying is safe: "not running" means the request reached nobody.
pub fn with_instance<T>(data_dir: &Path, call: impl Fn(&Client) -> Result<T>) -> Result<T> {
    let started = Instant::now();
    loop {
        match Client::find(data_dir).and_then(|client| call(&client)) {
            Err(CliError::NotRunning(_)) if started.elapsed() < STARTING_GRACE => {
                std::thread::sleep(Duration::from_millis(100));
            }
            Err(CliError::NotRunning(dir)) => {
                return Err(CliError::Io(format!(
                    "Lull runs for {} but its API does not answer (is its port taken?); use its \
                     window, or quit it and try again",
                    dir.display()
                )));
            }
            answer => return answer,
        }
    }
}

/// Hands a settings document to the running instance over its socket (the one channel that may
/// change hooks); `Ok(Err(refusal))` when its engine refused the document.
pub fn settings_over_socket(socket: &Path, document: &str) -> Result<std::result::Result<(), ErrorBody>> {
    let answer = instance::ask_settings(socket, document).map_err(|err| {
        CliError::Io(format!("cannot reach the running Lull over {}: {err}", socket.display()))
    })?;
    let applied: std::result::Result<serde_json::Value, ErrorBody> = serde_json::from_str(&answer)
        .map_err(|_| CliError::Io("the running Lull gave no answer; is it starting?".to_owned()))?;
    Ok(applied.map(drop))
}

/// Opens the database as a starting instance would. What opening settles (a block that ended
/// while Lull was away, a digest for it) stays recorded and unannounced: the next start shows it.
pub fn open(data_dir: &Path) -> Result<Lull> {
    let (lull, _changes) = Lull::open(&paths::database(data_dir), Arc::new(SystemClock)).map_err(|err| {
        CliError::Io(format!("cannot open the database in {}: {}", data_dir.display(), err.message))
    })?;
    Ok(lull)
}
