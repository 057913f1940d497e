/** Words of the Inbox tab: its views, rows, detail pane, triage menus, undo and the keys dialog. */
export const inbox = {
  /** The tab's region, as a screen reader names it. */
  region: "Inbox",
  /** The toolbar over the list: the search field and the triage buttons (each with its key after it). */
  toolbar: {
    label: "Triage",
    searchPlaceholder: "Search every message  /",
    search: "Search every message",
    doneGroup: "Whole group done",
    doneGroupTitle: {
      one: "Mark all {count} of this group done, loaded or not",
      other: "Mark all {count} of this group done, loaded or not",
    },
    noGroup: "No group under the cursor",
    doneOlder: "Done older…",
    nothingToUndo: "Nothing to undo",
    keys: "Keys",
  },
  /** What a button does to a message, in the toolbar and in the detail pane alike. */
  actions: {
    undone: "Move back to inbox",
    unsnooze: "Unsnooze",
    snooze: "Snooze",
    /** The detail pane's: it opens the snooze menu. */
    snoozeMenu: "Snooze…",
    pin: "Pin",
    /** The detail pane's: it opens the pin dialog. */
    pinMenu: "Pin…",
    unpin: "Unpin",
  },
  /** The line under the toolbar: how many there are to triage, or what search is showing. */
  summary: {
    /** `{back}` is the button that leaves search, worded by `backToInbox`. */
    searching: "Searching every message, done ones included · {back}",
    backToInbox: "back to the inbox",
    /** `{count}` is shown strong. */
    toTriage: { one: "{count} to triage", other: "{count} to triage" },
    snoozed: { one: "{count} snoozed", other: "{count} snoozed" },
    /** A flat view's total; `{count}` is shown strong. */
    viewTotal: {
      pinned: { one: "{count} pinned", other: "{count} pinned" },
      snoozed: { one: "{count} snoozed", other: "{count} snoozed" },
      done: { one: "{count} done", other: "{count} done" },
    },
  },
  /** The status line: the selection, what the last action did, why a key did nothing. */
  notice: {
    selected: { one: "{count} selected", other: "{count} selected" },
    /** After Ctrl+A with messages not loaded, when the cursor is in no group. */
    selectedOfScroll: "{selected} of {total} selected: the loaded ones · scroll to load more",
    /** After Ctrl+A with messages not loaded, when the cursor is in a group. */
    selectedOfGroup: "{selected} of {total} selected: the loaded ones · E marks a whole group done",
    clearSelection: "clear",
    undoHint: "u to undo",
    /** A breakthrough of "what you missed" that is no longer in the inbox. */
    messageGone: "That message is not in the inbox any more",
    /** A chip of "what you missed" whose sender or source has nothing left. */
    nothingFrom: "Nothing from {name} left to triage",
  },
  /** The four views and their switcher (`lib/inbox-views.ts`). */
  views: {
    switcher: "Show",
    inbox: {
      label: "Inbox",
      heading: "Inbox",
      empty: "Nothing to triage. The inbox is empty.",
    },
    pinned: {
      label: "Pinned",
      heading: "Pinned · due soonest first",
      empty: "Nothing pinned. Press p on a message to keep it on top.",
    },
    snoozed: {
      label: "Snoozed",
      heading: "Snoozed · back soonest first",
      empty: "Nothing snoozed. Press s on a message to put it away until later.",
    },
    done: {
      label: "Done",
      heading: "Done · most recently done first",
      empty: "Nothing done yet. Press e on a message once it is dealt with.",
    },
  },
  /** Search results, as the list's one section is headed. */
  search: {
    results: "Results for “{query}”",
    none: "Nothing matches “{query}”",
    /** What a screen reader hears when results come in (the search's live region). */
    announce: {
      matched: { one: "{count} message matches “{query}”", other: "{count} messages match “{query}”" },
      /** Only the first page was fetched: the rest load as the list scrolls. */
      moreThan: {
        one: "More than {count} message matches “{query}”",
        other: "More than {count} messages match “{query}”",
      },
      none: "No messages match “{query}”",
    },
  },
  /** "Group by" over the list, and the headings it makes (`lib/inbox-grouping.ts`). */
  grouping: {
    caption: "Group by",
    choice: {
      sender: "Sender",
      source: "Source",
      flat: "None",
    },
    /** The heading over the groups of one message each. */
    others: "Others",
    /** Why `E` does nothing where no group's heading is over the cursor. */
    noGroup: {
      flat: "Not grouped: select with x or Shift+j, or use Done older…",
      others: "Others is one message per sender: press e, or select with x",
    },
  },
  /** The list of messages: its headings, rows and what it says when empty. */
  list: {
    label: "Inbox",
    searchLabel: "Search results",
    /** A heading's count of held messages. */
    held: { one: "{count} held", other: "{count} held" },
    /** The dot on a message received since the last review. */
    new: "new",
    newTitle: "New since your last review",
    /** The publish token a message came with; `{token}` is the token, isolated. */
    via: "via {token}",
    pinnedTitle: "Pinned",
    pinnedDueTitle: "Pinned, due {when}",
    /** The small flags at a row's end. */
    flag: {
      pinned: "pinned",
      done: "done",
      snoozed: "snoozed",
    },
    noResults: "Nothing matches “{query}”.",
    /** A message with neither title nor body. */
    untitled: "(no text)",
  },
  /** A message's priority (1 to 5), in words. */
  priority: {
    lowest: "lowest",
    low: "low",
    normal: "normal",
    high: "high",
    urgent: "urgent",
  },
  /** The detail pane: one message, its story, its facts and its own buttons. */
  detail: {
    label: "Message",
    nothing: "Choose a message to read it here.",
    /** The title of a message with neither title nor sender. */
    untitled: "Message",
    toolbar: "This message",
    open: "Open",
    openTitle: "Open the link in the browser (Enter)",
    /** A `mailto:` link: the mail app writes a new mail. */
    openTitleMailto: "Write the mail in your mail app (Enter)",
    /** A `mid:` link (a mail's Message-ID, as a mail account's messages have): the mail app shows it. */
    openTitleMid: "Show this mail in your mail app (Enter)",
    /** A `mid:` link's button, in the toolbar and as the Link, instead of the raw link. */
    openMail: "Open in mail app",
    linkTitle: "Open in the browser (Enter)",
    linkTitleMail: "Open in your mail app (Enter)",
    /** `{name}` is the installed app a captured notification came from, as its desktop entry names it. */
    openApp: "Open in {name}",
    openAppTitle: "Start {name}, the app this notification came from (Shift+o)",
    /** The message's own buttons (an ntfy message's actions): its sender's words, not Lull's. */
    offered: "The message's own buttons",
    offeredBy: "From the message:",
    /** A message's button, as its tooltip: `{label}` whole (the button may cut it) and where it goes. */
    actionTitle: "{label} (opens {url})",
    linkRefused: "Not offered (only http, https, mailto and mid links open):",
    loading: "Loading the whole message…",
    fact: {
      from: "From",
      source: "Source",
      token: "Publish token",
      received: "Received",
      priority: "Priority",
      state: "State",
      tags: "Tags",
      link: "Link",
    },
  },
  /**
   * The detail pane's account of a message (`lib/message-story.ts`). `{when}` is an instant on the
   * date ladder with its preposition ("at 14:05", "yesterday at 14:05", "on Mon at 14:05").
   */
  story: {
    /** An instant with its preposition: a bare clock, a day, a day and a clock, yesterday's. */
    at: "at {clock}",
    on: "on {day}",
    onAt: "on {day} at {clock}",
    relativeAt: "{day} at {clock}",
    popup: "Shown as a popup {when}",
    brokeThroughBlock: "Broke through your focus block (priority {priority})",
    brokeThroughQuiet: "Broke through quiet hours (priority {priority})",
    /** `{span}` is when the block ran: "14:05–14:55", "since 14:05". */
    heldInBlock: "Held during “{intent}” {span}",
    heldInUnnamedBlock: "Held during a focus block {span}",
    heldFocus: "Held during a focus block",
    heldQuiet: "Held outside work hours",
    heldBatch: "Held for a batch",
    heldAway: "Held while you were away",
    heldMeeting: "Held during a meeting",
    heldPresenting: "Held while you were presenting",
    held: "Held",
    /** How a held message came out; `{held}` is one of the lines above. */
    releasedAt: "{held} · released {when}",
    releasedIn: "{held} · released in {digest}",
    comesAtBlockEnd: "{held} · comes in the digest when the block ends",
    comesNext: "{held} · comes in the next digest",
    /** A digest, by when it came: "the 14:55 digest", "yesterday's 14:55 digest". */
    digest: "the {when} digest",
    digestYesterday: "yesterday's {clock} digest",
    span: "{start}–{end}",
    spanRunning: "since {start}",
  },
  /** Where a message is now, in the detail pane's State line. */
  state: {
    done: "Done",
    doneAt: "Done {when}",
    snoozed: "Snoozed",
    snoozedUntil: "Snoozed · back {when}",
    heldToTriage: "Held, to triage",
    toTriage: "To triage",
    /** `{state}` is one of the lines above. */
    pinned: "{state} · pinned",
    pinnedDue: "{state} · pinned, due {when}",
    pinnedOverdue: "{state} · pinned, overdue since {when}",
  },
  /** "What you missed" on top of the inbox (`lib/missed.ts`). */
  missed: {
    label: "What you missed",
    lead: "While you were away:",
    /** `{lead}` is the words above, shown strong; `{since}` an instant on the date ladder. */
    heading: "{lead} {counts} since {since}",
    held: { one: "{count} held", other: "{count} held" },
    brokeThrough: { one: "{count} broke through", other: "{count} broke through" },
    /** As many as the engine sends: there may be more. */
    brokeThroughCapped: "{count}+ broke through",
    /** Both counts: `{held}` and `{through}` are the two above. */
    both: "{held}, {through}",
    show: "Show",
    hide: "Hide",
    from: "From",
    source: "Source",
    breakthroughs: "Broke through",
    why: "broke through",
    whyWith: "broke through: {why}",
    untitled: "(no title)",
  },
  /** The snooze menu (`lib/inbox-snooze.ts` for its choices). */
  snooze: {
    heading: { one: "Snooze {count} message until", other: "Snooze {count} messages until" },
    /** The engine's choices, by its `SnoozeKey`. */
    choice: {
      block_end: "End of this block",
      in_an_hour: "In 1 hour",
      this_evening: "This evening",
      next_work_window: "Next work window",
      tomorrow: "Tomorrow",
      next_week: "Next week",
    },
    /** The choices every engine knows, shown until the engine answers, each described. */
    fallback: {
      blockEnd: "End of this block",
      blockEndHint: "when the running block ends",
      nextWorkday: "Tomorrow's first window",
      nextWorkdayHint: "the start of the next workday",
      nextWorkWindow: "Next work window",
      nextWorkWindowHint: "the next time work hours begin",
    },
    pick: "Pick a time…",
    pickHint: "a date and time of your choice",
    pickLabel: "Snooze until",
    submit: "Snooze",
    typedLabel: "Or type a time",
    typedPlaceholder: "2h, mon 9, friday, tomorrow 9:30",
    typedIdle: "Enter snoozes until the time you type.",
  },
  /** The pin dialog. */
  pin: {
    heading: { one: "Pin {count} message", other: "Pin {count} messages" },
    dueLabel: "Due (optional)",
    duePlaceholder: "fri 17, tomorrow 9, 2h",
    dueIdle: "Pinned messages stay on top of their group until unpinned.",
    pickLabel: "Or pick a date",
    submit: "Pin",
  },
  /** A typed or picked time, in the snooze menu and the pin dialog. */
  when: {
    notFuture: "Choose a date and time in the future.",
    /** The engine did not answer; `{reason}` is its failure's message. */
    unreadable: "Lull could not read the time: {reason}",
  },
  /** "Done older…": the cut-offs (`lib/inbox-older.ts`). */
  older: {
    heading: "Mark done everything older than…",
    note: "Every message of the inbox, loaded or not (snoozed ones stay snoozed). Undo brings them back.",
    today: {
      label: "Older than today",
      /** Inside the status line's sentences: "Marked 3 messages older than today done". */
      scope: "older than today",
      hint: "everything received before midnight",
    },
    week: {
      label: "Older than a week",
      scope: "older than a week",
      hint: "everything received before {when}",
    },
  },
  /**
   * What an action did, for the status line, the undo toast and the undo button's title
   * (`lib/inbox-undo.ts`). `{scope}` says which messages a bulk action took: a group's ("from CI",
   * `triage.groupScope`) or a cut-off's (`older.*.scope`).
   */
  undo: {
    done: { one: "Marked {count} message done", other: "Marked {count} messages done" },
    doneAll: { one: "Marked {count} message {scope} done", other: "Marked {count} messages {scope} done" },
    undone: { one: "Moved {count} message back to the inbox", other: "Moved {count} messages back to the inbox" },
    unsnooze: {
      one: "Brought {count} message back from snooze",
      other: "Brought {count} messages back from snooze",
    },
    snooze: { one: "Snoozed {count} message", other: "Snoozed {count} messages" },
    pin: { one: "Pinned {count} message", other: "Pinned {count} messages" },
    pinDue: { one: "Pinned {count} message with a due date", other: "Pinned {count} messages with a due date" },
    unpin: { one: "Unpinned {count} message", other: "Unpinned {count} messages" },
  },
  /** The triage runner's own lines (`lib/inbox-triage.svelte.ts`). */
  triage: {
    nothingToUndo: "Nothing to undo",
    /** `{action}` is what was undone, as `undo` words it, its first letter lowercased. */
    undone: "Undone: {action}",
    groupScope: "from {group}",
    nothingScoped: "Nothing {scope} to mark done",
  },
  /** The `?` dialog: every key of the inbox, by what it does (`lib/inbox-keys.ts`). */
  keys: {
    heading: "Keys in the inbox",
    /** Between two keys that do the same. */
    or: "or",
    mouse:
      "Every action is also a button above the list; click a message to read it, Ctrl+click or its box to select it.",
    help: {
      down: "Next message",
      up: "Previous message",
      ends: "First / last message",
      select: "Select or unselect (actions apply to the selection)",
      extend: "Extend the selection down / up (or Shift+click a message)",
      selectAll: "Select every loaded message (scroll to load more)",
      done: "Done",
      doneGroup: "Mark the cursor's whole group done, loaded or not (Shift+e)",
      snooze: "Snooze: end of the block, tomorrow, next work window, a time",
      pin: "Pin (with an optional due date), or unpin",
      undo: "Undo the last action",
      search: "Search every message (Esc leaves)",
      group: "Group by the next way: sender, source, none",
      open: "Open the message's link in the browser or mail app; without a link, its app",
      openApp: "Open the app a desktop notification came from (Shift+o)",
      escape: "Clear the selection, leave search, close a menu",
      help: "Show these keys",
    },
  },
  /**
   * The one time input of the window (`components/TimeField.svelte`), which Settings and the welcome
   * guide use too: the form it writes a time in, as a hint.
   */
  timeField: {
    placeholder: "HH:MM",
  },
  /**
   * The custom duration field of the Focus tab's start form (`lib/duration.ts`), kept here while
   * that file is the inbox's to word.
   */
  duration: {
    empty: "Enter a duration, such as 25, 45m or 1h30m.",
    unreadable: "That is not a duration. Try 25, 45m, 1h30m or 1:30.",
    zero: "A focus block needs a duration longer than zero.",
    tooLong: "A focus block can last at most 12 hours.",
  },
} as const;
