//! Whether the desktop shows tray icons at all. Linux trays are StatusNotifierItems, which appear
//! only where a host has registered `org.kde.StatusNotifierWatcher` on the session bus (KDE,
//! Xfce, Cinnamon, sway's waybar, GNOME with the AppIndicator extension); stock GNOME has none,
//! and an app that starts "in the tray" there starts invisibly.

use zbus::Connection;
use zbus::names::BusName;

/// The bus name a tray host owns.
pub const WATCHER: &str = "org.kde.StatusNotifierWatcher";

/// Whether a tray host runs on the session bus; `false` without a session bus.
pub async fn host_present() -> bool {
    let Ok(bus) = Connection::session().await else { return false };
    let Ok(proxy) = zbus::fdo::DBusProxy::new(&bus).await else { return false };
    let Ok(name) = BusName::try_from(WATCHER) else { return false };
    proxy.name_has_owner(name).await.unwrap_or(false)
}

/// The desktop's colour scheme, as the XDG desktop portal tells it (`org.freedesktop.appearance`
/// `color-scheme`): what a monochrome tray icon's ink is chosen by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// Dark, or no preference: panels are dark by default (GNOME's top bar always is).
    Dark,
    Light,
}

impl Scheme {
    /// From the portal's value: 1 prefers dark, 2 prefers light, 0 (or anything else) no preference.
    pub fn from_portal(value: u32) -> Self {
        if value == 2 { Scheme::Light } else { Scheme::Dark }
    }
}

const PORTAL: &str = "org.freedesktop.portal.Desktop";
const PORTAL_PATH: &str = "/org/freedesktop/portal/desktop";
const SETTINGS: &str = "org.freedesktop.portal.Settings";
const APPEARANCE: &str = "org.freedesktop.appearance";

/// Calls `apply` with the desktop's colour scheme now, then again each time it changes, until the
/// session bus goes away. Without a portal (a bare X session, a test) it is [`Scheme::Dark`] once.
pub async fn follow_scheme(mut apply: impl FnMut(Scheme) + Send) {
    let Ok(bus) = Connection::session().await else { return apply(Scheme::Dark) };
    // Subscribed before reading, so that a change in between is not missed.
    let rule = zbus::MatchRule::builder()
        .msg_type(zbus::message::Type::Signal)
        .interface(SETTINGS)
        .member("SettingChanged")
        .build();
    let changes = match rule {
        Ok(rule) => zbus::MessageStream::for_match_rule(rule, &bus, None).await,
        Err(err) => Err(err),
    };
    apply(read_scheme(&bus).await.unwrap_or(Scheme::Dark));
    let Ok(mut changes) = changes else { return };
    use futures_util::StreamExt;
    while let Some(Ok(message)) = changes.next().await {
        let Ok((namespace, key, value)) =
            message.body().deserialize::<(String, String, zbus::OwnedVariant)>()
        else {
            continue;
        };
        if namespace == APPEARANCE && key == "color-scheme" {
            apply(u32::try_from(value).map_or(Scheme::Dark, Scheme::from_portal));
        }
    }
}

/// The colour scheme now, if a portal answers.
async fn read_scheme(bus: &Connection) -> Option<Scheme> {
    let reply = bus
        .call_method(Some(PORTAL), PORTAL_PATH, Some(SETTINGS), "ReadOne", &(APPEARANCE, "color-scheme"))
        .await
        .ok()?;
    let value: zbus::OwnedVariant = reply.body().deserialize().ok()?;
    u32::try_from(value).ok().map(Scheme::from_portal)
}

#[cfg(test)]
mod tests {
    use super::Scheme;

    #[test]
    fn only_a_preference_for_light_makes_the_ink_dark() {
        assert_eq!(Scheme::from_portal(2), Scheme::Light);
        assert_eq!(Scheme::from_portal(1), Scheme::Dark);
        assert_eq!(Scheme::from_portal(0), Scheme::Dark, "no preference: panels are dark by default");
        assert_eq!(Scheme::from_portal(7), Scheme::Dark);
    }
}
