/** Words of the Stats tab: charts, streaks, who interrupts you. */
export const stats = {} as const;
