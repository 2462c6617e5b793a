import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Type-level assertions (expectTypeOf) assert nothing at run time: they
    // live in *.test-d.ts files, which tsc checks as part of the run.
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "test/tsconfig.type-tests.json" },
    // Two test files at a time even on a two-core machine (vitest's default
    // there is one): many tests wait on child processes, worker starts and
    // time limits, and a second file uses the core that would sit idle.
    maxWorkers: 2,
    // A test that asserts nothing cannot fail. (Rewriting goldens with
    // UPDATE_GOLDENS=1 skips the comparisons, so it is exempt.)
    expect: { requireAssertions: process.env["UPDATE_GOLDENS"] !== "1" },
    // Generous: some tests are slow by nature and take several times longer
    // on a busy machine (next to two busy loops and other work: the
    // mutated-modules fuzz property 71–93 s, 8–17 s idle; the output test that
    // kills a compile at each of 21 points of its write, one process each,
    // over 180 s); a test that hangs still fails.
    testTimeout: 600_000,
    hookTimeout: 300_000,
  },
});
