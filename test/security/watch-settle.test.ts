/**
 * Watch mode never shows a half-written file's result as final: an editor
 * that truncates a file and writes it a moment later, or a burst of writes,
 * gives rounds that show only the settled content, and the watch keeps
 * answering (and stops) after a burst.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkCommand } from "../../src/cli/commands/check.js";
import { compiledNoiCopy, until } from "../helpers/watch.js";

/** Long enough that a busy machine does not stretch the test's own short gaps past it. */
const QUIET_MS = 1500;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A watch over a copy of the Noi example; `counts()` are the actor counts of the rounds shown so far. */
async function startWatch(): Promise<{ file: string; original: string; counts: () => number[]; stop: () => Promise<number> }> {
  const dir = await compiledNoiCopy("watch-settle");
  let stderr = "";
  let stop: () => void = () => {};
  const stopped = new Promise<void>((r) => (stop = r));
  const counts = (): number[] => [...stderr.matchAll(/^\[watch\] (\d+) actors, /gm)].map((m) => Number(m[1]));
  const running = checkCommand(
    { cwd: dir, env: { NO_COLOR: "1" }, stdout: () => {}, stderr: (t) => (stderr += t), stderrIsTTY: false },
    "user-types",
    { src: "src", watch: true, until: stopped, watchTiming: { quietMs: QUIET_MS, maxSettleMs: 60_000 } },
  );
  await until(() => counts().length === 1 && stderr.includes("watching"), "the first round");
  const file = join(dir, "src", "tickets", "tickets.ts");
  return {
    file,
    original: readFileSync(file, "utf8"),
    counts,
    stop: async () => {
      stop();
      return running;
    },
  };
}

const withProbe = (original: string): string => `${original}\nexport class WatchProbe extends Tickets {}\n`;

describe("watch rounds settle", () => {
  it("shows no round for a file truncated and written 50 ms later", async () => {
    const watch = await startWatch();
    const [before] = watch.counts();
    expect(before).toBeGreaterThan(1);
    writeFileSync(watch.file, "");
    await sleep(50);
    writeFileSync(watch.file, withProbe(watch.original));
    await until(() => watch.counts().length >= 2, "the round after the write");
    // Nothing else is shown after a quiet time: the truncated file had no round of its own.
    await sleep(QUIET_MS * 2);
    expect(watch.counts()).toEqual([before, before! + 1]);
    expect(await watch.stop()).toBe(0);
  });

  it("settles on a burst of writes with the last content, and still answers and stops after it", async () => {
    const watch = await startWatch();
    const [before] = watch.counts();
    // 60 writes 10 ms apart, alternating between an empty file, the original and the original with a probe class.
    for (let i = 0; i < 60; i++) {
      writeFileSync(watch.file, i % 3 === 0 ? "" : i % 3 === 1 ? watch.original : withProbe(watch.original));
      await sleep(10);
    }
    writeFileSync(watch.file, withProbe(watch.original));
    await until(() => watch.counts().length >= 2, "the round after the burst");
    await sleep(QUIET_MS * 2);
    expect(watch.counts()).toEqual([before, before! + 1]);
    // After the burst, one more change gives one more round.
    writeFileSync(watch.file, watch.original);
    await until(() => watch.counts().length >= 3, "the round after the burst's end");
    expect(watch.counts()).toEqual([before, before! + 1, before]);
    expect(await watch.stop()).toBe(0);
  });
});
