/**
 * Requirement expressions → resolved requirements: items of role ids with
 * their positions, and Lino's `check_required_roles` problems (RC5001 empty
 * OR-group, RC5002 not a UserRole) plus unknown roles (RC5003) and what could
 * not be resolved statically (RC5004, the requirement then marked incomplete:
 * never a silent guess).
 */
import type { Span } from "../diagnostics/diagnostic.js";
import type { DiagnosticSink } from "./diagnostic-sink.js";
import type { Entry, Evaluator, Value } from "./evaluate.js";
import { roleRead } from "./read-keys.js";
import { nodeText, type SpanMaker } from "./spans.js";
import type { Expr, Loc } from "./syntax.js";
import type { ResolvedItem, ResolvedRequirement } from "./types.js";

const RESOLVE_HINT = "use role classes, loginRequired(…), array literals or consts that hold them";

/**
 * A resolved item, and which of its roles are to be checked against the role
 * model on every use: all of them (each at its member span), or a list when
 * some came inherited (checked where they were written).
 */
interface ItemResult {
  readonly item: ResolvedItem;
  readonly complete: boolean;
  readonly check: "all" | readonly RoleUse[];
}

/** A role named in a requirement, where. */
interface RoleUse {
  readonly id: string;
  readonly span: Span;
}

/** Turns evaluated requirement expressions into {@link ResolvedRequirement}s, reporting every problem. */
export class RequirementResolver {
  /**
   * Items resolved without a problem, by entry: an entry of a shared const
   * resolves to the same item for every owner (only problems name the owner,
   * and an entry that had one is resolved again for each owner). Whether
   * its roles exist is asked for each owner.
   */
  private readonly items = new Map<Entry, ItemResult>();
  /** Role uses waiting for the role model, in the order they were met (see {@link settleRoles}): role, span, owner. */
  private readonly waitingRoles: string[] = [];
  private readonly waitingSpans: Span[] = [];
  private readonly waitingOwners: string[] = [];

  constructor(
    readonly evaluator: Evaluator,
    private readonly spans: SpanMaker,
    private readonly sink: DiagnosticSink,
    /**
     * True for role ids the role model defines; undefined while the model is
     * still loading: the checks then wait for {@link settleRoles}.
     */
    private knownRole: ((id: string) => boolean) | undefined,
  ) {}

  /** Checks the role uses that waited for the role model, in the order they were met, and checks at once from now on. */
  settleRoles(knownRole: (id: string) => boolean): void {
    this.knownRole = knownRole;
    const roles = this.waitingRoles;
    for (let i = 0; i < roles.length; i++) this.checkKnown(roles[i]!, this.waitingSpans[i]!, this.waitingOwners[i]!);
    roles.length = 0;
    this.waitingSpans.length = 0;
    this.waitingOwners.length = 0;
  }

  /**
   * Resolves the requirement written as `expression`, which is required on
   * `owner` (an actor or action id, for the messages).
   */
  resolve(expression: Expr, owner: string): ResolvedRequirement {
    const value = this.evaluator.evaluate(expression);
    if (value.kind === "list") return this.fromEntries(value.entries, owner);
    if (value.kind === "unresolved") {
      this.unresolved(value, owner);
    } else {
      const reason = `it is ${describe(value)}, not a collection of roles`;
      this.unresolved({ kind: "unresolved", node: expression, reason }, owner, "requiredRoles must be an array, e.g. loginRequired(Role)");
    }
    return { items: [], complete: false };
  }

  /** Reports RC5004 for a value that could not be resolved. */
  unresolved(value: Extract<Value, { kind: "unresolved" }>, owner: string, hint?: string): void {
    this.sink.report("unresolvedRequirement", { expr: nodeText(value.node), actor: owner }, this.spans.of(value.node), {
      hint: `${value.reason}; ${hint ?? RESOLVE_HINT}`,
    });
  }

  private fromEntries(entries: readonly Entry[], owner: string): ResolvedRequirement {
    const items: ResolvedItem[] = [];
    let complete = true;
    for (const entry of entries) {
      if (entry.kind === "resolved") items.push(entry.item);
      else if (entry.kind === "incomplete") complete = false;
      else {
        let item = this.items.get(entry);
        if (item === undefined) {
          const before = this.sink.reported;
          item = this.item(entry.node, entry.value, owner);
          if (item !== undefined && this.sink.reported === before) this.items.set(entry, item);
        }
        if (item === undefined) complete = false;
        else {
          const check = item.check;
          if (check === "all") {
            const { roles, memberSpans } = item.item;
            for (let i = 0; i < roles.length; i++) this.checkKnown(roles[i]!, memberSpans[i]!, owner);
          } else {
            for (const use of check) this.checkKnown(use.id, use.span, owner);
          }
          // An OR-group with a member that could not be resolved may be
          // satisfied by any role as far as anyone can tell: kept, it would
          // hide from every user type lacking its resolved members what may
          // well be theirs. It is left out, so their verdict is unknown.
          if (item.complete) items.push(item.item);
          else complete = false;
        }
      }
    }
    return { items, complete };
  }

  /** One top-level entry: a role, or an OR-group (a nested list). */
  private item(node: Loc, value: Value, owner: string): ItemResult | undefined {
    const span = this.spans.of(node);
    const text = nodeText(node);
    switch (value.kind) {
      case "role":
        return { item: { roles: [value.id], span, text, memberSpans: [span] }, complete: true, check: "all" };
      case "list": {
        if (value.entries.length === 0) {
          this.sink.report("emptyOrGroup", { rr: nodeText(value.node), actor: owner }, this.spans.of(value.node));
          return undefined;
        }
        const roles: string[] = [];
        const memberSpans: Span[] = [];
        const uses: RoleUse[] = [];
        let inherited = false;
        let complete = true;
        for (const member of value.entries) {
          const resolved = this.member(member, owner);
          if (resolved === undefined) complete = false;
          else {
            roles.push(resolved.id);
            memberSpans.push(resolved.span);
            // An inherited member was checked where it was written.
            if (member.kind === "expr") uses.push(resolved);
            else inherited = true;
          }
        }
        return roles.length === 0 ? undefined : { item: { roles, span, text, memberSpans }, complete, check: inherited ? uses : "all" };
      }
      case "unresolved":
        this.unresolved(value, owner);
        return undefined;
      default:
        this.sink.report("notARole", { rr: text, actor: owner }, span, { hint: `it is ${describe(value)}; required roles must be generated role classes` });
        return undefined;
    }
  }

  /** One member of an OR-group: must be a role. */
  private member(entry: Entry, owner: string): { id: string; span: Span } | undefined {
    if (entry.kind === "incomplete") return undefined;
    if (entry.kind === "resolved") {
      // An inherited item spread into an OR-group: only a plain role can be a member.
      const [only, ...rest] = entry.item.roles;
      if (only !== undefined && rest.length === 0) return { id: only, span: entry.item.span };
      this.sink.report("notARole", { rr: entry.item.text, actor: owner }, entry.item.span, { hint: "an OR-group cannot hold another OR-group" });
      return undefined;
    }
    const span = this.spans.of(entry.node);
    const value = entry.value;
    if (value.kind === "role") return { id: value.id, span };
    if (value.kind === "unresolved") this.unresolved(value, owner);
    else {
      const hint = value.kind === "list" ? "an OR-group cannot hold another array" : `it is ${describe(value)}; required roles must be generated role classes`;
      this.sink.report("notARole", { rr: nodeText(entry.node), actor: owner }, span, { hint });
    }
    return undefined;
  }

  private checkKnown(id: string, span: Span, owner: string): void {
    this.evaluator.log?.record(roleRead(id));
    if (this.knownRole === undefined) {
      this.waitingRoles.push(id);
      this.waitingSpans.push(span);
      this.waitingOwners.push(owner);
    } else if (!this.knownRole(id)) this.sink.report("analyzerUnknownRole", { role: id, actor: owner }, span);
  }
}

/** A few words saying what a value is, for hints. */
export function describe(value: Value): string {
  switch (value.kind) {
    case "role":
      return `the role ${value.id}`;
    case "list":
      return "an array";
    case "class":
      return `the class ${value.node.name ?? "(anonymous)"}, which is not a role`;
    case "runtime":
      return `the runtime's ${value.name}`;
    case "namespace":
      return "a module namespace";
    case "string":
      return "a string";
    case "boolean":
      return "a boolean";
    case "object":
      return "an object";
    case "new":
      return "an object";
    case "other":
      return value.what;
    case "unresolved":
      return "unknown";
  }
}
