// Drives Lull's tray over D-Bus, the way a StatusNotifier host would: libayatana-appindicator
// exports the menu (com.canonical.dbusmenu) and the label (XAyatanaLabel) on the session bus.
// Linux trays send no clicks to the icon itself, so the menu is the whole interface.
import { execFileSync } from "node:child_process";

function dbus(dest, path, method, ...args) {
  return dbusWithin(25000, dest, path, method, ...args);
}

/** A method call that gives up after `ms` without a reply. */
function dbusWithin(ms, dest, path, method, ...args) {
  const call = ["--session", "--print-reply", `--reply-timeout=${ms}`, `--dest=${dest}`, path, method, ...args];
  return execFileSync("dbus-send", call, {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}



export class Tray {
  /** Finds the tray that process `pid` exports; waits for it to appear. */
  static async of(pid, timeoutMs = 10000) {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      for (const name of busNamesOf(pid)) {
        const path = itemPath(name);
        if (path) return new Tray(name, path);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`process ${pid} exports no tray on the session bus`);
  }

  constructor(name, path) {
    this.name = name;
    this.path = path;
  }

  /** The menu, flattened: [{id, label, enabled}], submenu items included. */
  items() {
    const out = dbus(
      this.name,
      `${this.path}/Menu`,
      "com.canonical.dbusmenu.GetLayout",
      "int32:0",
      "int32:-1",
      "array:string:label,enabled",
    );
    const items = [];
    const entry = /int32 (\d+)\s+array \[([^\]]*)\]/g;
    for (const [, id, props] of out.matchAll(entry)) {
      const label = /string "label"\s+variant\s+string "([^"]*)"/.exec(props)?.[1];
      const enabled = /string "enabled"\s+variant\s+boolean (true|false)/.exec(props)?.[1];
      if (label !== undefined && Number(id) !== 0) {
        items.push({ id: Number(id), label, enabled: enabled !== "false" });
      }
    }
    return items;
  }

  item(label) {
    const found = this.items().find((item) => item.label === label);
    if (!found) throw new Error(`no tray item "${label}" in ${JSON.stringify(this.items())}`);
    return found;
  }

  /**
   * Clicks a menu item. libdbusmenu ignores calls sent without expecting a reply, so this waits
   * for one; an item that ends the app (Quit) may take the reply with it, which `exits` allows.
   */
  click(label, { exits = false } = {}) {
    const { id } = this.item(label);
    try {
      dbus(this.name, `${this.path}/Menu`, "com.canonical.dbusmenu.Event", `int32:${id}`, "string:clicked", "variant:int32:0", "uint32:0");
    } catch (err) {
      if (!(exits && /NoReply|disconnected/.test(String(err.stderr ?? err)))) throw err;
    }
  }

  /** The text beside the icon ("25 min" during a block, "" otherwise). */
  label() {
    const out = dbus(
      this.name,
      this.path,
      "org.freedesktop.DBus.Properties.Get",
      "string:org.kde.StatusNotifierItem",
      "string:XAyatanaLabel",
    );
    return /string "([^"]*)"/.exec(out)?.[1] ?? "";
  }

  async waitFor(predicate, what, timeoutMs = 5000) {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (predicate(this)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`tray never showed ${what}; label ${JSON.stringify(this.label())}, items ${JSON.stringify(this.items())}`);
  }
}

function busNamesOf(pid) {
  const names = dbus("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.ListNames");
  return [...names.matchAll(/string "(:[0-9.]+)"/g)]
    .map(([, name]) => name)
    .filter((name) => {
      try {
        const out = dbus("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.GetConnectionUnixProcessID", `string:${name}`);
        return Number(/uint32 (\d+)/.exec(out)?.[1]) === pid;
      } catch {
        return false;
      }
    });
}

/**
 * The tray item's path on connection `name`, if it exports one. Of the app's other connections,
 * a monitor (the capture of notifications) never answers a call: a second is enough to tell.
 */
function itemPath(name) {
  try {
    const out = dbusWithin(1000, name, "/org/ayatana/NotificationItem", "org.freedesktop.DBus.Introspectable.Introspect");
    const node = /<node name="([^"]+)"\/>/.exec(out)?.[1];
    return node ? `/org/ayatana/NotificationItem/${node}` : null;
  } catch {
    return null;
  }
}
