/**
 * Keeps the window open when the desktop's close button is pressed with unsaved work, to ask first.
 *
 * Tauri holds a close request only while the page listens for `tauri://close-requested` on its
 * window, and then the page must close the window itself. So the guard listens only while there
 * is something to lose (the desktop's close works as it always did otherwise), and closes through
 * `close_window`, the command the window may call (its capabilities grant no `destroy`).
 */

import { TauriEvent } from "@tauri-apps/api/event";
import { getCurrentWindow } from "@tauri-apps/api/window";
import { closeWindow } from "./ipc";

/** Listens until the returned function is called; `ask` resolves to whether to close after all. */
export function guardClosing(ask: () => Promise<boolean>): () => void {
  let stopped = false;
  let unlisten: (() => void) | null = null;
  let window;
  try {
    window = getCurrentWindow();
  } catch {
    // Not in a Tauri window (a test that mocks no window): there is no close button to guard.
    return () => undefined;
  }
  window
    .listen(TauriEvent.WINDOW_CLOSE_REQUESTED, () => {
      void ask()
        .then((close) => (close ? closeWindow() : null))
        .catch(() => undefined);
    })
    .then(
      (stop) => {
        if (stopped) stop();
        else unlisten = stop;
      },
      () => undefined,
    );
  return () => {
    stopped = true;
    unlisten?.();
  };
}
