//! The desktop integration's state for the settings view, the API token and autostart.

use crate::integration::{DesktopStatus, SetAutostart, Sources};
use lull_core::request::StoreSecret;
use lull_core::{ErrorBody, ErrorCode, subscriptions};
use lull_secrets::Secret;
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
        presence: integration.desktop.presence(),
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
    let report = integration.desktop.report();
    Ok(Sources {
        api_url,
        api_error,
        api_warning,
        token,
        ntfy: report.ntfy,
        gotify: report.gotify,
        imap: report.imap,
        calendars: report.calendars,
        secrets: report.secrets,
    })
}

/// Keeps a source's token or password in the Secret Service (or, where none runs, the 0600 file
/// beside the API token), or forgets it; whether there was one to keep or forget. The secret goes
/// from the window to the keyring and is never sent back.
#[tauri::command]
pub async fn store_secret(integration: State<'_, Integration>, request: StoreSecret) -> Answer<bool> {
    let key = subscriptions::secret_key(&request.source)?;
    let secrets = lull_boot::open_secrets(&integration.data_dir).await;
    let kept = match &request.secret {
        Some(secret) => {
            subscriptions::check_secret(secret)?;
            let label = format!("Lull: {}", request.source);
            secrets.store(&key, &label, &Secret::new(secret.as_str())).await.map(|()| true)
        }
        None => secrets.delete(&key).await,
    };
    kept.map_err(|err| failure(format!("cannot keep the secret: {err}")))
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
