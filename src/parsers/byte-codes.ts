// The ASCII codes the byte-level stack readers compare against, named once for all of them.

export const TAB = 9;
export const NEWLINE = 10;
export const SPACE = 32;
export const OPEN = 40;
export const CLOSE = 41;
export const DASH = 45;
export const ZERO = 48;
export const NINE = 57;
export const TILDE = 126;
// More digits than this could round in a double; the general parser reads those.
export const MAX_DIGITS = 15;
