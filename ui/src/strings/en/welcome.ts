/** Words of the first-run guide (the welcome dialog), step by step. */
export const welcome = {} as const;
