//! Where Lull keeps the passwords and tokens of its sources (an ntfy access token, a Gotify client
//! token, an IMAP password): the desktop's Secret Service (gnome-keyring, KWallet) over D-Bus,
//! never the SQLite file or the settings JSON. Where no Secret Service answers (a headless
//! `lull serve`), a file in the config directory that only its owner can read; [`Secrets::backend`]
//! says which, for the status lines that show it.
//!
//! A secret is found by its key (`"source/ntfy-home"`) within its profile (the data directory), so
//! two profiles of one user never read each other's. The Secret Service session is `plain`: the
//! value crosses the user's own session bus, which only the user's processes can reach, and lies
//! encrypted at rest in the keyring (libsecret's own tools negotiate the same when asked).

mod file;
mod service;

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use file::FILE_NAME;

/// A password or token: its `Debug` never shows it, so a stray `{:?}` cannot log it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The value itself, for the one place that sends it (an `Authorization` header, a LOGIN).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// Where the secrets are kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Backend {
    /// The desktop's Secret Service (`org.freedesktop.secrets`).
    SecretService,
    /// No Secret Service answered: a file only its owner can read.
    File { path: PathBuf },
}

/// Why a secret could not be kept or read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the Secret Service did not answer: {0}")]
    Service(#[from] zbus::Error),
    #[error("the keyring is locked and unlocking it was dismissed")]
    Dismissed,
    #[error("the keyring asked for a password and no one answered within {secs} s")]
    PromptTimedOut { secs: u64 },
    #[error("the secret kept under {key} is not text")]
    NotText { key: String },
    #[error("cannot use the secrets file {}: {source}", path.display())]
    File { path: PathBuf, source: std::io::Error },
    #[error("the secrets file {} is not Lull's secrets file (left as it is): {reason}", path.display())]
    Corrupt { path: PathBuf, reason: String },
}

pub type Result<T> = std::result::Result<T, Error>;

/// The secrets of one profile.
#[derive(Debug)]
pub struct Secrets {
    store: Store,
    profile: String,
}

#[derive(Debug)]
enum Store {
    Service(service::Keyring),
    File(file::SecretsFile),
}

impl Secrets {
    /// The Secret Service on the session bus when one answers (it may be started by D-Bus
    /// activation), else the file [`FILE_NAME`] in `config_dir`. `profile` is the data directory.
    pub async fn open(profile: &Path, config_dir: &Path) -> Self {
        let bus = zbus::Connection::session().await.map_err(Error::Service);
        Self::open_on(bus, profile, config_dir).await
    }

    /// As [`Secrets::open`], on `bus` (or without one).
    pub async fn open_on(bus: Result<zbus::Connection>, profile: &Path, config_dir: &Path) -> Self {
        let keyring = match bus {
            Ok(bus) => Self::on_bus(&bus, profile).await,
            Err(err) => Err(err),
        };
        keyring.unwrap_or_else(|err| {
            let path = config_dir.join(FILE_NAME);
            tracing::info!("no Secret Service ({err}); secrets are kept in {}", path.display());
            Self::in_file(&path, profile)
        })
    }

    /// The Secret Service on `bus`.
    pub async fn on_bus(bus: &zbus::Connection, profile: &Path) -> Result<Self> {
        let keyring = service::Keyring::open(bus).await?;
        Ok(Self { store: Store::Service(keyring), profile: profile_of(profile) })
    }

    /// The file at `path`, whatever the desktop offers.
    pub fn in_file(path: &Path, profile: &Path) -> Self {
        Self { store: Store::File(file::SecretsFile::new(path)), profile: profile_of(profile) }
    }

    pub fn backend(&self) -> Backend {
        match &self.store {
            Store::Service(_) => Backend::SecretService,
            Store::File(file) => Backend::File { path: file.path().to_owned() },
        }
    }

    /// Keeps `secret` under `key`, replacing what was there. `label` is what a keyring manager
    /// (Seahorse, KWalletManager) lists it as.
    pub async fn store(&self, key: &str, label: &str, secret: &Secret) -> Result<()> {
        match &self.store {
            Store::Service(keyring) => keyring.store(label, &self.attributes(key), secret.expose()).await,
            Store::File(file) => file.store(&self.profile, key, secret.expose()),
        }
    }

    /// The secret kept under `key`, if any.
    pub async fn read(&self, key: &str) -> Result<Option<Secret>> {
        let value = match &self.store {
            Store::Service(keyring) => keyring.read(&self.attributes(key)).await?,
            Store::File(file) => file.read(&self.profile, key)?.map(String::into_bytes),
        };
        value
            .map(|bytes| {
                String::from_utf8(bytes).map(Secret).map_err(|_| Error::NotText { key: key.to_owned() })
            })
            .transpose()
    }

    /// Forgets the secret under `key`; whether there was one.
    pub async fn delete(&self, key: &str) -> Result<bool> {
        match &self.store {
            Store::Service(keyring) => keyring.delete(&self.attributes(key)).await,
            Store::File(file) => file.delete(&self.profile, key),
        }
    }

    fn attributes<'a>(&'a self, key: &'a str) -> Vec<(&'static str, &'a str)> {
        vec![(service::APPLICATION, service::APP_ID), ("profile", &self.profile), ("key", key)]
    }
}

fn profile_of(data_dir: &Path) -> String {
    data_dir.to_string_lossy().into_owned()
}
