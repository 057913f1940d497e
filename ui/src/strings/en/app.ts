/** Words of the window's frame: its name, the tabs, the header's mode line, shared buttons. */
export const app = {
  name: "Lull",
} as const;
