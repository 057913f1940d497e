//! The first run: the window's flow finishes (or skips) it.

use lull_core::{Engine, ErrorBody, Status};
use tauri::State;

type Answer<T> = Result<T, ErrorBody>;

/// Finishes the first run; the status as it is now (Quiet may begin, do-not-disturb and capture
/// follow the settings from here on).
#[tauri::command]
pub async fn finish_first_run(engine: State<'_, Engine>) -> Answer<Status> {
    engine.finish_first_run().await?;
    Ok(engine.status())
}
