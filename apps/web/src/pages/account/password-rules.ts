// The server has the last word (length and strength); this only saves a
// round trip for the obvious case.
export const MIN_PASSWORD_LENGTH = 10;
