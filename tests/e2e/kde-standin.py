#!/usr/bin/python3
"""A stand-in for KDE Plasma's notification server on the test bus (plasmashell cannot be
installed here: docs/testing.md). It implements what Lull's KDE adapter uses and what Plasma does
with it: org.freedesktop.Notifications with GetServerInformation ("Plasma", "KDE"), Notify,
CloseNotification and NotificationClosed; Plasma's Inhibit/UnInhibit and the Inhibited property,
an inhibition lasting until it is lifted or its owner leaves the bus; while inhibited, only
critical notifications are shown. What it would show is asked with the test-only
org.kde.LullStandIn.Displayed (the ids on screen); SetUserInhibited switches an inhibition of the
user's own (a dbus-send's would end with the dbus-send), and CloseAll clears the screen.
"""

import dbus
import dbus.mainloop.glib
import dbus.service
from gi.repository import GLib

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
PROPS = "org.freedesktop.DBus.Properties"
TEST = "org.kde.LullStandIn"


class Server(dbus.service.Object):
    def __init__(self, bus):
        super().__init__(bus, PATH)
        self.bus = bus
        self.next_id = 1
        self.displayed = []
        self.inhibitions = {}  # cookie -> owner's unique name
        self.user_inhibited = False
        bus.add_signal_receiver(
            self.owner_changed, "NameOwnerChanged", "org.freedesktop.DBus", "org.freedesktop.DBus"
        )

    def inhibited(self):
        return self.user_inhibited or bool(self.inhibitions)

    def owner_changed(self, name, old, new):
        if name.startswith(":") and new == "":
            for cookie in [c for c, owner in self.inhibitions.items() if owner == name]:
                del self.inhibitions[cookie]

    @dbus.service.method(NAME, out_signature="ssss")
    def GetServerInformation(self):
        return ("Plasma", "KDE", "5.27", "1.2")

    @dbus.service.method(NAME, out_signature="as")
    def GetCapabilities(self):
        return ["body", "actions", "inhibitions"]

    @dbus.service.method(NAME, in_signature="susssasa{sv}i", out_signature="u")
    def Notify(self, app, replaces, icon, summary, body, actions, hints, timeout):
        nid = replaces or self.next_id
        self.next_id += 1 if not replaces else 0
        critical = int(hints.get("urgency", 1)) == 2
        if (critical or not self.inhibited()) and nid not in self.displayed:
            self.displayed.append(nid)
        return dbus.UInt32(nid)

    @dbus.service.method(NAME, in_signature="u")
    def CloseNotification(self, nid):
        if nid in self.displayed:
            self.displayed.remove(nid)
        self.NotificationClosed(dbus.UInt32(nid), dbus.UInt32(3))

    @dbus.service.signal(NAME, signature="uu")
    def NotificationClosed(self, nid, reason):
        pass

    @dbus.service.method(NAME, in_signature="ssa{sv}", out_signature="u", sender_keyword="sender")
    def Inhibit(self, desktop_entry, reason, hints, sender=None):
        cookie = self.next_id
        self.next_id += 1
        self.inhibitions[cookie] = sender
        return dbus.UInt32(cookie)

    @dbus.service.method(NAME, in_signature="u")
    def UnInhibit(self, cookie):
        self.inhibitions.pop(int(cookie), None)

    @dbus.service.method(PROPS, in_signature="ss", out_signature="v")
    def Get(self, interface, prop):
        if interface == NAME and prop == "Inhibited":
            return dbus.Boolean(self.inhibited())
        raise dbus.exceptions.DBusException("no such property", name="org.freedesktop.DBus.Error.UnknownProperty")

    @dbus.service.method(TEST, out_signature="au")
    def Displayed(self):
        return dbus.Array(self.displayed, signature="u")

    @dbus.service.method(TEST)
    def CloseAll(self):
        for nid in list(self.displayed):
            self.CloseNotification(nid)

    @dbus.service.method(TEST, in_signature="b")
    def SetUserInhibited(self, on):
        self.user_inhibited = bool(on)


def main():
    dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    server = Server(bus)
    name = dbus.service.BusName(NAME, bus, do_not_queue=True)
    assert server and name
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
