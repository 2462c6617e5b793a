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
    // Generous: the fuzz tests are CPU-bound and take several times longer on
    // a busy machine (the mutated-modules property took 71 s next to two busy
    // loops, 8–17 s idle); a test that hangs still fails.
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
