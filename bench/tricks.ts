/**
 * Side-by-side micro-benchmarks of two of the analyzer's speed tricks, each
 * against the simpler code it would be replaced by, alternating in one
 * process (ratios per round, median (min–max)):
 *
 *   node --import tsx bench/tricks.ts [--rounds 15]
 *
 * - sort: the actions of every actor of L (20,000 actors, 1–4 actions each)
 *   sorted by name with an insertion sort against Array#sort.
 * - visibility sets: 57,000 visibility sets of 300 user types (L's
 *   actors and actions; 2,000 distinct) made one object each, through a map
 *   keyed by a hash of their words (src/runtime/semantics/visibility-index.ts)
 *   against a map keyed by the words as a (latin1) string.
 */
import { compareStrings } from "../src/diagnostics/diagnostic.js";
import { formatRatio, pairedRatios, summarize } from "./lib/stats.js";

interface Named {
  readonly name: string;
}

function insertionSort(items: Named[]): void {
  for (let i = 1; i < items.length; i++) {
    const item = items[i]!;
    let j = i - 1;
    while (j >= 0 && compareStrings(items[j]!.name, item.name) > 0) {
      items[j + 1] = items[j]!;
      j--;
    }
    items[j + 1] = item;
  }
}

function arraySort(items: Named[]): void {
  items.sort((a, b) => compareStrings(a.name, b.name));
}

/** A small seeded generator (mulberry32), so every run sorts the same lists. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ["detail", "insert", "delete", "merge", "print", "export", "submit", "approve", "close", "archive"];

function actionLists(next: () => number): Named[][] {
  return Array.from({ length: 20_000 }, () => Array.from({ length: 1 + Math.floor(next() * 4) }, () => ({ name: `${WORDS[Math.floor(next() * WORDS.length)]!}_${Math.floor(next() * 100)}` })));
}

function timeSort(lists: readonly Named[][], sort: (items: Named[]) => void): number {
  const copies = lists.map((list) => list.slice());
  const started = performance.now();
  for (const list of copies) sort(list);
  return performance.now() - started;
}

const WORDS_PER_SET = Math.ceil(300 / 32);

function hashedInterning(sets: readonly Uint32Array[]): number {
  const interned = new Map<number, Uint32Array[]>();
  const started = performance.now();
  for (const scratch of sets) {
    let hash = 0x811c9dc5;
    for (let w = 0; w < WORDS_PER_SET; w++) hash = Math.imul(hash ^ scratch[w]!, 0x01000193);
    let bucket = interned.get(hash);
    if (bucket === undefined) interned.set(hash, (bucket = []));
    let found: Uint32Array | undefined;
    for (const known of bucket) {
      let same = true;
      for (let w = 0; w < WORDS_PER_SET && same; w++) same = known[w] === scratch[w];
      if (same) {
        found = known;
        break;
      }
    }
    if (found === undefined) bucket.push(scratch.slice());
  }
  return performance.now() - started;
}

function stringInterning(sets: readonly Uint32Array[]): number {
  const interned = new Map<string, Uint32Array>();
  const started = performance.now();
  for (const scratch of sets) {
    const key = Buffer.from(scratch.buffer, scratch.byteOffset, scratch.byteLength).toString("latin1");
    if (!interned.has(key)) interned.set(key, scratch.slice());
  }
  return performance.now() - started;
}

function visibilitySets(next: () => number): Uint32Array[] {
  const distinct = Array.from({ length: 2_000 }, () => Uint32Array.from({ length: WORDS_PER_SET }, () => (next() * 2 ** 32) >>> 0));
  return Array.from({ length: 57_000 }, () => distinct[Math.floor(next() * distinct.length)]!.slice());
}

function main(): void {
  const at = process.argv.indexOf("--rounds");
  const rounds = at === -1 ? 15 : Number(process.argv[at + 1]);
  const next = random(1);
  const lists = actionLists(next);
  const sets = visibilitySets(next);
  const times = { insertion: [] as number[], array: [] as number[], hashed: [] as number[], string: [] as number[] };
  for (let round = 0; round < rounds + 2; round++) {
    const keep = round >= 2; // two warm-up rounds
    const [a, b] = [timeSort(lists, insertionSort), timeSort(lists, arraySort)];
    const [c, d] = [hashedInterning(sets), stringInterning(sets)];
    if (!keep) continue;
    times.insertion.push(a);
    times.array.push(b);
    times.hashed.push(c);
    times.string.push(d);
  }
  const ms = (samples: number[]): string => `${summarize(samples).median.toFixed(2)} ms`;
  process.stdout.write(
    [
      `speed tricks, ${rounds} alternating rounds after 2 of warm-up; median, ratios per round`,
      `sort 20,000 actors' actions: insertion sort ${ms(times.insertion)}, Array#sort ${ms(times.array)}; insertion / Array#sort ${formatRatio(pairedRatios(times.insertion, times.array))}`,
      `intern 57,000 visibility sets: hashed ${ms(times.hashed)}, string keys ${ms(times.string)}; hashed / string ${formatRatio(pairedRatios(times.hashed, times.string))}`,
      "",
    ].join("\n"),
  );
}

main();
