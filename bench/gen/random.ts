/**
 * A small seeded pseudo-random generator (sfc32), so that a preset and a seed
 * always give the same application, byte for byte, on every machine.
 */

/** Deterministic random choices from one seed. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // Spread the seed over the state with splitmix32, then discard a few outputs.
    let s = seed >>> 0;
    const split = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = split();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A uniformly distributed 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error("Random.pick: empty array");
    return item;
  }

  /** An index chosen with the given (non-negative) weights. */
  weighted(weights: readonly number[]): number {
    const total = weights.reduce((sum, w) => sum + w, 0);
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** A shuffled copy. */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = tmp;
    }
    return copy;
  }

  /** Up to k distinct elements, in random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    return this.shuffle(items).slice(0, Math.max(0, k));
  }

  /** Splits `total` into `parts` non-negative integers (each at least `min`) with random sizes. */
  partition(total: number, parts: number, min: number, spread: number): number[] {
    if (parts * min > total) throw new Error(`cannot split ${total} into ${parts} parts of at least ${min}`);
    const weights = Array.from({ length: parts }, () => 1 - spread / 2 + this.next() * spread);
    const sum = weights.reduce((a, b) => a + b, 0);
    const free = total - parts * min;
    const exact = weights.map((w) => (w / sum) * free);
    const sizes = exact.map((x) => min + Math.floor(x));
    let left = total - sizes.reduce((a, b) => a + b, 0);
    // Largest remainders first, ties by index: deterministic.
    const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((p, q) => q.r - p.r || p.i - q.i);
    for (let k = 0; left > 0; k = (k + 1) % parts, left--) {
      const at = order[k]?.i ?? 0;
      sizes[at] = (sizes[at] ?? 0) + 1;
    }
    return sizes;
  }
}
