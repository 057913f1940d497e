/** Words of the first-run guide (the welcome dialog), step by step. */
export const welcome = {
  title: "Welcome to Lull",
  stepCount: "Step {step} of {steps}",
  loadError: "Lull could not read its settings: {error}",
  /** The buttons at the foot of the guide. */
  skip: "Skip for now",
  skipNote: "Skipping keeps the settings as saved: {settings}.",
  back: "Back",
  next: "Next",
  notNow: "Not now",
  saving: "Saving…",
  start: "Start a {minutes}-minute block",
  /** After a time or a week: the zone the engine reads work hours in. */
  inZone: "in {zone}",
  /** Each step's title, over the step and in the list of steps. */
  steps: {
    hours: "When do you work?",
    hold: "Other apps' notifications",
    send: "Send Lull a message",
    focus: "Start a first block",
  },
  /** The settings in a few words, after Skip and on the last step. */
  summary: "{week} in {zone}; other apps' notifications {hold}",
  /** The work week in a few words (`lib/welcome-hours.ts`): "Mon–Fri 09:00–17:30". */
  week: {
    none: "no work hours",
    dayRange: "{first}–{last}",
    group: "{days} {windows}",
  },
  /** What Lull does with other apps' notifications, completing "other apps' notifications …". */
  holdWords: {
    held: "held in Focus and Quiet",
    recorded: "recorded, still shown",
    silenced: "silenced in Focus and Quiet, not recorded",
    alone: "left alone",
  },
  refused: "Nothing was saved. {message}",
  /** The last step. */
  focus: {
    lead: "A focus block holds every message until it ends, then shows what came in as one digest instead of a string of popups. Urgent messages (priority 5) still break through.",
    hint: "Start one whenever you sit down to work: from the Focus tab, the tray, or a scheduled block in Settings. Finishing here saves your choices; a {minutes}-minute block is a good way to try it.",
    /** What finishing will save, term by term. */
    summary: {
      hours: "Work hours",
      hold: "Other apps' notifications",
      sending: "Sending",
      token: "With the token {name}",
      arrived: "With the token {name}; the test message arrived",
    },
  },
  hours: {
    /** `{quiet}` is `quiet`, in bold. */
    lead: "Outside these hours Lull is {quiet}: it holds messages and shows them at your next work hour, in one digest.",
    quiet: "Quiet",
    /** A saved week the guide's one work day cannot show. */
    custom: {
      title: "Your work hours differ from day to day:",
      hint: "They stay as they are; Settings › Work hours changes them day by day.",
      replace: "Use the same hours every work day instead",
    },
    days: "Work days",
    hours: "Hours",
    starts: "Work starts",
    ends: "Work ends",
    to: "to",
    breakFrom: "A break from",
    breakStarts: "Break starts",
    breakEnds: "Break ends",
    more: "Days off, and different hours on different days, are in Settings › Work hours.",
    /** What the work day's check says beside its input. */
    check: {
      days: "Choose at least one work day.",
      start: "Write the start as HH:MM, such as 09:00.",
      end: "Write the end as HH:MM, such as 17:30.",
      backwards: "The day ends ({end}) before it starts.",
      pause: "Write the break as HH:MM, such as 12:00 to 13:00.",
      pauseBackwards: "The break ends before it starts.",
      pauseOutside: "The break must fall within the day, after {start} and before {end}.",
    },
  },
  hold: {
    question: "Hold other apps' notifications while you focus and outside these hours?",
    daemon:
      "Lull found {daemon}. It can switch {daemon}'s do-not-disturb on in Focus and Quiet, and back off after, and keep what other apps send in its inbox for later.",
    noDaemon:
      "Lull found no notification daemon it can switch to do-not-disturb, so other apps' popups still show. It still records what they send in its inbox, to read later.",
    desktopError: "Lull could not look at the desktop: {error}",
    /** The two settings differ; `{hold}` is one of `holdWords`. */
    mixed: "Now they are {hold}. Choose one to set both, or leave it as it is.",
    yes: {
      title: "Yes, hold them",
      hint: "They wait in Lull's inbox, with everything else, until the block ends or work begins.",
    },
    no: {
      title: "No, leave them alone",
      hint: "They pop up as they do now. Lull holds only what is sent to it.",
    },
    noTray: {
      title: "This desktop shows no tray icons.",
      /** `{command}` is `lull`, as code. */
      body: "So Lull opens this window when it starts, and everything its tray menu offers is here and in the {command} command. On GNOME, the “AppIndicator and KStatusNotifierItem Support” extension adds a tray.",
    },
    later: "You can change this later in Settings › Desktop.",
  },
  send: {
    lead: "Scripts, CI jobs and phone relays can send to Lull over HTTP, each with a publish token of its own that can only send messages. Make one, then send a test message from a terminal.",
    apiOff:
      "Lull's API is not listening, so nothing can send to it yet. Settings › Sources says more; you can skip this step.",
    apiOffBecause:
      "Lull's API is not listening: {error}, so nothing can send to it yet. Settings › Sources says more; you can skip this step.",
    sourcesError: "Lull could not say where its API listens: {error}",
    tokenLabel: "Token name",
    make: "Make token",
    tokenHint: "Name it after what will use it; you can revoke it in Settings › Sources.",
    ready: "The token {name} is ready. Copy it now: it is not shown again.",
    showToken: "Show token",
    hideToken: "Hide token",
    test: {
      title: "Send a test message",
      paste: "Paste this into a terminal:",
      arrived: "Arrived: {name}",
      waiting: "Waiting for a message sent with {name}…",
    },
    /** The other ways to send, one tab each. */
    tools: {
      title: "For your tools",
      tabs: "Send the way your tool does",
    },
    tabs: {
      api: "Lull's API",
      ntfy: "ntfy",
      gotify: "Gotify",
    },
    /** The name the new token's field starts with. */
    tokenName: "My scripts",
    tokenNameMissing: "Name the token after what will use it, such as My scripts.",
    /** The test message the guide's command sends, which arrives in the inbox. */
    testMessage: {
      title: "Hello from Lull",
      body: "It works: this came in through the API.",
    },
  },
} as const;
