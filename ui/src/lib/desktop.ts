/**
 * What the window calls the parts of the desktop Lull works with. The engine names a
 * notification daemon by its adapter (`"kde"`); people know it by its product's name.
 */

// i18n: not words, the daemons' own names.
const ADAPTERS: Record<string, string> = {
  dunst: "dunst",
  gnome: "GNOME",
  kde: "KDE Plasma",
  mako: "mako",
  swaync: "SwayNotificationCenter",
  xfce: "Xfce (xfce4-notifyd)",
};

/** "KDE Plasma" for `"kde"`; an adapter this build does not know is shown as the engine names it. */
export function adapterName(adapter: string): string {
  return ADAPTERS[adapter] ?? adapter;
}
