//! Starting, extending and stopping focus blocks.

use lull_core::{Engine, ErrorBody, FocusBlock, Status};
use tauri::State;

#[tauri::command]
pub async fn status(engine: State<'_, Engine>) -> Result<Status, ErrorBody> {
    Ok(engine.status())
}

#[tauri::command]
pub async fn start_focus(
    engine: State<'_, Engine>,
    duration_secs: i64,
    intent: Option<String>,
) -> Result<FocusBlock, ErrorBody> {
    engine.start_focus(duration_secs, intent).await.map_err(|err| err.body())
}

#[tauri::command]
pub async fn extend_focus(engine: State<'_, Engine>, secs: i64) -> Result<FocusBlock, ErrorBody> {
    engine.extend_focus(secs).await.map_err(|err| err.body())
}

#[tauri::command]
pub async fn stop_focus(engine: State<'_, Engine>) -> Result<FocusBlock, ErrorBody> {
    engine.stop_focus().await.map_err(|err| err.body())
}
