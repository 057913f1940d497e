//! Settings, the day's overrides and the stats view.

use chrono::{DateTime, Utc};
use lull_core::request::{StatsRequest, WorkingLate};
use lull_core::{Engine, ErrorBody, Settings, Stats};
use tauri::State;

type Answer<T> = Result<T, ErrorBody>;

#[tauri::command]
pub async fn settings(engine: State<'_, Engine>) -> Answer<Settings> {
    Ok(engine.settings().await?)
}

#[tauri::command]
pub async fn update_settings(engine: State<'_, Engine>, settings: Settings) -> Answer<Settings> {
    Ok(engine.update_settings(settings).await?)
}

#[tauri::command]
pub async fn stats(engine: State<'_, Engine>, request: StatsRequest) -> Answer<Stats> {
    Ok(engine.stats(request.weeks()).await?)
}

#[tauri::command]
pub async fn working_late(engine: State<'_, Engine>, request: WorkingLate) -> Answer<DateTime<Utc>> {
    Ok(engine.working_late(request.until).await?)
}

#[tauri::command]
pub async fn done_for_today(engine: State<'_, Engine>) -> Answer<DateTime<Utc>> {
    Ok(engine.done_for_today().await?)
}

#[tauri::command]
pub async fn clear_overrides(engine: State<'_, Engine>) -> Answer<()> {
    Ok(engine.clear_overrides().await?)
}
