/**
 * Runtime permission checks, measured in a fresh process per preset:
 *
 *   node --expose-gc --import tsx bench/runtime.ts --dir bench/out/M [--queries 1000000] [--runs 5] [--seed 1] [--slow-queries 100000] [--verify-sample 20000]
 *
 * One fixed list of (user type, actor) queries, drawn with the seed, is
 * answered by
 * - rolecraft's `hasRequiredRoles(userType, requiredRoles)` and the
 *   `userType.hasRequiredRoles(requiredRoles)` method (runtime loaded from
 *   dist/, role classes created with `defineRole` from the generated model,
 *   each actor's requirement built once with `loginRequired`);
 * - a precomputed bitset, the limit: one Uint32Array of ancestor bits per user
 *   type, (word, mask) pairs per requirement item, the test inlined in the loop;
 *   and the same bitset specialised as rolecraft specialises small requirements
 *   (the pairs of up to three one-word items inside an object of their own);
 * - @casl/ability, casbin and accesscontrol encodings of the same AND-of-OR
 *   semantics (see the functions below for each encoding).
 * Every implementation's answers are compared with rolecraft's before
 * anything is timed (casbin's and accesscontrol's on a sample, the others on
 * the whole list); one mismatch aborts the benchmark. The
 * implementations run interleaved, round after round. Prints one JSON object.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PerformanceObserver } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { createMongoAbility, subject, type MongoAbility } from "@casl/ability";
import { AccessControl } from "accesscontrol";
import { newEnforcer, newModelFromString, type Enforcer } from "casbin";
import type * as SemanticsC3 from "../src/runtime/semantics/c3.js";
import type * as Runtime from "../src/runtime/index.js";
import type { Manifest } from "./generate.js";
import { Random } from "./gen/random.js";
import { repoRoot } from "./generate.js";

/** What one implementation measured. */
export interface ImplementationResult {
  readonly name: string;
  /** Queries timed per round (a prefix of the list for the slow libraries). */
  readonly timedQueries: number;
  /** Queries per second, one per round. */
  readonly rates: readonly number[];
}

export interface AllocationResult {
  readonly name: string;
  readonly calls: number;
  readonly heapGrowthBytes: number;
  readonly bytesPerCall: number;
  /** Garbage collections observed during the loop (0 when nothing was allocated). */
  readonly gcs: number;
}

export interface RuntimeResult {
  readonly preset: string;
  readonly queries: number;
  readonly runs: number;
  readonly userTypes: number;
  readonly actors: number;
  /** Share of queries answered true. */
  readonly granted: number;
  readonly implementations: readonly ImplementationResult[];
  readonly allocation: readonly AllocationResult[];
  /** Every implementation agreed with rolecraft on every query of the list. */
  readonly verified: readonly string[];
}

interface Options {
  readonly dir: string;
  readonly queries: number;
  readonly runs: number;
  readonly seed: number;
  readonly slowQueries: number;
  readonly verifySample: number;
}

function parseArgs(argv: readonly string[]): Options {
  const get = (name: string, fallback: string): string => {
    const at = argv.indexOf(name);
    return at >= 0 ? (argv[at + 1] ?? fallback) : fallback;
  };
  const dir = get("--dir", "");
  if (dir === "") throw new Error("--dir <preset folder> is required");
  return {
    dir,
    queries: Number(get("--queries", "1000000")),
    runs: Number(get("--runs", "5")),
    seed: Number(get("--seed", "1")),
    slowQueries: Number(get("--slow-queries", "100000")),
    verifySample: Number(get("--verify-sample", "20000")),
  };
}

type Check = (userType: number, actor: number) => boolean;

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const manifest = JSON.parse(readFileSync(join(options.dir, "manifest.json"), "utf8")) as Manifest;
  // The built library, typed by its sources (dist/ is compiled from them).
  const runtime = (await import(pathToFileURL(join(repoRoot, "dist", "runtime", "index.js")).href)) as typeof Runtime;
  const c3 = (await import(pathToFileURL(join(repoRoot, "dist", "runtime", "semantics", "c3.js")).href)) as typeof SemanticsC3;

  // ---- the model at run time: role classes defined from the generated model
  const classes = new Map<string, Runtime.RoleClass>();
  for (const name of ["UserRole", "Anonymous", "SiteUser", "Expert", "SiteStaff", "Supervisor", "Explorer", "SiteAdmin"]) {
    const role = runtime.getRole(`core.${name}`);
    if (role === undefined) throw new Error(`runtime has no core.${name}`);
    classes.set(`core.${name}`, role);
  }
  const roleClass = (id: string): Runtime.RoleClass => {
    const role = classes.get(id);
    if (role === undefined) throw new Error(`role ${id} is not defined yet`);
    return role;
  };
  for (const role of manifest.roles) {
    const bases = role.bases.map(roleClass);
    const first = bases[0] ?? roleClass("core.UserRole");
    const cls = class extends first {};
    Object.defineProperty(cls, "name", { value: role.id.slice(role.id.indexOf(".") + 1) });
    Object.defineProperty(cls, "roleId", { value: role.id });
    Object.defineProperty(cls, "bases", { value: Object.freeze(bases) });
    runtime.defineRole(cls);
    classes.set(role.id, cls);
  }
  const userTypes = runtime.defineUserTypes(
    manifest.userTypes.map((t) => ({ value: t.value, names: [t.name], text: t.name, role: roleClass(t.role), readonly: t.readonly })),
  );
  const types = userTypes.items();
  const requirements: Runtime.RequiredRoles[] = manifest.actors.map((actor) =>
    actor.requiredRoles.length === 0
      ? Object.freeze([])
      : runtime.loginRequired(...actor.requiredRoles.map((item) => (item.length === 1 ? roleClass(item[0] ?? "") : item.map(roleClass)))),
  );

  // ---- the query list
  const n = options.queries;
  const random = new Random(options.seed * 104729 + manifest.preset.charCodeAt(0));
  const qType = new Uint16Array(n);
  const qActor = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    qType[i] = random.int(types.length);
    qActor[i] = random.int(requirements.length);
  }

  // ---- rolecraft
  const { hasRequiredRoles } = runtime;
  const rolecraftFunction: Check = (u, a) => hasRequiredRoles(types[u]!, requirements[a]!);
  const loopFunction = (count: number): number => {
    let granted = 0;
    for (let i = 0; i < count; i++) if (hasRequiredRoles(types[qType[i]!]!, requirements[qActor[i]!]!)) granted++;
    return granted;
  };
  const loopMethod = (count: number): number => {
    let granted = 0;
    for (let i = 0; i < count; i++) if (types[qType[i]!]!.hasRequiredRoles(requirements[qActor[i]!]!)) granted++;
    return granted;
  };

  // ---- the bitset limit: role bits from the compiler's C3, masks per item
  const bases = new Map<string, readonly string[]>([
    ["core.UserRole", []],
    ["core.Anonymous", ["core.UserRole"]],
    ["core.SiteUser", ["core.UserRole"]],
    ["core.Expert", ["core.SiteUser"]],
    ["core.SiteStaff", ["core.Expert"]],
    ["core.Supervisor", ["core.UserRole"]],
    ["core.Explorer", ["core.UserRole"]],
    ["core.SiteAdmin", ["core.SiteStaff", "core.Supervisor", "core.Explorer"]],
  ]);
  for (const role of manifest.roles) bases.set(role.id, role.bases);
  const { mro } = c3.linearizeHierarchy(bases);
  const bit = new Map([...bases.keys()].map((id, i) => [id, i]));
  const words = Math.ceil(bit.size / 32);
  const typeBits = manifest.userTypes.map((t) => {
    const bits = new Uint32Array(words);
    for (const id of mro.get(t.role) ?? []) {
      const b = bit.get(id) ?? 0;
      bits[b >>> 5] = (bits[b >>> 5] ?? 0) | (1 << (b & 31));
    }
    return bits;
  });
  // Per actor: [items, then per item: pairs, (word, mask) × pairs].
  const codes = manifest.actors.map((actor) => {
    const code: number[] = [actor.requiredRoles.length];
    for (const item of actor.requiredRoles) {
      const masks = new Map<number, number>();
      for (const id of item) {
        const b = bit.get(id) ?? 0;
        masks.set(b >>> 5, (masks.get(b >>> 5) ?? 0) | (1 << (b & 31)));
      }
      code.push(masks.size);
      for (const [word, mask] of masks) code.push(word, mask);
    }
    return Int32Array.from(code);
  });
  const bitsetCheck: Check = (u, a) => bitsetSatisfies(typeBits[u]!, codes[a]!);
  const loopBitset = (count: number): number => {
    let granted = 0;
    for (let i = 0; i < count; i++) {
      const bits = typeBits[qType[i]!]!;
      const code = codes[qActor[i]!]!;
      const items = code[0]!;
      let at = 1;
      let ok = true;
      for (let k = 0; k < items && ok; k++) {
        const pairs = code[at]!;
        const end = at + 1 + 2 * pairs;
        let any = false;
        for (let p = at + 1; p < end; p += 2) {
          if ((bits[code[p]!]! & code[p + 1]!) !== 0) {
            any = true;
            break;
          }
        }
        ok = any;
        at = end;
      }
      if (ok) granted++;
    }
    return granted;
  };

  // ---- the bitset specialised as rolecraft specialises small requirements: a requirement of at most
  // three items, each within one 32-bit word, keeps its (word, mask) pairs in an object of its own
  // (unused pairs stand for core.UserRole, which every role has); any other falls back to the code above.
  const rootBit = bit.get("core.UserRole") ?? 0;
  interface Inline {
    readonly w0: number;
    readonly m0: number;
    readonly w1: number;
    readonly m1: number;
    readonly w2: number;
    readonly m2: number;
  }
  const inline: (Inline | null)[] = codes.map((code) => {
    const items = code[0] ?? 0;
    if (items > 3) return null;
    const pairs: number[] = [];
    for (let k = 0, at = 1; k < items; k++) {
      if (code[at] !== 1) return null;
      pairs.push(code[at + 1] ?? 0, code[at + 2] ?? 0);
      at += 3;
    }
    while (pairs.length < 6) pairs.push(rootBit >>> 5, 1 << (rootBit & 31));
    const [w0 = 0, m0 = 0, w1 = 0, m1 = 0, w2 = 0, m2 = 0] = pairs;
    return { w0, m0, w1, m1, w2, m2 };
  });
  const specialisedCheck: Check = (u, a) => {
    const bits = typeBits[u]!;
    const r = inline[a];
    if (r === null || r === undefined) return bitsetSatisfies(bits, codes[a]!);
    return (bits[r.w0]! & r.m0) !== 0 && (bits[r.w1]! & r.m1) !== 0 && (bits[r.w2]! & r.m2) !== 0;
  };
  const loopSpecialised = (count: number): number => {
    let granted = 0;
    for (let i = 0; i < count; i++) {
      const bits = typeBits[qType[i]!]!;
      const a = qActor[i]!;
      const r = inline[a];
      if (r === null || r === undefined) {
        if (bitsetSatisfies(bits, codes[a]!)) granted++;
      } else if ((bits[r.w0]! & r.m0) !== 0 && (bits[r.w1]! & r.m1) !== 0 && (bits[r.w2]! & r.m2) !== 0) granted++;
    }
    return granted;
  };

  // ---- @casl/ability at its fastest: allow-lists. Per user type one rule per actor it may read, the
  // actor's id as the subject type, so that `can` is CASL's indexed rule lookup and no condition runs.
  // Built where user types × actors stays below 2·10⁶ rules (S and M); the answers are rolecraft's.
  const allowListRules = manifest.userTypes.length * manifest.actors.length;
  const caslAllowLists: MongoAbility[] | undefined =
    allowListRules > 2_000_000
      ? undefined
      : manifest.userTypes.map((_, u) =>
          createMongoAbility(manifest.actors.flatMap((actor, a) => (rolecraftFunction(u, a) ? [{ action: "read", subject: actor.id }] : []))),
        );
  const actorIds = manifest.actors.map((actor) => actor.id);
  const caslAllowCheck: Check = (u, a) => caslAllowLists?.[u]?.can("read", actorIds[a]!) ?? false;
  const loopCaslAllow = (count: number): number => {
    let granted = 0;
    const lists = caslAllowLists ?? [];
    for (let i = 0; i < count; i++) if (lists[qType[i]!]!.can("read", actorIds[qActor[i]!]!)) granted++;
    return granted;
  };

  // ---- @casl/ability: per user type, "read Actor" unless some item has none of the type's roles
  const abilities: MongoAbility[] = manifest.userTypes.map((t) =>
    createMongoAbility([
      { action: "read", subject: "Actor" },
      { action: "read", subject: "Actor", inverted: true, conditions: { items: { $elemMatch: { roles: { $nin: mro.get(t.role) ?? [] } } } } },
    ]),
  );
  const caslSubjects = manifest.actors.map((actor) => subject("Actor", { items: actor.requiredRoles.map((roles) => ({ roles })) }));
  const caslCheck: Check = (u, a) => abilities[u]!.can("read", caslSubjects[a]!);
  const loopCasl = (count: number): number => {
    let granted = 0;
    for (let i = 0; i < count; i++) if (abilities[qType[i]!]!.can("read", caslSubjects[qActor[i]!]!)) granted++;
    return granted;
  };

  // ---- casbin: RBAC links user type → every role of its MRO, role → each OR-group (item) it belongs to;
  // the matcher ANDs g(user type, item) over the actor's items (ABAC on the request object).
  const { enforcer, casbinObjects } = await casbinEncoding(manifest, mro);
  const casbinCheck: Check = (u, a) => enforcer.enforceSync(`ut:${manifest.userTypes[u]?.value ?? ""}`, casbinObjects[a]);
  const casbinSubjects = manifest.userTypes.map((t) => `ut:${t.value}`);
  const loopCasbin = (count: number): number => {
    let granted = 0;
    for (let i = 0; i < count; i++) if (enforcer.enforceSync(casbinSubjects[qType[i]!], casbinObjects[qActor[i]!])) granted++;
    return granted;
  };

  // ---- accesscontrol: each role is granted "read:any" on each actor with one attribute per item it
  // belongs to; a user type's role extends every role of its MRO; granted when every item's attribute is there.
  const ac = accessControlEncoding(manifest, mro);
  const acRoles = manifest.userTypes.map((t) => `ut_${t.value}`);
  const acResources = manifest.actors.map((_, a) => `a${a}`);
  const acItems = manifest.actors.map((actor) => actor.requiredRoles.map((_, k) => `i${k}`));
  const acCheck: Check = (u, a) => accessControlAllows(ac, acRoles[u]!, acResources[a]!, acItems[a]!);
  const loopAccessControl = (count: number): number => {
    let granted = 0;
    for (let i = 0; i < count; i++) if (accessControlAllows(ac, acRoles[qType[i]!]!, acResources[qActor[i]!]!, acItems[qActor[i]!]!)) granted++;
    return granted;
  };

  // ---- verification: every answer of every implementation equals rolecraft's, on the whole list
  const expected = new Uint8Array(n);
  let grantedCount = 0;
  for (let i = 0; i < n; i++) {
    const answer = rolecraftFunction(qType[i]!, qActor[i]!);
    expected[i] = answer ? 1 : 0;
    if (answer) grantedCount++;
  }
  // casbin and accesscontrol answer about 10⁴–10⁵ queries a second: they are checked on a sample
  // (the first --verify-sample queries of the list, drawn at random like the rest), the others on all.
  const sample = Math.min(n, options.verifySample);
  const candidates: [string, Check, number][] = [
    ["rolecraft userType.hasRequiredRoles", (u, a) => types[u]!.hasRequiredRoles(requirements[a]!), n],
    ["bitset (limit)", bitsetCheck, n],
    ["bitset, specialised", specialisedCheck, n],
    ["@casl/ability", caslCheck, n],
    ...(caslAllowLists === undefined ? [] : [["@casl/ability, allow-lists", caslAllowCheck, n] as [string, Check, number]]),
    ["casbin", casbinCheck, sample],
    ["accesscontrol", acCheck, sample],
  ];
  const verified: string[] = ["rolecraft hasRequiredRoles"];
  for (const [name, check, checked] of candidates) {
    const started = performance.now();
    for (let i = 0; i < checked; i++) {
      const answer = check(qType[i]!, qActor[i]!) ? 1 : 0;
      if (answer !== expected[i]) {
        const u = qType[i]!;
        const a = qActor[i]!;
        throw new Error(
          `${name} disagrees with rolecraft on query ${i}: user type ${manifest.userTypes[u]?.value ?? "?"}, actor ${manifest.actors[a]?.id ?? "?"} ` +
            `(${JSON.stringify(manifest.actors[a]?.requiredRoles)}): rolecraft says ${expected[i] === 1}`,
        );
      }
    }
    verified.push(checked === n ? name : `${name} (${checked} queries)`);
    process.stderr.write(`  runtime ${manifest.preset}: ${name} agrees on ${checked === n ? "all " : ""}${checked} queries (${Math.round(performance.now() - started)} ms)\n`);
  }

  // ---- timing, interleaved round by round
  const slow = Math.min(n, options.slowQueries);
  const loops: { name: string; count: number; loop: (count: number) => number }[] = [
    { name: "rolecraft hasRequiredRoles", count: n, loop: loopFunction },
    { name: "rolecraft userType.hasRequiredRoles", count: n, loop: loopMethod },
    { name: "bitset (limit)", count: n, loop: loopBitset },
    { name: "bitset, specialised", count: n, loop: loopSpecialised },
    { name: "@casl/ability", count: slow, loop: loopCasl },
    ...(caslAllowLists === undefined ? [] : [{ name: "@casl/ability, allow-lists", count: slow, loop: loopCaslAllow }]),
    { name: "casbin", count: slow, loop: loopCasbin },
    { name: "accesscontrol", count: slow, loop: loopAccessControl },
  ];
  const rates = loops.map((): number[] => []);
  for (const l of loops) l.loop(l.count === n ? n : Math.min(l.count, 20_000)); // warm-up: let the JIT optimize each loop
  for (let round = 0; round < options.runs; round++) {
    for (let k = 0; k < loops.length; k++) {
      // Rotate the order each round so no implementation always runs first.
      const index = (k + round) % loops.length;
      const l = loops[index]!;
      const started = performance.now();
      const granted = l.loop(l.count);
      const seconds = (performance.now() - started) / 1000;
      if (l.count === n && granted !== grantedCount) throw new Error(`${l.name}: ${granted} granted, expected ${grantedCount}`);
      rates[index]?.push(l.count / seconds);
    }
  }

  // ---- allocation per call: heap growth and garbage collections over whole passes
  const allocation: AllocationResult[] = [];
  for (const [name, loop] of [
    ["rolecraft hasRequiredRoles", loopFunction],
    ["rolecraft userType.hasRequiredRoles", loopMethod],
    ["bitset (limit)", loopBitset],
  ] as const) {
    allocation.push(await measureAllocation(name, () => loop(n), 3 * n));
  }

  const result: RuntimeResult = {
    preset: manifest.preset,
    queries: n,
    runs: options.runs,
    userTypes: types.length,
    actors: requirements.length,
    granted: grantedCount / n,
    implementations: loops.map((l, i) => ({ name: l.name, timedQueries: l.count, rates: rates[i] ?? [] })),
    allocation,
    verified,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function bitsetSatisfies(bits: Uint32Array, code: Int32Array): boolean {
  const items = code[0] ?? 0;
  let at = 1;
  for (let k = 0; k < items; k++) {
    const pairs = code[at] ?? 0;
    const end = at + 1 + 2 * pairs;
    let any = false;
    for (let p = at + 1; p < end; p += 2) if (((bits[code[p] ?? 0] ?? 0) & (code[p + 1] ?? 0)) !== 0) any = true;
    if (!any) return false;
    at = end;
  }
  return true;
}

async function casbinEncoding(manifest: Manifest, mro: ReadonlyMap<string, readonly string[]>): Promise<{ enforcer: Enforcer; casbinObjects: Record<string, string>[] }> {
  const width = Math.max(1, ...manifest.actors.map((a) => a.requiredRoles.length));
  const matcher = Array.from({ length: width }, (_, k) => `g(r.sub, r.obj.i${k})`).join(" && ");
  const model = newModelFromString(
    ["[request_definition]", "r = sub, obj", "[policy_definition]", "p = sub", "[role_definition]", "g = _, _", "[policy_effect]", "e = some(where (p.eft == allow))", "[matchers]", `m = ${matcher}`].join("\n"),
  );
  const enforcer = await newEnforcer(model);
  const links: string[][] = [];
  const itemIds = new Map<string, string>();
  const itemId = (roles: readonly string[]): string => {
    const key = roles.join("|");
    let id = itemIds.get(key);
    if (id === undefined) {
      id = `item:${itemIds.size}`;
      itemIds.set(key, id);
      for (const role of roles) links.push([role, id]);
    }
    return id;
  };
  const casbinObjects = manifest.actors.map((actor) => {
    const object: Record<string, string> = {};
    for (let k = 0; k < width; k++) {
      const item = actor.requiredRoles[k];
      object[`i${k}`] = item === undefined ? "item:any" : itemId(item);
    }
    return object;
  });
  for (const t of manifest.userTypes) {
    links.push([`ut:${t.value}`, "item:any"]);
    for (const role of mro.get(t.role) ?? []) links.push([`ut:${t.value}`, role]);
  }
  await enforcer.addGroupingPolicies(links);
  return { enforcer, casbinObjects };
}

/** accesscontrol names allow letters, digits, "_" and "-" only. */
function acName(roleId: string): string {
  return roleId.replace(".", "__");
}

function accessControlEncoding(manifest: Manifest, mro: ReadonlyMap<string, readonly string[]>): AccessControl {
  const ac = new AccessControl();
  const grants = new Map<string, Map<string, string[]>>();
  manifest.actors.forEach((actor, a) => {
    actor.requiredRoles.forEach((item, k) => {
      for (const id of item) {
        const role = acName(id);
        let byResource = grants.get(role);
        if (byResource === undefined) {
          byResource = new Map();
          grants.set(role, byResource);
        }
        const attributes = byResource.get(`a${a}`) ?? [];
        attributes.push(`i${k}`);
        byResource.set(`a${a}`, attributes);
      }
    });
  });
  const roles = new Set<string>();
  for (const t of manifest.userTypes) for (const role of mro.get(t.role) ?? []) roles.add(acName(role));
  for (const role of grants.keys()) roles.add(role);
  for (const role of roles) {
    const access = ac.grant(role);
    for (const [resource, attributes] of grants.get(role) ?? []) access.readAny(resource, attributes);
  }
  for (const t of manifest.userTypes) {
    ac.grant(`ut_${t.value}`);
    ac.extendRole(`ut_${t.value}`, (mro.get(t.role) ?? []).map(acName));
  }
  return ac;
}

function accessControlAllows(ac: AccessControl, role: string, resource: string, items: readonly string[]): boolean {
  if (items.length === 0) return true;
  const attributes = ac.can(role).readAny(resource).attributes;
  return items.every((item) => attributes.includes(item));
}

async function measureAllocation(name: string, pass: () => number, calls: number): Promise<AllocationResult> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("run with --expose-gc");
  pass(); // warm: compile the requirements, optimize the loop
  gc();
  let gcs = 0;
  const observer = new PerformanceObserver((list) => {
    gcs += list.getEntries().length;
  });
  observer.observe({ entryTypes: ["gc"] });
  const before = process.memoryUsage().heapUsed;
  pass();
  pass();
  pass();
  const after = process.memoryUsage().heapUsed;
  await new Promise((resolve) => setTimeout(resolve, 20)); // let the observer deliver
  observer.disconnect();
  const growth = after - before;
  return { name, calls, heapGrowthBytes: growth, bytesPerCall: growth / calls, gcs };
}

main().catch((error: unknown) => {
  process.stderr.write(`runtime benchmark: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
