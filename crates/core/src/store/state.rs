//! Small documents kept as JSON: the settings and the engine's own state.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{Error, ErrorCode, Result};

pub(crate) fn load_settings<T: DeserializeOwned>(conn: &Connection) -> Result<Option<T>> {
    let json: Option<String> =
        conn.query_row("SELECT json FROM settings WHERE id = 1", [], |r| r.get(0)).optional()?;
    json.map(|json| parse(&json, "settings")).transpose()
}

pub(crate) fn save_settings<T: Serialize>(conn: &Connection, settings: &T) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (id, json) VALUES (1, ?1) ON CONFLICT (id) DO UPDATE SET json = excluded.json",
        params![to_json(settings)?],
    )?;
    Ok(())
}

pub(crate) fn load<T: DeserializeOwned>(conn: &Connection, key: &str) -> Result<Option<T>> {
    let json: Option<String> =
        conn.query_row("SELECT value FROM engine_state WHERE key = ?1", [key], |r| r.get(0)).optional()?;
    json.map(|json| parse(&json, key)).transpose()
}

pub(crate) fn save<T: Serialize>(conn: &Connection, key: &str, value: &T) -> Result<()> {
    conn.execute(
        "INSERT INTO engine_state (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, to_json(value)?],
    )?;
    Ok(())
}

fn parse<T: DeserializeOwned>(json: &str, what: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|err| {
        Error::new(
            ErrorCode::DatabaseCorrupt,
            format!("the stored {what} cannot be read ({err}); the file was left as it is"),
        )
    })
}

fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value)
        .map_err(|err| Error::new(ErrorCode::Storage, format!("cannot encode: {err}")))
}
