/** Words of the Settings tab, section by section. */
export const settings = {} as const;
