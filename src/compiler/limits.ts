/**
 * Limits on input that rolecraft refuses with a diagnostic rather than let
 * it exhaust the stack, the memory or the patience of a CI run. Real role
 * modules stay far below every one of them.
 */

/**
 * Deepest nesting of maps and lists in a role module's data (the module
 * itself is level 1; a user type's `attributes` start at level 4). Every
 * stage after loading may then recurse over data without risking the stack.
 */
export const MAX_NESTING_DEPTH = 64;

/** Most YAML aliases one file may expand; guards against alias bombs ("billion laughs"). */
export const MAX_ALIAS_COUNT = 1000;

/**
 * Longest chain of bases from a role down to `core.UserRole`. Generated
 * classes extend their first base, and JavaScript runs every constructor of
 * the chain recursively, so a deeper chain would overflow the stack at run time.
 */
export const MAX_INHERITANCE_DEPTH = 256;
