//! `lull secret set|forget SOURCE`: a source's token or password into the Secret Service (or the
//! fallback file) and out of it, straight from the terminal, so a secret never crosses the API,
//! never sits in the settings and never appears in a command line.

use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::path::Path;

use lull_secrets::Secret;

use crate::cli::SecretAction;
use crate::client::{CliError, Result};

pub fn run(data_dir: &Path, action: SecretAction) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|err| CliError::Io(format!("cannot start: {err}")))?;
    runtime.block_on(async {
        let (source, set) = match &action {
            SecretAction::Set { source } => (source, true),
            SecretAction::Forget { source } => (source, false),
        };
        let key = key_of(source)?;
        let secrets = lull_boot::open_secrets(data_dir).await;
        let kept_in = match secrets.backend() {
            lull_secrets::Backend::SecretService => "the desktop's keyring".to_owned(),
            lull_secrets::Backend::File { path } => format!("{} (no Secret Service runs)", path.display()),
        };
        if set {
            let secret = read_secret(source)?;
            secrets
                .store(&key, &format!("Lull: {source}"), &secret)
                .await
                .map_err(|err| CliError::Io(err.to_string()))?;
            println!("Kept the secret of {source} in {kept_in}.");
        } else {
            let forgotten = secrets.delete(&key).await.map_err(|err| CliError::Io(err.to_string()))?;
            if forgotten {
                println!("Forgot the secret of {source} ({kept_in}).");
            } else {
                println!("No secret of {source} was kept ({kept_in}).");
            }
        }
        Ok(())
    })
}

fn key_of(source: &str) -> Result<String> {
    lull_core::subscriptions::secret_key(source).map_err(|err| CliError::Io(err.message))
}

/// One line from a terminal (not echoed), or everything piped in, without its final newline.
fn read_secret(source: &str) -> Result<Secret> {
    let stdin = io::stdin();
    let text = if stdin.is_terminal() {
        eprint!("Token or password for {source}: ");
        let _ = io::stderr().flush();
        let echo = Echo::off();
        let mut line = String::new();
        let read = stdin.lock().read_line(&mut line);
        drop(echo);
        eprintln!();
        read.map_err(|err| CliError::Io(err.to_string()))?;
        line
    } else {
        let mut all = String::new();
        stdin
            .lock()
            .read_to_string(&mut all)
            .map_err(|err| CliError::Io(format!("stdin is not text: {err}")))?;
        all
    };
    let text = text.strip_suffix('\n').map(|t| t.strip_suffix('\r').unwrap_or(t)).unwrap_or(&text);
    lull_core::subscriptions::check_secret(text).map_err(|err| CliError::Io(err.message))?;
    Ok(Secret::new(text))
}

/// The terminal's echo, off until dropped.
struct Echo(Option<libc::termios>);

impl Echo {
    fn off() -> Self {
        // SAFETY: tcgetattr/tcsetattr on stdin with a termios they fill in; failures leave echo on.
        unsafe {
            let mut saved: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(libc::STDIN_FILENO, &mut saved) != 0 {
                return Self(None);
            }
            let mut quiet = saved;
            quiet.c_lflag &= !libc::ECHO;
            if libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &quiet) != 0 {
                return Self(None);
            }
            Self(Some(saved))
        }
    }
}

impl Drop for Echo {
    fn drop(&mut self) {
        if let Some(saved) = &self.0 {
            // SAFETY: restores what tcgetattr returned.
            unsafe {
                libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, saved);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_is_a_kind_and_a_subscription_id() {
        assert_eq!(key_of("ntfy/home").ok().as_deref(), Some("source/ntfy/home"));
        assert_eq!(key_of("imap/work").ok().as_deref(), Some("source/imap/work"));
        for bad in
            ["home", "ntfy/", "smtp/work", "ntfy/../x", "ntfy/a b", &format!("ntfy/{}", "x".repeat(33))]
        {
            assert!(key_of(bad).is_err(), "{bad} is refused");
        }
    }
}
