//! Small documents kept as JSON: the settings and the engine's own state.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_path_to_error::Segment;

use crate::error::{Error, ErrorCode, Result};

/// The settings document. Fields this build does not know (written by a newer Lull before a
/// downgrade) are ignored, the rest is read as usual; the settings types themselves stay strict,
/// so input from the API or the app with an unknown field is still refused.
pub(crate) fn load_settings<T: DeserializeOwned>(conn: &Connection) -> Result<Option<T>> {
    let json: Option<String> =
        conn.query_row("SELECT json FROM settings WHERE id = 1", [], |r| r.get(0)).optional()?;
    json.map(|json| parse_ignoring_unknown_fields(&json, "settings")).transpose()
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

pub(crate) fn delete(conn: &Connection, key: &str) -> Result<()> {
    conn.execute("DELETE FROM engine_state WHERE key = ?1", [key])?;
    Ok(())
}

fn parse<T: DeserializeOwned>(json: &str, what: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|err| corrupt(what, &err))
}

/// The most unknown fields dropped from one document before giving up on it.
const MAX_UNKNOWN_FIELDS: usize = 1000;

/// Parses `json` as `T`, dropping each field that `T` refuses as unknown (found by its path, so
/// only that field goes and a field of the same name elsewhere stays). Anything else that does
/// not fit (a wrong type, an unknown enum variant) is still a damaged document.
fn parse_ignoring_unknown_fields<T: DeserializeOwned>(json: &str, what: &str) -> Result<T> {
    let mut doc: serde_json::Value = parse(json, what)?;
    for _ in 0..MAX_UNKNOWN_FIELDS {
        let err = match serde_path_to_error::deserialize::<_, T>(&doc) {
            Ok(value) => return Ok(value),
            Err(err) => err,
        };
        let path: Vec<Segment> = err.path().iter().cloned().collect();
        let removed = unknown_field_name(&err.inner().to_string())
            .is_some_and(|name| remove_field(&mut doc, &path, &name));
        if !removed {
            return Err(corrupt(what, err.inner()));
        }
    }
    Err(corrupt(what, &format!("more than {MAX_UNKNOWN_FIELDS} unknown fields")))
}

/// The field named by serde's "unknown field `name`, expected …" message.
fn unknown_field_name(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    rest.find('`').map(|end| rest[..end].to_owned())
}

/// Removes the field `name` that `path` leads to: the path ends at the field itself, or (inside
/// an internally tagged enum, whose fields serde reads from a buffer) at the object holding it.
fn remove_field(doc: &mut serde_json::Value, path: &[Segment], name: &str) -> bool {
    let holder = match path.split_last() {
        Some((Segment::Map { key }, parent)) if key == name => parent,
        _ => path,
    };
    let mut node = doc;
    for segment in holder {
        let next = match segment {
            Segment::Map { key } => node.get_mut(key.as_str()),
            Segment::Seq { index } => node.get_mut(*index),
            Segment::Enum { .. } | Segment::Unknown => None,
        };
        let Some(next) = next else { return false };
        node = next;
    }
    node.as_object_mut().is_some_and(|object| object.remove(name).is_some())
}

fn corrupt(what: &str, err: &dyn std::fmt::Display) -> Error {
    Error::new(
        ErrorCode::DatabaseCorrupt,
        format!("the stored {what} cannot be read ({err}); the file was left as it is"),
    )
}

fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value)
        .map_err(|err| Error::new(ErrorCode::Storage, format!("cannot encode: {err}")))
}
