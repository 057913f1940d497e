/**
 * Words several views share: buttons that mean the same everywhere and the names of keys shown in
 * hints. A view's own words live in its own file, even where they happen to match one here.
 */
export const common = {
  cancel: "Cancel",
  close: "Close",
  dismiss: "Dismiss",
  copy: "Copy",
  copied: "Copied",
  save: "Save",
  done: "Done",
  undo: "Undo",
  retry: "Try again",
  loading: "Loading…",
  unknown: "—",
  messages: { one: "{count} message", other: "{count} messages" },
  keys: {
    esc: "Esc",
    enter: "Enter",
    shift: "Shift",
    ctrl: "Ctrl",
    space: "Space",
  },
} as const;
