// Exit codes, as ARCHITECTURE.md fixes them for every command.
export const EXIT = {
  clean: 0,
  findingsAtGate: 1,
  badInput: 2,
  internal: 3,
} as const;
