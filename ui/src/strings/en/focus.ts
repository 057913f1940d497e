/** Words of the Focus tab: starting, running and ending a block, the next change, overrides, today. */
export const focus = {
  /** A block started without an intent, wherever it is named. */
  untitled: "Focus block",
  /** The form that starts a block (`StartForm.svelte`). */
  start: {
    label: "Start a focus block",
    intent: {
      /** `{optional}` is the muted "(optional)" beside the label. */
      label: "Intent {optional}",
      optional: "(optional)",
      placeholder: "What will you focus on?",
    },
    /** The primary button, the first preset in the settings; Enter in the intent field presses it. */
    primary: "Start {minutes} min",
    others: "Other lengths",
    custom: {
      label: "Or choose a length",
      /** Examples of what `lib/duration.ts` reads: change them together. */
      placeholder: "45m, 1h30m, 1:30",
      submit: "Start",
      hint: "A number alone means minutes. Up to 12 hours.",
    },
  },
  /** The running block (`RunningBlock.svelte`). */
  running: {
    elapsed: "Time elapsed",
    extend: "+{minutes} min",
    stop: "Stop…",
    /** Asked in place before a block is stopped: a stopped block cannot be resumed. */
    confirm: {
      question: "Stop now? The block counts as stopped early.",
      stop: "Stop",
      keep: "Keep focusing",
    },
  },
  /** Under the block: the next change of mode, at an instant ("17:30", "Thu 09:00") and how soon. */
  nextChange: {
    at: {
      focus: "Focus at {when}",
      open: "Open at {when}",
      quiet: "Quiet at {when}",
    },
    soon: "in {length}",
    now: "now",
  },
  /** The day so far (`Today.svelte`); in the totals the `{count}` is shown in bold. */
  today: {
    heading: "Today",
    totals: {
      focused: { one: "{count} min focused", other: "{count} min focused" },
      completed: { one: "{count} block completed", other: "{count} blocks completed" },
      held: { one: "{count} held", other: "{count} held" },
      brokeThrough: { one: "{count} broke through", other: "{count} broke through" },
    },
    /** How each of today's blocks ended, by the engine's outcome. */
    outcome: {
      completed: "completed",
      cancelled: "stopped early",
      running: "running",
    },
    empty: "No focus blocks yet today.",
  },
  /** Focus time booked for you (`Proposals.svelte`): today's proposals and booked blocks to come. */
  proposals: {
    heading: "Proposed focus",
    /** Under the heading: why these blocks are here and where the goal is set. */
    hint: "Free time in today's work hours, towards your daily focus goal (Settings › Focus).",
    proposed: "Proposed",
    booked: "Booked",
    accept: "Accept",
    /** A proposal whose start has passed: accepting it starts the block now. */
    startNow: "Start now",
    move: "Move…",
    skip: "Skip",
    /** Skipping a booked block: it is no longer booked, and its time is not proposed again today. */
    takeBack: "Take back",
    /** `{span}` is "10:00–10:50", for screen readers on each row's buttons. */
    rowLabel: "Focus {span}",
    moveTo: {
      label: "Start at",
      submit: "Move",
      cancel: "Cancel",
      invalid: "Type a time of day, like 14:30.",
    },
  },
  /** Overriding the work hours for today (`Overrides.svelte`). */
  overrides: {
    heading: "Work hours",
    backToSchedule: "Back to schedule",
    doneForToday: "Done for today",
    workingLate: {
      label: "Working late until",
      submit: "Work late",
    },
  },
} as const;
