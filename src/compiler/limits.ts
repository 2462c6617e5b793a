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

/**
 * Largest role-module file rolecraft reads, in bytes. Real role modules are a
 * few kilobytes; a bigger file is refused before it is parsed (or, for
 * TypeScript, run), so memory and time stay bounded whatever the input.
 */
export const MAX_FILE_BYTES = 1024 * 1024;

/** Most YAML aliases one file may expand; guards against alias bombs ("billion laughs"). */
export const MAX_ALIAS_COUNT = 1000;

/**
 * Longest chain of bases from a role down to `core.UserRole`. Generated
 * classes extend their first base, and JavaScript runs every constructor of
 * the chain recursively, so a deeper chain would overflow the stack at run time.
 */
export const MAX_INHERITANCE_DEPTH = 256;

/**
 * Most entries all roles' linearizations may hold together. Generated code
 * spells out every role's MRO, so this bounds the size of the output (about
 * 15 bytes an entry) and the work of C3, however the hierarchy is shaped.
 */
export const MAX_MRO_ENTRIES = 1_000_000;
