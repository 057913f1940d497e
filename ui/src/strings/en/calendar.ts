/**
 * Names of days and months and the date ladder's rungs (`lib/dates.ts`), shared by every view.
 * A 24-hour clock is not a word and stays in code; the order of day, month and year is here.
 */
export const calendar = {
  weekday: {
    short: { sun: "Sun", mon: "Mon", tue: "Tue", wed: "Wed", thu: "Thu", fri: "Fri", sat: "Sat" },
    long: {
      sun: "Sunday",
      mon: "Monday",
      tue: "Tuesday",
      wed: "Wednesday",
      thu: "Thursday",
      fri: "Friday",
      sat: "Saturday",
    },
  },
  month: {
    short: {
      jan: "Jan",
      feb: "Feb",
      mar: "Mar",
      apr: "Apr",
      may: "May",
      jun: "Jun",
      jul: "Jul",
      aug: "Aug",
      sep: "Sep",
      oct: "Oct",
      nov: "Nov",
      dec: "Dec",
    },
  },
  ladder: {
    yesterday: "Yesterday {clock}",
    tomorrow: "Tomorrow {clock}",
    weekday: "{weekday} {clock}",
    dayMonth: "{day} {month}",
    dayMonthYear: "{day} {month} {year}",
    full: "{weekday} {day} {month} {year} {clock}",
    weekdayDayMonth: "{weekday} {day} {month}",
  },
} as const;
