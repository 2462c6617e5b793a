/**
 * Globs over actor and action ids (`tickets.*.markClosed`) and over test
 * names (`--filter`): `*` matches any run of characters, dots included, `?`
 * one character; everything else matches itself.
 */

/** A matcher for one glob. */
export interface GlobMatcher {
  (text: string): boolean;
  /** The glob's characters before its first wildcard (a quick first test). */
  readonly prefix: string;
}

/** Compiles a glob; `ignoreCase` for names people type (`--filter`). */
export function globMatcher(glob: string, ignoreCase = false): GlobMatcher {
  const wildcard = glob.search(/[*?]/);
  if (wildcard < 0 && !ignoreCase) return Object.assign((text: string) => text === glob, { prefix: glob });
  const source = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  const pattern = new RegExp(`^${source}$`, ignoreCase ? "is" : "s");
  const prefix = ignoreCase ? "" : wildcard < 0 ? glob : glob.slice(0, wildcard);
  return Object.assign((text: string) => text.startsWith(prefix) && pattern.test(text), { prefix });
}
