//! Starting, extending and stopping focus blocks.

use lull_core::request::{ExtendFocus, StartFocus};
use lull_core::{Engine, ErrorBody, FocusBlock, Status};
use tauri::State;

#[tauri::command]
pub async fn status(engine: State<'_, Engine>) -> Result<Status, ErrorBody> {
    Ok(engine.status())
}

#[tauri::command]
pub async fn start_focus(engine: State<'_, Engine>, request: StartFocus) -> Result<FocusBlock, ErrorBody> {
    Ok(engine.start_focus(request.duration_secs, request.intent).await?)
}

#[tauri::command]
pub async fn extend_focus(engine: State<'_, Engine>, request: ExtendFocus) -> Result<FocusBlock, ErrorBody> {
    Ok(engine.extend_focus(request.secs).await?)
}

#[tauri::command]
pub async fn stop_focus(engine: State<'_, Engine>) -> Result<FocusBlock, ErrorBody> {
    Ok(engine.stop_focus().await?)
}
