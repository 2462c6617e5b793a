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

/**
 * Most role-module files one load reads (the named file or a folder's
 * entries, and everything they include). With {@link MAX_FILE_BYTES}, it
 * bounds what a load reads at 10 GiB at worst; real projects have a few
 * dozen files.
 */
export const MAX_MODULE_FILES = 10_000;

/**
 * Largest application source, tsconfig or package.json file the analyzer
 * reads, in bytes (and the default of a host's `readFile`). Hand-written
 * sources are far smaller; the bound keeps a committed link to a huge file
 * from exhausting memory.
 */
export const MAX_SOURCE_BYTES = 16 * 1024 * 1024;

/**
 * Most application sources read below `--src` (RC5018): generous (the
 * benchmark's largest application has 20,000 files), yet a source folder
 * that holds a copied `node_modules` under another name or a generated
 * tree is stopped before it is parsed file by file.
 */
export const MAX_SOURCE_FILES = 100_000;

/**
 * Most alias expansions one YAML file may hold: aliases met while its data
 * is unfolded as a tree (an alias inside an aliased node counts each time
 * that node is unfolded). Guards against alias bombs ("billion laughs").
 */
export const MAX_ALIAS_COUNT = 1000;

/**
 * Most values (scalars, maps and lists) a role module's data may hold when
 * unfolded as a tree, shared parts counted each time they are reached: YAML
 * aliases and a TypeScript module's shared objects can't make a small file
 * into an enormous tree for later stages.
 */
export const MAX_DATA_VALUES = 2_000_000;

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
