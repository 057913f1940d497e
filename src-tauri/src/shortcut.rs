//! The global shortcut that toggles focus: starts a block of the first preset, or stops the
//! running one. Registered from the settings, again whenever they change. Global shortcuts
//! work on X11; Wayland compositors offer none to applications, which the settings view says.

use lull_core::desktop::ShortcutStatus;
use lull_core::{Change, Engine};
use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_global_shortcut::{GlobalShortcutExt, ShortcutState};

use crate::integration::Integration;

pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    tauri_plugin_global_shortcut::Builder::new()
        .with_handler(|app, _shortcut, event| {
            if event.state() == ShortcutState::Pressed {
                toggle_focus(app.state::<Engine>().inner().clone());
            }
        })
        .build()
}

fn toggle_focus(engine: Engine) {
    tauri::async_runtime::spawn(async move {
        let result = if engine.status().block.is_some() {
            engine.stop_focus().await.map(drop)
        } else {
            let minutes =
                engine.settings().await.ok().and_then(|s| s.focus_presets.first().copied()).unwrap_or(25);
            engine.start_focus(i64::from(minutes) * 60, None).await.map(drop)
        };
        if let Err(err) = result {
            lull_server::notify::show("Lull".into(), err.message, notify_rust::Urgency::Low);
        }
    });
}

/// Registers the shortcut the settings name, now and after every change of settings.
pub async fn follow(app: AppHandle, engine: Engine) {
    let mut changes = engine.subscribe();
    let mut current = engine.settings().await.ok().and_then(|s| s.shortcut);
    loop {
        register(&app, current.as_deref());
        loop {
            match changes.recv().await {
                Ok(Change::SettingsChanged { settings }) if settings.shortcut != current => {
                    current = settings.shortcut;
                    break;
                }
                Ok(_) | Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
            }
        }
    }
}

fn register(app: &AppHandle, accelerator: Option<&str>) {
    let shortcuts = app.global_shortcut();
    let _ = shortcuts.unregister_all();
    let status = match accelerator {
        None => ShortcutStatus { registered: false, detail: Some("no shortcut is set".into()) },
        Some(_) if std::env::var("XDG_SESSION_TYPE").is_ok_and(|t| t == "wayland") => ShortcutStatus {
            registered: false,
            detail: Some("Wayland gives applications no global shortcuts; bind `lull focus` / `lull stop` in your compositor instead".into()),
        },
        Some(accelerator) => match shortcuts.register(accelerator) {
            Ok(()) => ShortcutStatus { registered: true, detail: None },
            Err(err) => ShortcutStatus { registered: false, detail: Some(format!("{accelerator}: {err}")) },
        },
    };
    if let Some(integration) = app.try_state::<Integration>() {
        integration.set_shortcut(status);
    }
}
