//! The desktop integration's state for the settings view, the API token and autostart.

use crate::integration::{DesktopStatus, SetAutostart, Sources};
use lull_core::{ErrorBody, ErrorCode};
use tauri::{AppHandle, State};
use tauri_plugin_autostart::ManagerExt;

use crate::integration::{ApiState, Integration};

type Answer<T> = Result<T, ErrorBody>;

#[tauri::command]
pub fn desktop(app: AppHandle, integration: State<'_, Integration>) -> DesktopStatus {
    DesktopStatus {
        capture: integration.desktop.capture(),
        dnd: integration.desktop.dnd(),
        autostart: app.autolaunch().is_enabled().unwrap_or(false),
        shortcut: integration.shortcut(),
        tray: integration.tray,
    }
}

#[tauri::command]
pub fn set_autostart(
    app: AppHandle,
    integration: State<'_, Integration>,
    request: SetAutostart,
) -> Answer<DesktopStatus> {
    let autolaunch = app.autolaunch();
    let result = if request.enabled { autolaunch.enable() } else { autolaunch.disable() };
    result.map_err(|err| failure(format!("cannot change starting at login: {err}")))?;
    Ok(desktop(app, integration))
}

#[tauri::command]
pub fn sources(integration: State<'_, Integration>) -> Answer<Sources> {
    let token_file = lull_core::paths::token(&integration.data_dir);
    let token = lull_core::token::read(&token_file)
        .map_err(|err| failure(format!("cannot read the API token: {err}")))?;
    let (api_url, api_error, api_warning) = match integration.api() {
        ApiState::Up(url, warning) => (Some(url), None, warning),
        ApiState::Down(err) => (None, Some(err), None),
        ApiState::Starting => (None, Some("the local API is starting".into()), None),
    };
    Ok(Sources { api_url, api_error, api_warning, token })
}

/// Replaces the API token; clients with the old one are refused from now on.
#[tauri::command]
pub fn rotate_token(integration: State<'_, Integration>) -> Answer<String> {
    lull_core::token::rotate(&lull_core::paths::token(&integration.data_dir))
        .map_err(|err| failure(format!("cannot write a new token: {err}")))
}

/// Closes the window that asks (Ctrl+W): destroyed, not hidden, so its web view ends with it.
#[tauri::command]
pub fn close_window(window: tauri::WebviewWindow) -> Answer<()> {
    window.destroy().map_err(|err| failure(format!("cannot close the window: {err}")))
}

/// The operating system refused: a file, the autostart entry, the window.
fn failure(message: String) -> ErrorBody {
    ErrorBody { code: ErrorCode::System, message, field: None }
}
