//! Settings, the day's overrides and the stats view.

use chrono::{DateTime, Utc};
use lull_core::{Engine, ErrorBody, Settings, Stats, TimeOfDay};
use tauri::State;

type Answer<T> = Result<T, ErrorBody>;

#[tauri::command]
pub async fn settings(engine: State<'_, Engine>) -> Answer<Settings> {
    engine.settings().await.map_err(|err| err.body())
}

#[tauri::command]
pub async fn update_settings(engine: State<'_, Engine>, settings: Settings) -> Answer<Settings> {
    engine.update_settings(settings).await.map_err(|err| err.body())
}

#[tauri::command]
pub async fn stats(engine: State<'_, Engine>, weeks: u32) -> Answer<Stats> {
    engine.stats(weeks).await.map_err(|err| err.body())
}

#[tauri::command]
pub async fn working_late(engine: State<'_, Engine>, until: TimeOfDay) -> Answer<DateTime<Utc>> {
    engine.working_late(until).await.map_err(|err| err.body())
}

#[tauri::command]
pub async fn done_for_today(engine: State<'_, Engine>) -> Answer<DateTime<Utc>> {
    engine.done_for_today().await.map_err(|err| err.body())
}

#[tauri::command]
pub async fn clear_overrides(engine: State<'_, Engine>) -> Answer<()> {
    engine.clear_overrides().await.map_err(|err| err.body())
}
