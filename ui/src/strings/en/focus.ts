/** Words of the Focus tab: starting, running and ending a block, overrides, today. */
export const focus = {} as const;
