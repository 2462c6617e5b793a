/**
 * Requirement expressions → resolved requirements: items of role ids with
 * their positions, and Lino's `check_required_roles` problems (RC5001 empty
 * OR-group, RC5002 not a UserRole) plus unknown roles (RC5003) and what could
 * not be resolved statically (RC5004). Whatever is not known stays in the
 * data as an unresolved part (see `UnresolvedExpression`): a verdict that
 * depends on it is unknown, never a silent guess.
 */
import type { Span } from "../diagnostics/diagnostic.js";
import type { DiagnosticSink } from "./diagnostic-sink.js";
import type { Entry, Evaluator, Value } from "./evaluate.js";
import { roleRead } from "./read-keys.js";
import { nodeText, type SpanMaker } from "./spans.js";
import type { Expr, Loc } from "./syntax.js";
import type { ResolvedItem, ResolvedRequirement, UnresolvedExpression } from "./types.js";

const RESOLVE_HINT = "use role classes, loginRequired(…), array literals or consts that hold them";

/**
 * A resolved item, and which of its roles are to be checked against the role
 * model on every use: all of them (each at its member span), or a list when
 * some came inherited (checked where they were written).
 */
interface ItemResult {
  readonly item: ResolvedItem;
  readonly check: "all" | readonly RoleUse[];
}

/** A role named in a requirement, where. */
interface RoleUse {
  readonly id: string;
  readonly span: Span;
}

/** What the role model says about role ids: whether it defines one, and which of its ids is like another. */
export interface RoleIds {
  has(id: string): boolean;
  /** A defined role id like `id` (a did-you-mean), if any. */
  suggest?(id: string): string | undefined;
}

/** A requirement as built here: `complete` is set once its parts are. */
type Building<T> = { -readonly [K in keyof T]: T[K] };

/** Turns evaluated requirement expressions into {@link ResolvedRequirement}s, reporting every problem. */
export class RequirementResolver {
  /**
   * Items resolved without a problem, by entry: an entry of a shared const
   * resolves to the same item for every owner (only problems name the owner,
   * and an entry that had one is resolved again for each owner). Whether
   * its roles exist is asked for each owner.
   */
  private readonly items = new Map<Entry, ItemResult>();
  constructor(
    readonly evaluator: Evaluator,
    private readonly spans: SpanMaker,
    private readonly sink: DiagnosticSink,
    /** The role model's ids: every role named is checked against them. */
    private readonly knownRoles: RoleIds,
  ) {}

  /**
   * Resolves the requirement written as `expression`, which is required on
   * `owner` (an actor or action id, for the messages).
   */
  resolve(expression: Expr, owner: string): ResolvedRequirement {
    const value = this.evaluator.evaluate(expression);
    if (value.kind === "list") return this.fromEntries(value.entries, owner);
    if (value.kind === "unresolved") {
      return this.unknownRequirement(this.unresolved(value, owner));
    }
    const reason = `it is ${describe(value)}, not a collection of roles`;
    return this.unknownRequirement(this.unresolved({ kind: "unresolved", node: expression, reason }, owner, "requiredRoles must be an array, e.g. loginRequired(Role)"));
  }

  /** A requirement of which nothing is known but this part. */
  unknownRequirement(part: UnresolvedExpression): ResolvedRequirement {
    return { items: [], unresolved: [part], complete: false };
  }

  /** A requirement of which nothing is known: `node` (written as the owner's requirement) could not be read. */
  unknownAt(node: Loc): ResolvedRequirement {
    return this.unknownRequirement({ text: nodeText(node), span: this.spans.of(node) });
  }

  /** The requirement with more whole items that are not known. */
  withUnknown(requirement: ResolvedRequirement, parts: readonly UnresolvedExpression[]): ResolvedRequirement {
    return this.track({ items: requirement.items, unresolved: requirement.unresolved.concat(parts), complete: false });
  }

  /** The requirement of an action: its actor's items followed by its own (shared when it adds nothing). */
  combine(actor: ResolvedRequirement, own: ResolvedRequirement): ResolvedRequirement {
    if (own.items.length === 0 && own.unresolved.length === 0) return actor;
    return this.track({
      items: actor.items.concat(own.items),
      unresolved: actor.unresolved.concat(own.unresolved),
      complete: actor.complete && own.complete,
    });
  }

  /** Reports RC5004 for a value that could not be resolved; returns it as an unresolved part. */
  unresolved(value: Extract<Value, { kind: "unresolved" }>, owner: string, hint?: string): UnresolvedExpression {
    const span = this.spans.of(value.node);
    const text = nodeText(value.node);
    this.sink.report("unresolvedRequirement", { expr: text, actor: owner }, span, {
      hint: `${value.reason}; ${hint ?? RESOLVE_HINT}`,
    });
    return { text, span };
  }

  private fromEntries(entries: readonly Entry[], owner: string): ResolvedRequirement {
    const items: ResolvedItem[] = [];
    const unresolved: UnresolvedExpression[] = [];
    for (const entry of entries) {
      if (entry.kind === "resolved") items.push(entry.item);
      else if (entry.kind === "incomplete") for (const part of entry.unresolved) unresolved.push(part);
      else {
        let item = this.items.get(entry);
        if (item === undefined) {
          const before = this.sink.reported;
          const result = this.item(entry.node, entry.value, owner);
          if (typeof result !== "object" || !("item" in result)) {
            unresolved.push(result);
            continue;
          }
          item = result;
          if (this.sink.reported === before) this.items.set(entry, item);
        }
        const check = item.check;
        if (check === "all") {
          const { roles, memberSpans } = item.item;
          for (let i = 0; i < roles.length; i++) this.checkKnown(roles[i]!, memberSpans[i]!, owner);
        } else {
          for (const use of check) this.checkKnown(use.id, use.span, owner);
        }
        items.push(item.item);
      }
    }
    return this.track({ items, unresolved, complete: false });
  }

  /** Sets `complete`: nothing is unknown, neither a whole item nor a member. */
  private track(requirement: Building<ResolvedRequirement>): ResolvedRequirement {
    requirement.complete = requirement.unresolved.length === 0 && requirement.items.every((i) => i.unresolved.length === 0);
    return requirement;
  }

  /** A new item; its roles the model lacks become unknown members. */
  private newItem(item: ResolvedItem & { readonly unresolved: UnresolvedExpression[] }): ResolvedItem {
    item.roles.forEach((role, i) => {
      if (!this.knownRoles.has(role) && !item.unresolved.some((u) => u.text === role)) item.unresolved.push({ text: role, span: item.memberSpans[i] ?? item.span });
    });
    return item;
  }

  /** One top-level entry: a role, or an OR-group (a nested list); else the unresolved part it is. */
  private item(node: Loc, value: Value, owner: string): ItemResult | UnresolvedExpression {
    const span = this.spans.of(node);
    const text = nodeText(node);
    switch (value.kind) {
      case "role":
        return { item: this.newItem({ roles: [value.id], span, text, memberSpans: [span], unresolved: [] }), check: "all" };
      case "list": {
        if (value.entries.length === 0) {
          this.sink.report("emptyOrGroup", { rr: nodeText(value.node), actor: owner }, this.spans.of(value.node));
          return { text, span };
        }
        const roles: string[] = [];
        const memberSpans: Span[] = [];
        const unresolved: UnresolvedExpression[] = [];
        const uses: RoleUse[] = [];
        let inherited = false;
        for (const member of value.entries) {
          const resolved = this.member(member, owner);
          if (!("id" in resolved)) for (const part of resolved) unresolved.push(part);
          else {
            roles.push(resolved.id);
            memberSpans.push(resolved.span);
            // An inherited member was checked where it was written.
            if (member.kind === "expr") uses.push(resolved);
            else inherited = true;
          }
        }
        return { item: this.newItem({ roles, span, text, memberSpans, unresolved }), check: inherited ? uses : "all" };
      }
      case "unresolved":
        return this.unresolved(value, owner);
      default:
        this.sink.report("notARole", { rr: text, actor: owner }, span, { hint: `it is ${describe(value)}; required roles must be generated role classes` });
        return { text, span };
    }
  }

  /** One member of an OR-group: a role, else the unresolved parts it stands for. */
  private member(entry: Entry, owner: string): RoleUse | readonly UnresolvedExpression[] {
    if (entry.kind === "incomplete") return entry.unresolved;
    if (entry.kind === "resolved") {
      // An inherited item spread into an OR-group: only a plain role can be a member.
      const [only, ...rest] = entry.item.roles;
      if (only !== undefined && rest.length === 0 && entry.item.unresolved.length === 0) return { id: only, span: entry.item.span };
      if (entry.item.roles.length === 0) return entry.item.unresolved;
      this.sink.report("notARole", { rr: entry.item.text, actor: owner }, entry.item.span, { hint: "an OR-group cannot hold another OR-group" });
      return [{ text: entry.item.text, span: entry.item.span }];
    }
    const span = this.spans.of(entry.node);
    const value = entry.value;
    if (value.kind === "role") return { id: value.id, span };
    if (value.kind === "unresolved") return [this.unresolved(value, owner)];
    const hint = value.kind === "list" ? "an OR-group cannot hold another array" : `it is ${describe(value)}; required roles must be generated role classes`;
    this.sink.report("notARole", { rr: nodeText(entry.node), actor: owner }, span, { hint });
    return [{ text: nodeText(entry.node), span }];
  }

  private checkKnown(id: string, span: Span, owner: string): void {
    this.evaluator.log?.record(roleRead(id));
    const known = this.knownRoles;
    if (!known.has(id)) {
      const near = known.suggest?.(id);
      const extras = near === undefined ? {} : { hint: `did you mean \`${near}\`? Otherwise define the role in the user types module or include the module that defines it` };
      this.sink.report("analyzerUnknownRole", { role: id, actor: owner }, span, extras);
    }
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
