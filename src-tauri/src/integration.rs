//! What the settings view reports about the desktop: the API's address, capture and
//! do-not-disturb (run by `lull_server::desktop`), the global shortcut and autostart.

use std::path::PathBuf;
use std::sync::Mutex;

use lull_core::desktop::ShortcutStatus;
use lull_server::desktop::Desktop;

/// Where the API is, once `serve_api` knows.
#[derive(Debug, Clone)]
pub enum ApiState {
    Starting,
    Up(String),
    Down(String),
}

#[derive(Debug)]
pub struct Integration {
    pub data_dir: PathBuf,
    pub desktop: Desktop,
    pub api: Mutex<ApiState>,
    pub shortcut: Mutex<ShortcutStatus>,
}

impl Integration {
    pub fn new(data_dir: PathBuf, desktop: Desktop) -> Self {
        Self {
            data_dir,
            desktop,
            api: Mutex::new(ApiState::Starting),
            shortcut: Mutex::new(ShortcutStatus::default()),
        }
    }

    pub fn set_api(&self, state: ApiState) {
        if let Ok(mut api) = self.api.lock() {
            *api = state;
        }
    }

    pub fn api(&self) -> ApiState {
        self.api.lock().map_or(ApiState::Starting, |api| api.clone())
    }

    pub fn set_shortcut(&self, status: ShortcutStatus) {
        if let Ok(mut shortcut) = self.shortcut.lock() {
            *shortcut = status;
        }
    }

    pub fn shortcut(&self) -> ShortcutStatus {
        self.shortcut.lock().map(|s| s.clone()).unwrap_or_default()
    }
}
