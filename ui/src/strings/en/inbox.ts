/** Words of the Inbox tab: its views, rows, detail pane, triage menus, undo and the keys dialog. */
export const inbox = {} as const;
