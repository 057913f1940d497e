//! The fallback where no Secret Service runs: one JSON file, mode 0600, replaced whole on every
//! change (written beside it, synced, renamed), so a crash mid-write leaves the old file. A file
//! that is not ours (unreadable JSON) is an error and is never overwritten: the secrets in it would
//! be lost.

use std::collections::BTreeMap;
use std::fs;
use std::io::{ErrorKind, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// The file's name in the config directory.
pub const FILE_NAME: &str = "secrets.json";

const OWNER_ONLY: u32 = 0o600;

#[derive(Debug)]
pub(crate) struct SecretsFile {
    path: PathBuf,
}

/// The file's content: secrets by profile, then by key.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Content {
    version: u32,
    profiles: BTreeMap<String, BTreeMap<String, String>>,
}

impl SecretsFile {
    pub(crate) fn new(path: &Path) -> Self {
        Self { path: path.to_owned() }
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn read(&self, profile: &str, key: &str) -> Result<Option<String>> {
        Ok(self.load()?.profiles.get(profile).and_then(|keys| keys.get(key)).cloned())
    }

    pub(crate) fn store(&self, profile: &str, key: &str, secret: &str) -> Result<()> {
        let mut content = self.load()?;
        content.profiles.entry(profile.to_owned()).or_default().insert(key.to_owned(), secret.to_owned());
        self.save(&content)
    }

    pub(crate) fn delete(&self, profile: &str, key: &str) -> Result<bool> {
        let mut content = self.load()?;
        let Some(keys) = content.profiles.get_mut(profile) else { return Ok(false) };
        if keys.remove(key).is_none() {
            return Ok(false);
        }
        if keys.is_empty() {
            content.profiles.remove(profile);
        }
        self.save(&content)?;
        Ok(true)
    }

    fn load(&self) -> Result<Content> {
        let text = match fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(err) if err.kind() == ErrorKind::NotFound => {
                return Ok(Content { version: 1, ..Content::default() });
            }
            Err(err) if err.kind() == ErrorKind::InvalidData => {
                return Err(Error::Corrupt { path: self.path.clone(), reason: "not UTF-8".into() });
            }
            Err(source) => return Err(Error::File { path: self.path.clone(), source }),
        };
        self.tighten()?;
        serde_json::from_str(&text)
            .map_err(|err| Error::Corrupt { path: self.path.clone(), reason: err.to_string() })
    }

    /// A file someone made readable by others is made owner-only again before it is read.
    fn tighten(&self) -> Result<()> {
        let mode = fs::metadata(&self.path).map_err(|source| self.error(source))?.permissions().mode();
        if mode & 0o077 != 0 {
            tracing::warn!(
                "{} was readable by others (mode {:o}); made it 0600",
                self.path.display(),
                mode & 0o777
            );
            fs::set_permissions(&self.path, fs::Permissions::from_mode(OWNER_ONLY))
                .map_err(|source| self.error(source))?;
        }
        Ok(())
    }

    fn save(&self, content: &Content) -> Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir).map_err(|source| self.error(source))?;
        let temp = self.path.with_extension("json.new");
        let text =
            serde_json::to_vec_pretty(content).map_err(|err| self.error(std::io::Error::other(err)))?;
        let write = || -> std::io::Result<()> {
            let mut out = fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(true)
                .mode(OWNER_ONLY)
                .open(&temp)?;
            // An existing temp file keeps its mode through `open`: set it, whatever it was.
            out.set_permissions(fs::Permissions::from_mode(OWNER_ONLY))?;
            out.write_all(&text)?;
            out.sync_all()?;
            fs::rename(&temp, &self.path)?;
            fs::File::open(dir)?.sync_all()
        };
        write().map_err(|source| {
            let _ = fs::remove_file(&temp);
            self.error(source)
        })
    }

    fn error(&self, source: std::io::Error) -> Error {
        Error::File { path: self.path.clone(), source }
    }
}
