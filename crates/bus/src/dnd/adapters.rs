//! One adapter per notification daemon, behind [`Adapter`]: read whether its do-not-disturb is on,
//! switch it, and say whether a critical notification still shows while it is on.
//!
//! Which daemon runs is asked of the daemon itself (`GetServerInformation`), so Lull follows the
//! one the user runs, not the desktop it guesses from the environment.

use std::future::Future;
use std::pin::Pin;

use zbus::Connection;
use zbus::{OwnedVariant as OwnedValue, Variant as Value};

pub type Fut<'a, T> = Pin<Box<dyn Future<Output = Result<T, String>> + Send + 'a>>;

const DAEMON: &str = "org.freedesktop.Notifications";
const PATH: &str = "/org/freedesktop/Notifications";

/// A notification daemon's do-not-disturb.
pub trait Adapter: Send + Sync {
    /// `"dunst"`, `"gnome"`, …, as the settings show it.
    fn name(&self) -> &'static str;
    fn is_on(&self) -> Fut<'_, bool>;
    fn set(&mut self, on: bool) -> Fut<'_, ()>;
    /// Whether a critical notification shows while do-not-disturb is on. Where it does not, a
    /// breakthrough lifts do-not-disturb until its notification is closed.
    fn lets_critical_through(&self) -> bool;
}

/// The adapter for the daemon that owns `org.freedesktop.Notifications` now, if Lull knows it.
/// `LULL_DND_ADAPTER` (`dunst`, `gnome`, `kde`, `mako`, `swaync`, `xfce`) names one instead, for a
/// daemon that describes itself unusually, and for tests.
pub async fn detect(bus: &Connection) -> Result<Option<Box<dyn Adapter>>, String> {
    if let Ok(name) = std::env::var("LULL_DND_ADAPTER") {
        return match for_server(&name, "", bus) {
            Some(adapter) => Ok(Some(adapter)),
            None => Err(format!("LULL_DND_ADAPTER={name} names no adapter Lull has")),
        };
    }
    let reply = bus
        .call_method(Some(DAEMON), PATH, Some(DAEMON), "GetServerInformation", &())
        .await
        .map_err(|err| format!("no notification daemon answers ({err})"))?;
    let (name, vendor, _, _): (String, String, String, String) =
        reply.body().deserialize().map_err(|err| err.to_string())?;
    Ok(for_server(&name, &vendor, bus))
}

/// Maps a daemon's self-description (or an adapter's own name) to its adapter.
pub fn for_server(name: &str, vendor: &str, bus: &Connection) -> Option<Box<dyn Adapter>> {
    let adapter: Box<dyn Adapter> = match kind(name, vendor)? {
        "dunst" => Box::new(Dunst { bus: bus.clone() }),
        "gnome" => Box::new(Gnome),
        "kde" => Box::new(Kde { bus: bus.clone(), cookie: None }),
        "mako" => Box::new(Mako),
        "swaync" => Box::new(Swaync),
        _ => Box::new(Xfce),
    };
    Some(adapter)
}

/// Which adapter a daemon calling itself `name` (by `vendor`) needs.
fn kind(name: &str, vendor: &str) -> Option<&'static str> {
    let name = name.to_ascii_lowercase();
    let vendor = vendor.to_ascii_lowercase();
    Some(match () {
        () if name == "dunst" => "dunst",
        () if name.contains("gnome") => "gnome",
        () if name == "plasma" || name == "kde" || vendor == "kde" => "kde",
        () if name == "mako" => "mako",
        () if name.contains("swaynotificationcenter") || name == "swaync" => "swaync",
        () if name.contains("xfce") => "xfce",
        () => return None,
    })
}

/// dunst: the `paused` property of `org.dunstproject.cmd0`. dunst 1.9 (Debian 12) holds every
/// notification while paused, critical ones included.
#[derive(Debug)]
pub struct Dunst {
    pub bus: Connection,
}

impl Adapter for Dunst {
    fn name(&self) -> &'static str {
        "dunst"
    }

    fn is_on(&self) -> Fut<'_, bool> {
        Box::pin(bool_property(&self.bus, "org.dunstproject.cmd0", "paused"))
    }

    fn set(&mut self, on: bool) -> Fut<'_, ()> {
        Box::pin(async move {
            self.bus
                .call_method(
                    Some(DAEMON),
                    PATH,
                    Some("org.freedesktop.DBus.Properties"),
                    "Set",
                    &("org.dunstproject.cmd0", "paused", Value::from(on)),
                )
                .await
                .map(|_| ())
                .map_err(|err| format!("dunst: cannot set paused ({err})"))
        })
    }

    fn lets_critical_through(&self) -> bool {
        false
    }
}

/// GNOME: `org.gnome.desktop.notifications show-banners` (false is do-not-disturb), through the
/// `gsettings` tool so that whichever backend the session uses (dconf) is honoured.
#[derive(Debug)]
pub struct Gnome;

impl Adapter for Gnome {
    fn name(&self) -> &'static str {
        "gnome"
    }

    fn is_on(&self) -> Fut<'_, bool> {
        Box::pin(async {
            let out = run("gsettings", &["get", "org.gnome.desktop.notifications", "show-banners"]).await?;
            Ok(out.trim() == "false")
        })
    }

    fn set(&mut self, on: bool) -> Fut<'_, ()> {
        let banners = if on { "false" } else { "true" };
        Box::pin(async move {
            run("gsettings", &["set", "org.gnome.desktop.notifications", "show-banners", banners])
                .await
                .map(|_| ())
        })
    }

    fn lets_critical_through(&self) -> bool {
        true // GNOME shows critical notifications as banners with banners off
    }
}

/// KDE Plasma: `Inhibit` on the notification server. The inhibition belongs to Lull's bus
/// connection, so the bus lifts it by itself if Lull dies.
#[derive(Debug)]
pub struct Kde {
    pub bus: Connection,
    pub cookie: Option<u32>,
}

impl Adapter for Kde {
    fn name(&self) -> &'static str {
        "kde"
    }

    fn is_on(&self) -> Fut<'_, bool> {
        Box::pin(bool_property(&self.bus, DAEMON, "Inhibited"))
    }

    fn set(&mut self, on: bool) -> Fut<'_, ()> {
        Box::pin(async move {
            match (on, self.cookie.take()) {
                (true, None) => {
                    let hints: std::collections::HashMap<&str, Value<'_>> = std::collections::HashMap::new();
                    let reply = self
                        .bus
                        .call_method(Some(DAEMON), PATH, Some(DAEMON), "Inhibit", &("lull", "Focus", hints))
                        .await
                        .map_err(|err| format!("kde: Inhibit failed ({err})"))?;
                    self.cookie = Some(reply.body().deserialize().map_err(|err| err.to_string())?);
                }
                (false, Some(cookie)) => {
                    self.bus
                        .call_method(Some(DAEMON), PATH, Some(DAEMON), "UnInhibit", &cookie)
                        .await
                        .map_err(|err| format!("kde: UnInhibit failed ({err})"))?;
                }
                (true, Some(cookie)) => self.cookie = Some(cookie),
                (false, None) => {}
            }
            Ok(())
        })
    }

    fn lets_critical_through(&self) -> bool {
        true // Plasma shows critical notifications in do-not-disturb by default
    }
}

/// mako: the `do-not-disturb` mode (`makoctl mode -a/-r`), which the user's config defines.
#[derive(Debug)]
pub struct Mako;

impl Adapter for Mako {
    fn name(&self) -> &'static str {
        "mako"
    }

    fn is_on(&self) -> Fut<'_, bool> {
        Box::pin(async { Ok(run("makoctl", &["mode"]).await?.lines().any(|l| l.trim() == "do-not-disturb")) })
    }

    fn set(&mut self, on: bool) -> Fut<'_, ()> {
        let flag = if on { "-a" } else { "-r" };
        Box::pin(async move { run("makoctl", &["mode", flag, "do-not-disturb"]).await.map(|_| ()) })
    }

    fn lets_critical_through(&self) -> bool {
        false // unless the user's config says so: lift the mode instead
    }
}

/// SwayNotificationCenter: `swaync-client --dnd-on/--dnd-off`.
#[derive(Debug)]
pub struct Swaync;

impl Adapter for Swaync {
    fn name(&self) -> &'static str {
        "swaync"
    }

    fn is_on(&self) -> Fut<'_, bool> {
        Box::pin(async { Ok(run("swaync-client", &["--get-dnd", "--skip-wait"]).await?.trim() == "true") })
    }

    fn set(&mut self, on: bool) -> Fut<'_, ()> {
        let flag = if on { "--dnd-on" } else { "--dnd-off" };
        Box::pin(async move { run("swaync-client", &[flag, "--skip-wait"]).await.map(|_| ()) })
    }

    fn lets_critical_through(&self) -> bool {
        true
    }
}

/// xfce4-notifyd: the `/do-not-disturb` property in xfconf.
#[derive(Debug)]
pub struct Xfce;

impl Adapter for Xfce {
    fn name(&self) -> &'static str {
        "xfce"
    }

    fn is_on(&self) -> Fut<'_, bool> {
        Box::pin(async {
            Ok(run("xfconf-query", &["-c", "xfce4-notifyd", "-p", "/do-not-disturb"])
                .await
                .is_ok_and(|o| o.trim() == "true"))
        })
    }

    fn set(&mut self, on: bool) -> Fut<'_, ()> {
        let value = if on { "true" } else { "false" };
        Box::pin(async move {
            run(
                "xfconf-query",
                &["-c", "xfce4-notifyd", "-p", "/do-not-disturb", "-n", "-t", "bool", "-s", value],
            )
            .await
            .map(|_| ())
        })
    }

    fn lets_critical_through(&self) -> bool {
        true // xfce4-notifyd shows urgent notifications in do-not-disturb
    }
}

/// Reads a boolean property of the notification daemon's object.
async fn bool_property(bus: &Connection, interface: &str, name: &str) -> Result<bool, String> {
    let reply = bus
        .call_method(Some(DAEMON), PATH, Some("org.freedesktop.DBus.Properties"), "Get", &(interface, name))
        .await
        .map_err(|err| format!("cannot read {interface}.{name} ({err})"))?;
    let value: OwnedValue = reply.body().deserialize().map_err(|err| err.to_string())?;
    bool::try_from(value).map_err(|err| format!("{interface}.{name} is not a boolean ({err})"))
}

/// Runs a daemon's control tool and returns its output.
async fn run(program: &str, args: &[&str]) -> Result<String, String> {
    let out = tokio::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .kill_on_drop(true)
        .output()
        .await
        .map_err(|err| format!("cannot run {program}: {err}"))?;
    if !out.status.success() {
        return Err(format!(
            "{program} {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_daemon_is_known_by_how_it_describes_itself() {
        assert_eq!(kind("dunst", "knopwob"), Some("dunst"));
        assert_eq!(kind("gnome-shell", "GNOME"), Some("gnome"));
        assert_eq!(kind("Plasma", "KDE"), Some("kde"));
        assert_eq!(kind("mako", "emersion"), Some("mako"));
        assert_eq!(kind("SwayNotificationCenter", "erikreider"), Some("swaync"));
        assert_eq!(kind("Xfce Notify Daemon", "Xfce"), Some("xfce"));
        assert_eq!(kind("notification-daemon", "GNOME"), None, "unknown daemons get no adapter");
        assert_eq!(kind("gnome", ""), Some("gnome"), "LULL_DND_ADAPTER names an adapter directly");
    }
}
