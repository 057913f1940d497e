/** Words of the Settings tab, section by section. */
export const settings = {
  title: "Settings",
  /** The list of sections beside the page, and what a row says to a screen reader after its name. */
  sectionList: "Sections",
  sectionState: {
    invalid: ", needs a fix",
    changed: ", changed",
  },
  /** Words several sections' lists and selects share. */
  remove: "Remove",
  any: "Any",
  optional: "(optional)",
  /** The engine refused the save: its message, or a pointer to the field it marked. */
  refused: "Nothing was saved. {message}",
  refusedBelow: "Nothing was saved: the field marked below needs a fix.",
  /** The button under the section list that runs the first-run guide again. */
  welcome: {
    run: "Run the welcome guide again",
    saveFirst: "Save or revert your changes first.",
    hint: "Work hours, other apps' notifications and sending a test message, step by step.",
  },
  /** The bar at the bottom while there are unsaved changes, and what it announces. */
  save: {
    saving: "Saving…",
    unsaved: "Unsaved changes",
    saved: "Saved",
    /** `{lead}` is `blockedLead`, in bold. */
    blockedLead: "Can't save yet:",
    blocked: {
      one: "{lead} a field in {where} needs a fix.",
      other: "{lead} {count} fields in {where} need a fix.",
    },
    show: "Show",
    unsavedIn: "Unsaved changes in {where}.",
    revert: "Revert",
    key: "Ctrl+S",
  },
  /** The question before leaving unsaved changes. */
  discard: {
    title: "Discard changes?",
    body: "Your changes to {where} are not saved.",
    bodyNeedsFix: "Your changes to {where} are not saved. Some need a fix before they can be.",
    keep: "Keep editing",
    discard: "Discard",
  },
  /** Work hours › Week. */
  hours: {
    legend: "Week",
    zone: "Time zone: {zone}",
    zoneHint: "(the system's)",
    windowStart: "{day} window {number} start",
    windowEnd: "{day} window {number} end",
    removeWindow: "Remove {day} window {number}",
    dayOff: "Day off",
    addWindow: "Add a window on {day}",
    add: "Add",
    timesHint: '"9" means 09:00 and "930" 09:30; "24:00" ends a window at midnight. Windows may not overlap.',
    daysOff: "Days off",
    removeDayOff: "Remove day off {date}",
    noDaysOff: "None",
    dayOffToAdd: "Day off to add",
    addDayOff: "Add day off",
  },
  /** Work hours › Daily review. */
  review: {
    legend: "Daily review",
    automatic: "Automatic: 30 minutes before the day's last window ends",
    at: "At",
    time: "Daily review time",
  },
  /** Focus › Focus lengths. */
  presets: {
    legend: "Focus lengths",
    hint: "Offered in the tray and the window, in minutes (up to {max}).",
    length: "Focus length {number} in minutes",
    unit: "min",
    remove: "Remove focus length {number}",
    add: "Add a length",
  },
  /** Focus › Scheduled blocks. */
  schedule: {
    legend: "Scheduled blocks",
    hint: "Focus blocks that start by themselves every week.",
    block: "Scheduled block {number}",
    days: "Days of block {number}",
    start: "Start",
    end: "End",
    length: "or length (min)",
    intent: "Intent",
    remove: "Remove scheduled block {number}",
    none: "No scheduled blocks.",
    add: "Add a scheduled block",
  },
  /** Delivery › Delivery while open. */
  delivery: {
    legend: "Delivery while open",
    modes: "How messages are delivered inside work hours",
    immediate: "Each message at once",
    batched: "In batches",
    every: "Every (minutes, from midnight)",
    at: "and at",
    atHint: "(times, separated by commas)",
  },
  /** Delivery › Popups you have seen. `after` spans the checkbox's label and the number's. */
  filing: {
    legend: "Popups you have seen",
    after: "File popups I've already seen after {hours} hours",
    hoursLabel: "Hours before a seen popup is filed",
    note: "A message that already popped up (while you were Open, or breaking through) moves to Done by itself, unless you pinned it.",
  },
  /** Delivery › Group the inbox by, by `Grouping`. */
  grouping: {
    legend: "Group the inbox by",
    sender: { label: "Sender", hint: "(one group per sender, app or topic (and thread))" },
    source: { label: "Source", hint: "(the API, desktop notifications, ntfy, mail…)" },
    flat: { label: "None", hint: "(one list, newest first)" },
    note: 'The inbox\'s "Group by" switches it too (or press g there).',
  },
  /** Breakthrough rules. */
  rules: {
    legend: "Rules",
    hint: "Tried from the top; the first rule that matches decides. Every condition filled in must hold. A rule that breaks through neither keeps its messages held, above broader rules.",
    rule: "Rule {number}",
    moveUp: "Move rule {number} up",
    up: "Up",
    moveDown: "Move rule {number} down",
    down: "Down",
    remove: "Remove rule {number}",
    source: "Source",
    /** A rule's text conditions, by the rule's field. */
    text: {
      sender: { label: "Sender", hint: "(exact, any case)" },
      app: { label: "App or topic", hint: "(exact, any case)" },
      keyword: { label: "Keyword", hint: "(in title or body)" },
      tag: { label: "Tag", hint: "(one of its tags)" },
    },
    priority: "Priority at least",
    urgent: "{priority} (urgent)",
    focus: "Breaks through a focus block",
    quiet: "Breaks through quiet hours",
    none: "No rules: nothing breaks through.",
    add: "Add a rule",
  },
  /** Desktop: other apps' notifications, do-not-disturb, the shortcut, autostart. */
  desktop: {
    notificationsLegend: "Other apps' notifications",
    capture: {
      label: "Hold other apps' desktop notifications",
      /** What listening for other apps' notifications is doing, by the engine's state. */
      state: {
        off: "Off",
        starting: "Starting…",
        running: "Recording other apps' notifications",
        refused: "The session bus refused to let Lull listen",
        unavailable: "Not available here",
        unreachable: "Cannot reach it; trying again",
      },
      withDetail: "{state}: {detail}",
    },
    dnd: {
      label: "Switch the desktop's do-not-disturb on in Focus and Quiet",
      daemonOn: "Notification daemon: {daemon}; do-not-disturb is on.",
      daemonOff: "Notification daemon: {daemon}; do-not-disturb is off.",
      users: "It was yours before Lull's quiet time began: Lull leaves it on.",
      lulls: "Lull turned it on and turns it off when you are open again.",
      noDaemon: "No supported notification daemon found.",
    },
    /** Away: the screen locked, idle, asleep. */
    away: {
      legend: "When you are away",
      hold: "Hold messages while you are away in work hours, and show one digest when you are back",
      idle: "Count as away after",
      idleUnit: "minutes without a key pressed or the mouse moved",
      pause: "Pause a focus block while the screen is locked, and move its end by as long",
      pauseHint: "Off: the block keeps its end, and the time locked is not counted as focus.",
      /** What tells Lull: `{witnesses}` is a list like the one `lull sources` prints. */
      seenBy: "Seen by: {witnesses}.",
      lock: "screen lock from {names}",
      sleep: "sleep from {name}",
      idleFrom: "idle time from {name}",
      and: " and ",
      nothing: "Nothing on this desktop says when you are away: no screen locker, logind, Mutter or X11 answers.",
    },
    /** Presenting: a fullscreen window has the focus, or the screen is shared. */
    screens: {
      quiet: "Quiet while presenting",
      quietHint:
        "While a fullscreen window has the focus or the screen is shared, in work hours, messages are held and nothing pops up; they come in one digest afterwards.",
      /** What tells Lull: `{witnesses}` is a list of the two below, like the one `lull sources` prints. */
      seenBy: "Told by: {witnesses}.",
      /** What tells Lull a fullscreen window has the focus (`X11`). */
      fullscreenFrom: "fullscreen windows from {name}",
      /** What tells Lull the screen is shared (`org.gnome.Mutter.ScreenCast`). */
      sharingFrom: "screen sharing from {name}",
      nothing: "Nothing on this desktop tells Lull when a window is fullscreen or the screen is shared.",
    },
    keysLegend: "Shortcut and login",
    shortcut: {
      label: "Shortcut to start or stop focus",
      placeholder: "Ctrl+Alt+F",
      note: "Works on X11 only: Wayland desktops do not let apps take global shortcuts. Empty (the default) for none: while a shortcut is set, Lull checks the keyboard 20 times a second.",
      unregistered: "Not registered: {detail}",
    },
    autostart: {
      label: "Start Lull at login",
      hint: "(applies at once)",
    },
  },
  /** Hooks. */
  hooks: {
    legend: "Commands",
    /** `{shell}` is `sh -c` and `{variables}` is `LULL_*`, as code. */
    hint: "Commands run with {shell}, with the details in {variables} environment variables (see docs/api.md). Each gets ten seconds.",
    when: "When",
    event: {
      focusStart: "A block starts",
      focusEnd: "A block ends",
      modeChange: "The mode changes",
    },
    run: "Run",
    /** An example command, as typed in a shell. */
    commandPlaceholder: "playerctl pause",
    remove: "Remove hook {number}",
    none: "No hooks.",
    add: "Add a hook",
  },
  /** Focus time booked for you (Focus section). */
  focusTime: {
    legend: "Focus time booked for you",
    hint: "Lull proposes focus blocks in the free time of your work hours and calendars until the day has this much focus; accept, move or skip them in the Focus tab, the tray or with `lull proposals`.",
    on: "Find focus time every workday",
    /** `{minutes}` is the number box. */
    goal: "{minutes} minutes of focus a day",
    /** `{minutes}` is the number box. */
    block: "in blocks of {minutes} minutes",
    ics: "Write the accepted blocks to focus.ics, for a calendar app to subscribe to",
    icsPath: "The file is focus.ics in Lull's data folder: ~/.local/share/lull/focus.ics for the usual profile.",
  },
  /** Retention. */
  retention: {
    legend: "Keeping messages",
    forever: "Keep done messages forever",
    /** `{days}` is the number box. */
    after: "Delete done messages after {days} days",
  },
  /** Sources: the local API, the control token, publish tokens and the examples. */
  sources: {
    legend: "Local API",
    address: "API address",
    notListening: "Not listening.",
    notListeningBecause: "Not listening: {error}",
    controlToken: "Control token",
    hide: "Hide",
    show: "Show",
    rotateQuestion: "Rotate the control token?",
    /** `{command}` is `lull`, as code. */
    rotateWarning: "Anything given the current one is refused; the {command} command picks up the new one.",
    rotate: "Rotate",
    rotateAsk: "Rotate token…",
    controlTokenHint: "For the {command} command and this app. Give each tool a publish token instead.",
    publishTokens: "Publish tokens",
    publishTokensHint: "A publish token can only send messages, and can be revoked without touching the others.",
    /** The box with a token just made and its one-time secret. */
    fresh: {
      title: "Copy this token now: it is not shown again.",
      hint: "Lull keeps only a fingerprint of it. Lost it? Revoke {name} and make another.",
    },
    examples: "Sending to Lull",
    examplesEmpty: "Make a publish token to fill these in.",
    examplesFilled: "Filled in with the token {name}.",
  },
  /** Settings › Sources › Remote ntfy topics (`components/settings/NtfySubscriptions.svelte`). */
  ntfy: {
    title: "Remote ntfy topics",
    hint: "Follow topics on an ntfy server: their messages arrive in Lull like any other. Saved with the rest of the settings.",
    none: "No ntfy topics followed.",
    add: "Follow ntfy topics",
    /** The heading of one subscription: its id. */
    item: "Subscription {id}",
    remove: "Remove subscription {id}",
    enabled: "On",
    enabledLabel: "Follow subscription {id}",
    server: "Server",
    topics: "Topics",
    topicsHint: "Separated by commas or spaces.",
    topicsPlaceholder: "alerts, backups",
    id: "Name",
    idHint: "Letters, digits, - and _. Its secret and its place in the stream are kept under it.",
    auth: "Sign in",
    authKind: {
      none: "No sign-in",
      token: "Access token",
      basic: "User and password",
    },
    user: "User",
    token: "Access token",
    password: "Password",
  },
  /** What the remote sources (ntfy, Gotify, mail) share: a secret's field and a status line (`lib/settings-remote.ts`). */
  remote: {
    /** `components/settings/SourceSecret.svelte`. */
    secret: {
      keep: "Keep in keyring",
      /** When no Secret Service runs, secrets go to a file only the user can read instead. */
      keepFile: "Keep in file",
      forget: "Forget",
      keepHint: "Kept in the desktop's keyring, never in Lull's settings.",
      /** `{path}` is the secrets file's path. */
      keepHintFile: "Kept in {path}, readable only by you, never in Lull's settings.",
      kept: "Kept in the keyring.",
      /** `{path}` is the secrets file's path. */
      keptFile: "Kept in {path}.",
      forgotten: "Forgotten.",
      /** `{name}` is the secret's name, as `lull secret` takes it (`gotify/home`). */
      nothingToForget: "The keyring held nothing for {name}.",
      /** `{name}` as above; `{path}` is the secrets file's path. */
      nothingToForgetFile: "{path} held nothing for {name}.",
      notKept: "Not kept: {message}",
    },
    /** The line under the remote sources: where their secrets are kept, once one was needed. */
    secretsPlace: {
      keyring: "Passwords and tokens are kept in your desktop's keyring.",
      /** `{path}` is the file's path, as code. */
      file: "Passwords and tokens are kept in {path}, readable only by you: no keyring (Secret Service) is running.",
    },
    /** What each subscription or mail folder is doing, from the engine's status. */
    status: {
      unsaved: "Starts once saved.",
      off: "Off.",
      starting: "Connecting…",
      running: "Connected",
      refused: "Refused: {detail}",
      refusedBare: "Refused by the server.",
      unavailable: "Not available: {detail}",
      unavailableBare: "Not available.",
      unreachable: "Cannot reach {host}: {detail}",
      unreachableSince: "Cannot reach {host} since {since}: {detail}",
      unreachableBare: "Cannot reach {host}.",
    },
  },
  /** Settings › Sources › Gotify servers (`components/settings/GotifyServers.svelte`). */
  gotify: {
    title: "Gotify servers",
    hint: "Follow a Gotify server: every application's messages on it arrive in Lull like any other. Saved with the rest of the settings.",
    none: "No Gotify server followed.",
    add: "Follow a Gotify server",
    /** The heading of one server: its id. */
    item: "Gotify server {id}",
    remove: "Remove Gotify server {id}",
    enabled: "On",
    enabledLabel: "Follow Gotify server {id}",
    server: "Server",
    serverPlaceholder: "https://gotify.example.org",
    id: "Name",
    idHint: "Letters, digits, - and _. Its client token and its place in the stream are kept under it.",
    token: "Client token",
    tokenHint: "Make one in Gotify under Clients; an application's token only sends.",
  },
  /** Settings › Sources › Mail accounts (`components/settings/ImapAccounts.svelte`). */
  imap: {
    title: "Mail accounts",
    hint: "Read folders of a mail account over IMAP: new mail arrives in Lull, held in Focus like any message. Lull only reads: nothing is marked read, moved or deleted. Saved with the rest of the settings.",
    none: "No mail account read.",
    add: "Read a mail account",
    /** The heading of one account: its id. */
    item: "Mail account {id}",
    remove: "Remove mail account {id}",
    enabled: "On",
    enabledLabel: "Read mail account {id}",
    host: "IMAP server",
    hostPlaceholder: "imap.example.org",
    port: "Port",
    tls: "Security",
    tlsKind: {
      implicit: "TLS (usually port 993)",
      starttls: "STARTTLS (usually port 143)",
    },
    tlsHint: "Always encrypted: your password travels over this connection, so there is no unencrypted choice.",
    user: "User",
    userHint: "The name you sign in with, often your address.",
    password: "Password",
    passwordHint: "An app password, if your provider gives them.",
    id: "Name",
    idHint: "Letters, digits, - and _. Its password and its folders' places are kept under it.",
    folders: "Folders",
    foldersHint: "One per line, as the server names them.",
    /** `{minutes}` is the number box. */
    poll: "Ask a server without IDLE for new mail every {minutes} minutes",
    pollHint: "With IDLE, the server tells Lull of new mail at once.",
    link: "Open mail in",
    linkPlaceholder: "Your mail app",
    /** `{placeholder}` is `{message_id}`, as code. */
    linkHint:
      "Empty: your desktop mail app opens it (a mid: link). Or a webmail's search address with {placeholder} in it.",
    notify: "Lull notifies new mail",
    notifyOff:
      "Off: your mail client notifies you; Lull only records new mail while you are not focusing (it still holds it in Focus).",
    notifyOn: "On: Lull notifies new mail while you are Open, like any message; turn your mail client's own off.",
    /** The statuses of the account's folders, one per folder. */
    folderStatus: "Each folder's status",
    /** A disclosure, closed unless the account has one: few servers need it. */
    certificate: "Server certificate",
    certificateLabel:
      "The server's own certificate (PEM), for a self-hosted server whose certificate no authority signed",
    certificateHint:
      "Empty for almost every server. A certificate is public, not a secret: it is kept in the settings.",
  },
  /** Settings › Sources › Calendars (`components/settings/CalendarList.svelte`). */
  calendars: {
    title: "Calendars",
    hint: "Read calendars, never change them: a meeting can make Lull Quiet, and an event marked as focus time starts a block. Saved with the rest of the settings.",
    none: "No calendar read.",
    add: "Add calendar",
    /** The heading of one calendar: its id. */
    item: "Calendar {id}",
    remove: "Remove calendar {id}",
    enabled: "On",
    enabledLabel: "Read calendar {id}",
    id: "Name",
    idHint: "Letters, digits, - and _. Its events and its password are kept under it.",
    kind: "Kind",
    kinds: {
      ics: "ICS file or URL",
      caldav: "CalDAV",
    },
    url: "Address",
    urlPlaceholder: {
      ics: "/home/me/work.ics or https://example.org/work.ics",
      caldav: "https://dav.example.org/calendars/me/work/",
    },
    urlHint: {
      ics: "An absolute path to an .ics file (or a file:/// URL), or its http(s) address.",
      caldav: "The calendar collection's http(s) address.",
    },
    user: "Login name",
    userHint: "Only if the server asks for one; leave it empty otherwise.",
    password: "Password",
    passwordHint: "An app password, if your provider gives them.",
    /** `{minutes}` is the number box. */
    poll: "Read every {minutes} minutes",
    pollHint: "How often Lull reads the calendar again.",
    /** A calendar that was read: `{detail}` is the engine's count, such as "12 events". */
    running: "Running: {detail}",
  },
  /** Settings › Sources › Meetings, under the calendars (`components/settings/CalendarList.svelte`). */
  meetings: {
    title: "Meetings",
    quiet: "Quiet during meetings",
    quietHint:
      "A busy event in your work hours holds messages as a focus block does, and releases them in one digest when it ends.",
    marker: "Focus marker",
    /** `{example}` is an event title with the marker, as code. */
    markerHint: "An event whose title carries it is a focus block, e.g. {example}. Empty: no event is.",
    markerExample: "Write the report {marker}",
    addresses: "Your addresses",
    addressesHint: "Separated by commas or one per line: an invitation you declined at one of them is no meeting.",
  },
  /** The sections in the list and over each page (`lib/settings-sections.ts`). */
  sections: {
    hours: {
      label: "Work hours",
      description: "When Lull is Open, when it stays Quiet, and when the daily review comes.",
    },
    focus: {
      label: "Focus",
      description: "The lengths offered for a block, and blocks that start by themselves.",
    },
    delivery: {
      label: "Delivery",
      description:
        "How messages reach you while you are Open, what happens to them after, and how the inbox groups them.",
    },
    rules: {
      label: "Breakthrough rules",
      description: "Which messages may interrupt a block or quiet hours.",
    },
    sources: {
      label: "Sources",
      description:
        "How tools, scripts, ntfy and Gotify servers, mail accounts and calendars reach Lull, and what meetings do. Tokens and secrets apply at once; the rest is saved with the settings.",
    },
    desktop: {
      label: "Desktop",
      description: "Other apps' notifications, do-not-disturb, the shortcut and starting at login.",
    },
    hooks: {
      label: "Hooks",
      description: "Commands to run when a block starts or ends, or the mode changes.",
    },
    retention: {
      label: "Retention",
      description: "How long done messages are kept.",
    },
  },
  /** Joining names into a list: "Work hours, Focus and Delivery", "ci-* or nas". */
  list: {
    comma: "{list}, {next}",
    and: "{list} and {last}",
    or: "{list} or {next}",
  },
  /** What the form's own checks say beside a field, before anything is sent (`lib/settings-check.ts`). */
  check: {
    dayTimes: "{day}: write times as HH:MM, such as 09:00 or 17:30.",
    dayBackwards: "{day}: the window {start}–{end} ends before it starts.",
    ruleMatchesAll: "Rule {number} has no condition: it would match every message.",
    blockDays: "Choose at least one day.",
    blockTimes: "Write times as HH:MM, such as 09:00.",
    blockBackwards: "The block ends ({end}) before it starts ({start}).",
    presetsEmpty: "Keep at least one focus length.",
    presetsRange: "A focus length is a whole number of minutes, 1 to {max}.",
    batchEvery: "Batches come every {min} to {max} minutes.",
    batchTimes: "Write batch times as HH:MM, such as 12:00.",
    batchEmpty: "Batched delivery needs times or an interval.",
    reviewTime: "Write the time as HH:MM, such as 16:30.",
    retention: "Keep done messages 1 to {max} days, or keep them forever.",
    focusGoal: "A daily goal is a whole number of minutes, 1 to {max}, or turn it off.",
    focusBlock: "A proposed block is {min} to {max} minutes.",
    filing: "File seen popups after 1 to {max} hours, or turn it off.",
    hookCommand: "Write the command to run.",
    ntfyCount: "Follow at most {max} ntfy subscriptions.",
    sourceId: "Name it with 1 to {max} letters, digits, - or _.",
    ntfyIdTaken: "Another subscription is called {id}: pick another name.",
    ntfyServer: "Write the server as a web address, such as https://ntfy.sh.",
    ntfyTopicsEmpty: "Follow at least one topic.",
    ntfyTopicsCount: "Follow at most {max} topics here.",
    ntfyTopic: "A topic is 1 to {max} letters, digits, - or _: {topic} is not.",
    ntfyUser: "Write the user: 1 to {max} characters, without a colon.",
    gotifyCount: "Follow at most {max} Gotify servers.",
    gotifyIdTaken: "Another Gotify server is called {id}: pick another name.",
    gotifyServer: "Write the server as a web address, such as https://gotify.example.org.",
    imapCount: "Read at most {max} mail accounts.",
    imapIdTaken: "Another mail account is called {id}: pick another name.",
    imapHost: "Write the server's name or address, such as imap.example.org.",
    imapPort: "A port is a whole number from 1 to 65535, usually {implicit} for TLS or {starttls} for STARTTLS.",
    imapUser: "Write the user you sign in with: 1 to {max} characters.",
    imapFoldersEmpty: "Read at least one folder, such as INBOX.",
    imapFoldersCount: "Read at most {max} folders of one account.",
    imapFolder: 'A folder is 1 to {max} characters, without " or \\: {folder} is not.',
    imapPoll: "Ask for new mail every {min} to {max} minutes.",
    imapLink: "Leave it empty, or write a web address with {placeholder} in it.",
    calendarCount: "Read at most {max} calendars.",
    calendarIdTaken: "Another calendar is called {id}: pick another name.",
    calendarUrlIcs: "Write an absolute path to the file, such as /home/me/work.ics, or an http(s) address.",
    calendarUrlCaldav: "Write the calendar's http(s) address, such as https://dav.example.org/calendars/me/work/.",
    calendarUser: "A login name is 1 to {max} characters; a file has none.",
    calendarPoll: "Read a calendar every {min} to {max} minutes.",
    meetingsAddress: "{address} is not a mail address: write one such as me@example.org.",
    /** `{begin}` is the PEM marker, `-----BEGIN CERTIFICATE-----`. */
    imapCertificate:
      "A certificate is PEM text that starts with {begin}, at most {max} KiB: leave it empty, or paste the whole of it.",
  },
  /** The ready-to-paste commands of Settings › Sources and the welcome guide (`lib/settings-sources.ts`). */
  examples: {
    title: {
      api: "Lull's API (JSON)",
      ntfy: "ntfy-style: the topic is the path",
      gotify: "Gotify-style",
    },
    /** Stands in for a publish token whose secret is not known, in the copied command too. */
    placeholder: "<publish token>",
    refused: "Refused for this token: it may only publish to its ntfy topics.",
    matchTopic: "Use a topic that matches {patterns}.",
  },
  /**
   * What a live region says after a copy, in Settings › Sources and the welcome guide: on the
   * clipboard, selected for the user's own Ctrl+C, or neither; by what was copied.
   */
  copy: {
    copied: {
      controlToken: "The control token copied.",
      namedToken: "The token {name} copied.",
      token: "The token copied.",
      testMessage: "The test message copied.",
      example: "The example copied.",
      exampleLine: "The {tab} line copied.",
    },
    selected: {
      controlToken: "The control token selected: press Ctrl+C to copy it.",
      namedToken: "The token {name} selected: press Ctrl+C to copy it.",
      token: "The token selected: press Ctrl+C to copy it.",
      testMessage: "The test message selected: press Ctrl+C to copy it.",
      example: "The example selected: press Ctrl+C to copy it.",
      exampleLine: "The {tab} line selected: press Ctrl+C to copy it.",
    },
    failed: {
      controlToken: "The control token could not be copied.",
      namedToken: "The token {name} could not be copied.",
      token: "The token could not be copied.",
      testMessage: "The test message could not be copied.",
      example: "The example could not be copied.",
      exampleLine: "The {tab} line could not be copied.",
    },
  },
  /** Publish tokens: their list and the new-token form. */
  tokens: {
    made: "made {day}",
    none: "No publish tokens yet.",
    noneWorking: "No working publish tokens.",
    makeOne: "Make one for each tool that sends you messages (CI, backups, a phone relay).",
    revokeLabel: "Revoke {name}…",
    revokeAsk: "Revoke…",
    revokeQuestion: "Revoke {name}?",
    revokeWarning: "{name} stops working at once; the messages it sent stay.",
    revoke: "Revoke",
    showRevoked: "Show revoked ({count})",
    hideRevoked: "Hide revoked ({count})",
    revokedOn: "revoked {day}",
    new: {
      title: "New publish token",
      name: "Name",
      nameMissing: "Name the token after the tool that will use it, such as CI.",
      namePlaceholder: "CI",
      topics: "Only ntfy topics",
      topicsPlaceholder: "ci-* backups",
      priority: "Highest priority",
      make: "Make token",
      /** `{star}` is `*`, as code. */
      hint: "Separate topics with commas or spaces; {star} stands for any run of characters. A token limited to topics publishes only ntfy-style, to those topics. Messages above its highest priority are lowered to it.",
    },
    /** The highest priority a token may be capped at, as the select offers it. */
    priorityCap: {
      lowest: "1 (lowest)",
      low: "2 (low)",
      normal: "3 (normal)",
      high: "4 (high)",
      urgent: "5 (urgent)",
    },
    /** What a token may do, in a few words each. */
    scope: {
      anyTopic: "any topic",
      topics: "topics {topics}",
      priority: "priority ≤ {max}",
    },
  },
} as const;
