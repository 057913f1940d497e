#!/usr/bin/python3
"""A stand-in for the screen locker's org.freedesktop.ScreenSaver on the test bus: no screen
locker runs under Xvfb (docs/testing.md). It implements what Lull follows and what lockers do:
GetActive, and ActiveChanged(b) whenever the state changes; SetActive(b) and Lock() change it, as
a locker's own do. It exits when its bus goes away or on SIGTERM.
"""

import signal

import dbus
import dbus.mainloop.glib
import dbus.service
from gi.repository import GLib

NAME = "org.freedesktop.ScreenSaver"


class Locker(dbus.service.Object):
    def __init__(self, bus, path):
        super().__init__(bus, path)
        self.active = False

    @dbus.service.method(NAME, out_signature="b")
    def GetActive(self):
        return self.active

    @dbus.service.method(NAME, in_signature="b", out_signature="b")
    def SetActive(self, active):
        if bool(active) != self.active:
            self.active = bool(active)
            self.ActiveChanged(self.active)
        return True

    @dbus.service.method(NAME)
    def Lock(self):
        self.SetActive(True)

    @dbus.service.signal(NAME, signature="b")
    def ActiveChanged(self, active):
        pass


def main():
    dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    locker = Locker(bus, "/org/freedesktop/ScreenSaver")
    name = dbus.service.BusName(NAME, bus, do_not_queue=True)
    loop = GLib.MainLoop()
    signal.signal(signal.SIGTERM, lambda *_: loop.quit())
    loop.run()
    del name, locker


if __name__ == "__main__":
    main()
