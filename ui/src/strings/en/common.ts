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
  /** Where a message came from, by the engine's `Source` id. */
  source: {
    /** One message's source, as the detail pane and the Stats rows name it. */
    one: {
      api: "Lull's HTTP API",
      cli: "lull send",
      ntfy: "ntfy",
      gotify: "Gotify",
      desktop: "Desktop notification",
      imap: "Mail",
    },
    /** A heading over many messages of a source (the inbox grouped by source). */
    heading: {
      api: "API",
      cli: "Command line",
      ntfy: "ntfy",
      gotify: "Gotify",
      desktop: "Desktop notifications",
      imap: "Mail",
    },
    /** What a source's detail is called: the app for the desktop, the account for mail, else the topic. */
    detail: {
      api: "Topic",
      cli: "Topic",
      ntfy: "Topic",
      gotify: "App",
      desktop: "App",
      imap: "Account",
    },
  },
  keys: {
    esc: "Esc",
    enter: "Enter",
    shift: "Shift",
    ctrl: "Ctrl",
    space: "Space",
  },
} as const;
