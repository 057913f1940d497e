/** Words of the Stats tab: the figures, the charts and their tables, streaks, who interrupts you. */
export const stats = {
  /** The tab's heading: the period the figures cover. */
  title: { one: "The last {count} week", other: "The last {count} weeks" },
  refresh: "Refresh",
  /** Said instead of the focus figures while no block ran in the period. */
  noFocus: {
    title: { one: "No focus blocks in the last {count} week", other: "No focus blocks in the last {count} weeks" },
    body: "Once you finish a block, this page shows your focus minutes per day, your streak of days with a completed block, and how often you complete blocks on each weekday.",
    start: "Start a focus block",
  },
  /** The row of figures over the charts. */
  figures: {
    focus: "Focus",
    completionRate: "Completion rate",
    blocksCompleted: "Blocks completed",
    /** Beside the number completed. */
    stoppedEarly: { one: "{count} stopped early", other: "{count} stopped early" },
    currentStreak: "Current streak",
    bestStreak: "Best streak",
  },
  /** A share of blocks completed, from 0 to 100. */
  rate: "{percent}%",
  /** A streak's length; `atLeast` when it reaches back to the period's first day and may be longer. */
  streak: {
    days: { one: "{count} day", other: "{count} days" },
    atLeast: { one: "{count}+ days", other: "{count}+ days" },
    /** Under the figures: what a streak counts, with or without the work hours to go by. */
    hint: {
      everyDay: "A streak counts days in a row with at least one completed block.",
      workDays:
        "A streak counts days in a row with at least one completed block; days without work hours do not break it.",
    },
  },
  /** "Week of Mon 3 Nov": a week, by its Monday. */
  week: "Week of {day}",
  /** The focus chart (`lib/stats-chart.ts`) and the table that carries its numbers for a screen reader. */
  focus: {
    caption: "Focus minutes per day",
    axis: { day: "Day", minutes: "Focus (minutes)" },
    /** The chart's legend, which names the hovered day and its minutes. */
    series: { day: "Day", focus: "Focus" },
    table: {
      summary: "Focus per day as a table",
      caption: "Focus minutes per day, {from} to {to}",
      day: "Day",
      minutes: "Focus (minutes)",
      completed: "Completed",
      stoppedEarly: "Stopped early",
    },
  },
  /** The messages chart and its table: what happened to the messages of each week. */
  arrivals: {
    caption: "Messages per week: held, broke through, delivered",
    axis: { week: "Week starting", messages: "Messages" },
    series: { week: "Week", held: "Held", brokeThrough: "Broke through", delivered: "Delivered" },
    table: {
      summary: "Messages per week as a table",
      caption: "Messages per week",
      week: "Week",
      held: "Held",
      brokeThrough: "Broke through",
      delivered: "Delivered",
    },
    /** Said instead of the chart while no message arrived in the period. */
    empty: {
      title: { one: "No messages in the last {count} week", other: "No messages in the last {count} weeks" },
      body: "When apps and services send Lull messages, this shows how many each week were held, broke through or were delivered.",
    },
  },
  /** The table of completion by weekday (`WeekdayCompletion.svelte`). */
  weekdays: {
    caption: "Blocks completed, by weekday",
    day: "Day",
    /** The column of bars, named for a screen reader only. */
    share: "Share",
    completed: "Completed",
    blocks: "Blocks",
    /** Blocks completed of those that ended on that weekday. */
    count: "{completed} of {ended}",
    none: "none",
  },
  /** "Who interrupts you" (`lib/stats-interrupters.ts`, `Interrupters.svelte`). */
  interrupters: {
    title: "Who interrupts you",
    legend: { held: "Held", brokeThrough: "Broke through" },
    empty: {
      title: {
        one: "Nobody interrupted you in the last {count} week",
        other: "Nobody interrupted you in the last {count} weeks",
      },
      body: "Nothing was held during focus or quiet hours, and nothing broke through. When something is, who sent it shows here.",
    },
    hint: "Who sent the most messages that were held or broke through, per week. Messages delivered while you were open do not count.",
    /** A row's or a week's messages; a figure that is nought is left out. */
    counts: {
      held: { one: "{count} held", other: "{count} held" },
      brokeThrough: { one: "{count} broke through", other: "{count} broke through" },
      both: "{held} held, {brokeThrough} broke through",
      none: "none",
    },
    /**
     * This week against last week. This week is not over, so only "up" is settled; the others say
     * "so far". A trend may begin a sentence (the row's summary), where it is capitalised.
     */
    trend: {
      upFromNone: "{thisWeek} this week, none last week",
      up: "{thisWeek} this week, up from {lastWeek}",
      downToNone: "none so far this week, down from {lastWeek}",
      down: "{thisWeek} so far this week, down from {lastWeek}",
      same: "{thisWeek} so far this week, as many as last week",
    },
    /** A sender and the source it came through, as the summary names them: "CI, Lull's HTTP API". */
    who: "{name}, {source}",
    /** A week's bar's tooltip: "Week of Mon 3 Nov: 5 held". */
    weekTitle: "{week}: {counts}",
    /** The row's visible line under the name. */
    detail: "{counts} · {trend}",
    /** What a screen reader reads for the row, with and without a trend. */
    summary: {
      plain: "{who}: {counts}.",
      trend: "{who}: {counts}. {trend}.",
    },
  },
} as const;
