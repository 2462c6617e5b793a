/**
 * User types (SPEC §1): the one declaration of their shape, and the rules
 * that involve a user type: its label, the readonly refusal, Lino's view
 * permission and `visible_for`.
 *
 * ## One shape, derived everywhere
 *
 * {@link UserTypeShape} is the single declaration of the fields a user type
 * has. Its forms are derived from it with utility types, never restated:
 *
 * - the runtime's `UserTypeInit` (what `defineUserTypes` takes): role classes,
 *   optional fields may be `undefined`;
 * - the compiler's `UserTypeInput` (what a role module says): role
 *   references, `names` and `hiddenLanguages` may be a string of words;
 * - the compiler's `UserTypeDef` (the validated model): role ids, plus where
 *   it is written;
 * - the diff's `USER_TYPE_FIELDS`, from {@link USER_TYPE_KEYS}.
 *
 * The JSON schema (`schemas/role-module.schema.json`) is data, not a type: a
 * test checks that its `userType` properties are exactly
 * {@link USER_TYPE_KEYS} and that its required ones are those outside
 * {@link OptionalUserTypeKey}. The runtime owns the shape because the runtime
 * owns the semantics (the toolchain may import the runtime, never the reverse).
 */
import { ancestorsSatisfy, type MaybeKnownRequirement } from "./requirement.js";
import { ancestorsOf, type RoleHierarchy } from "./role-hierarchy.js";

/**
 * Every field of a user type, with the types of its variable parts as
 * parameters: how the role is named (`Role`), how names and hidden languages
 * are written (`Names`, `Words`), and what attributes may hold.
 */
export interface UserTypeShape<
  Role = string,
  Names = readonly string[],
  Words = readonly string[],
  Attributes = { readonly [key: string]: unknown },
> {
  /** The unique value a user record stores, e.g. `"900"`. */
  readonly value: string;
  /** Names, unique across the list; the first is the type's `name`. */
  readonly names: Names;
  /** The label shown to people, e.g. `"Administrator"`. */
  readonly text: string;
  /** The role of users of this type. */
  readonly role: Role;
  /** Whether users of this type are refused every action that is not readonly (default false). */
  readonly readonly: boolean;
  /** Languages hidden for users of this type. */
  readonly hiddenLanguages: Words;
  /** Notification message types users of this type never receive. */
  readonly maskNotifications: readonly string[];
  /** Free attributes, e.g. `{ authenticated: false }`. */
  readonly attributes: Attributes;
}

/** The fields of a user type, in the order the schema and the diff list them. */
export const USER_TYPE_KEYS = [
  "value",
  "names",
  "text",
  "role",
  "readonly",
  "hiddenLanguages",
  "maskNotifications",
  "attributes",
] as const satisfies readonly (keyof UserTypeShape)[];

/** The fields a declaration may leave out (they have defaults: none, false, none, none, none). */
export type OptionalUserTypeKey = "names" | "readonly" | "hiddenLanguages" | "maskNotifications" | "attributes";

/**
 * How a user type is declared: the fields of `Shape` outside
 * {@link OptionalUserTypeKey} are required, the others optional; `Absent` is
 * what else an optional field may hold (`undefined` where TypeScript callers
 * pass options through, `never` where the value is validated data).
 */
export type UserTypeDeclaration<Shape extends UserTypeShape<unknown, unknown, unknown, unknown>, Absent = never> = Omit<Shape, OptionalUserTypeKey> & {
  readonly [P in OptionalUserTypeKey]?: Shape[P] | Absent;
};

/** What permissions look at in a user type: its value and names (for the label), its role id and readonly. */
export type UserTypeLike = Pick<UserTypeShape, "value" | "names" | "role" | "readonly">;

/** A user type's label in listings and `visible_for`: its first name, else its value. */
export function userTypeLabel(userType: Pick<UserTypeShape, "value" | "names">): string {
  return userType.names[0] ?? userType.value;
}

/** The model's user type with that value, else the first with that name. */
export function findUserType<T extends Pick<UserTypeShape, "value" | "names">>(model: { readonly userTypes: readonly T[] }, valueOrName: string): T | undefined {
  return model.userTypes.find((t) => t.value === valueOrName) ?? model.userTypes.find((t) => t.names.includes(valueOrName));
}

/** Lino's readonly rule: a readonly user type is refused every action that is not readonly. */
export function readonlyRefuses(userTypeReadonly: boolean, targetReadonly: boolean): boolean {
  return userTypeReadonly && !targetReadonly;
}

/**
 * Lino's view permission: the user type's role satisfies the requirement,
 * and a readonly user type is refused everything that is not readonly.
 * Certainly: false where a part of the requirement that is not known might
 * decide (`accessOf` in permission.ts tells such an unknown apart).
 */
export function canSee(hierarchy: RoleHierarchy, userType: UserTypeLike, requirement: MaybeKnownRequirement, readonly: boolean): boolean {
  if (readonlyRefuses(userType.readonly, readonly)) return false;
  return ancestorsSatisfy(ancestorsOf(hierarchy, userType.role), requirement);
}

/**
 * Lino's `visible_for` line from the labels of the user types that may see
 * something, out of `total` user types: `nobody` when none may (also when
 * there are no user types at all), `all` when every one may (anonymous
 * included), else the labels in declaration order joined by one space.
 */
export function visibleForText(labels: readonly string[], total: number): string {
  if (labels.length === 0) return "nobody";
  return labels.length === total ? "all" : labels.join(" ");
}

/** A role hierarchy with its user types, in declaration order: what every permission answer needs. */
export interface PermissionModel extends RoleHierarchy {
  readonly userTypes: readonly UserTypeLike[];
}

/** `visible_for` of anything with this requirement (readonly or not), over the model's user types. */
export function visibleForLabel(model: PermissionModel, requirement: MaybeKnownRequirement, readonly: boolean): string {
  const labels = model.userTypes.filter((t) => canSee(model, t, requirement, readonly)).map(userTypeLabel);
  return visibleForText(labels, model.userTypes.length);
}
