/**
 * Words of the window's frame: its name, the tabs, the header's two lines, the alerts under it,
 * and how the window writes a length of time wherever it shows one.
 */
export const app = {
  name: "Lull",
  /** The tab strip: one tab per view, by the view's id (`lib/view.ts`). */
  tabs: {
    label: "Views",
    focus: "Focus",
    inbox: "Inbox",
    stats: "Stats",
    settings: "Settings",
    /** The Inbox tab's badge, as a screen reader says it. */
    held: { one: "{count} held", other: "{count} held" },
  },
  /**
   * The header's first line (`lib/mode.ts`): a head an ellipsis may cut ("Open until 17:30"),
   * then facts each after the separator (" · 23 min left · 3 held"). `{when}` is "17:30" today or
   * "Thu 09:00" on another day; the tray names the same moments the same way.
   */
  header: {
    connecting: "Connecting…",
    /** Before the first run is finished Lull holds nothing, whatever the hours say. */
    firstRun: "Not set up yet · holding nothing",
    /** While a block runs, with or without what it is for. */
    block: {
      untitled: "Focusing",
      intent: "Focusing on {intent}",
    },
    /** Each mode on its own, and until its next change (or its override's end). */
    mode: {
      focus: { now: "Focusing", until: "Focusing until {when}" },
      open: { now: "Open", until: "Open until {when}" },
      workingLate: { now: "Working late", until: "Working late until {when}" },
      quiet: { now: "Quiet", until: "Quiet until {when}" },
      doneForToday: { now: "Done for today", until: "Done for today until {when}" },
    },
    /** Quiet because the user is away (in work hours): nobody knows until when, so since when, and how. */
    away: "Away since {when} ({how})",
    /** Quiet because a meeting is under way (in work hours), until its end; never its title. */
    meeting: "In a meeting until {when}",
    /** Quiet because the screen is on show (in work hours): since when, and how; never what is on it. */
    presenting: "Presenting since {when} ({how})",
    /** How the screen is on show. */
    screen: { fullscreen: "a fullscreen window", shared: "screen shared" },
    /** How the user is away, as the tray says it too. */
    presence: { idle: "idle", locked: "screen locked", asleep: "asleep" },
    /** Between the facts after the head; spaces included. */
    separator: " · ",
    left: "{length} left",
    held: { one: "{count} held", other: "{count} held" },
  },
  /** The header's second line: what happens to a message that arrives now. */
  messages: {
    focus: "Messages are held until the block ends",
    firstRun: "Messages come through until your work hours are set",
    open: "Messages come through",
    quiet: "Messages are held",
    away: "Messages are held until you are back; what breaks through a block still does",
    meeting: "Messages are held until the meeting ends",
    presenting: "Messages are held while your screen is on show; nothing pops up.",
  },
  /** The alert under the header while the engine cannot write its database; `{time}` has seconds. */
  fault: "Lull cannot save: {reason}. Trying again at {time}.",
  /** A command that never reached the engine (`lib/ipc.ts`); `{reason}` is the web view's own words. */
  ipc: {
    noAnswer: "Lull's engine did not answer.",
    noAnswerBecause: "Lull's engine did not answer ({reason}).",
  },
  /**
   * A length of time in whole minutes, as the window writes one everywhere (`lib/countdown.ts`):
   * "40 min", "1 h", "1 h 35 min".
   */
  length: {
    minutes: "{minutes} min",
    hours: "{hours} h",
    hoursMinutes: "{hours} h {minutes} min",
  },
} as const;
