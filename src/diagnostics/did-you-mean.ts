/**
 * "Did you mean …?": the candidate nearest to a word that is not known, by
 * edit distance, as compilers suggest one (the role model for a role
 * reference, the analyzer for a role id or a misspelt member name).
 */

/** Most names one model build compares for "did you mean" (deterministic, unlike a time limit). */
export const MAX_FUZZY_COMPARISONS = 100_000;
/** Names longer than this get no "did you mean" (the edit distance is quadratic in the length). */
const MAX_FUZZY_LENGTH = 100;

/** The candidate closest to `word` by edit distance (at most a third of its length), if any. */
export function closest(word: string, candidates: readonly string[], budget: { comparisons: number }): string | undefined {
  if (word.length > MAX_FUZZY_LENGTH) return undefined;
  if (budget.comparisons < candidates.length) {
    budget.comparisons = 0; // spent: later references skip even listing their candidates
    return undefined;
  }
  budget.comparisons -= candidates.length;
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    // The distance is at least the difference in length: skip what can't be closer.
    if (Math.abs(candidate.length - word.length) >= bestDistance) continue;
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance: the fewest insertions, deletions and substitutions that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const temp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = temp;
    }
  }
  return row[b.length]!;
}
