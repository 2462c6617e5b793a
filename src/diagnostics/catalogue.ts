/**
 * The catalogue of every diagnostic rolecraft reports: one stable code per
 * message id, grouped by range (RC1xxx input, RC2xxx schema, RC3xxx model,
 * RC4xxx emit, RC5xxx analyzer, RC6xxx permission tests). Codes are never reused or renumbered.
 * Templates interpolate `{name}` from the diagnostic's data.
 */
import type { Diagnostic, DiagnosticData, RelatedLocation, Severity, Span } from "./diagnostic.js";

interface CatalogueEntry {
  readonly code: string;
  readonly severity: Severity;
  readonly template: string;
  readonly hint?: string;
}

export const catalogue = {
  // RC1xxx: reading input
  yamlSyntax: { code: "RC1001", severity: "error", template: "YAML syntax error: {detail}", hint: "fix the YAML syntax at this position" },
  unreadableFile: { code: "RC1002", severity: "error", template: "cannot read {path}: {reason}", hint: "check that the path exists and is a readable file" },
  unreadableInclude: { code: "RC1003", severity: "error", template: "cannot read included file {path}: {reason}", hint: "include paths are relative to the file that includes them" },
  multipleDocuments: { code: "RC1004", severity: "error", template: "a role module is one YAML document, this file holds {count}", hint: "split the documents into separate files and include them" },
  emptyModule: { code: "RC1005", severity: "error", template: "{path} is empty", hint: "a role module needs at least `module: <label>`" },
  tsModuleFailed: { code: "RC1006", severity: "error", template: "loading the TypeScript role module failed: {reason}", hint: "the module runs as `npx tsx <file>` runs it; fix what the error says" },
  tsNoDefaultExport: { code: "RC1007", severity: "error", template: "the TypeScript role module has no default export", hint: "write `export default defineRoleModule({ module: \"…\", … })`" },
  tsModuleTimeout: { code: "RC1008", severity: "error", template: "loading the TypeScript role module did not finish within {ms} ms", hint: "a role module must export plain data; remove long-running code" },
  unsupportedFile: { code: "RC1009", severity: "error", template: "{path} is not a role module (expected .yaml, .yml, .ts, .mts or .cts)", hint: "name a YAML or TypeScript role module" },
  noUserTypesModule: { code: "RC1010", severity: "error", template: "no file of {path} declares `userTypes`", hint: "the user types module is the file with a `userTypes:` list" },
  tsNotPlainData: { code: "RC1011", severity: "error", template: "the default export of the TypeScript role module is not plain data: {reason}", hint: "export only objects, arrays, strings, numbers and booleans" },
  invalidEncoding: { code: "RC1012", severity: "error", template: "{path} is not valid UTF-8", hint: "save the file as UTF-8" },
  nestingTooDeep: { code: "RC1013", severity: "error", template: "{where} nests deeper than {max} levels", hint: "a role module is shallow data; flatten the nesting" },
  includeOutsideProject: { code: "RC1014", severity: "error", template: "{path} is outside the project folder {root}", hint: "role modules must lie inside the project folder (the folder of rolecraft.config.yaml, else the working directory), also after following symbolic links" },
  absoluteInclude: { code: "RC1015", severity: "error", template: "include path `{include}` is absolute", hint: "write include paths relative to the including file, so the project works on every machine" },
  fileTooLarge: { code: "RC1016", severity: "error", template: "{path} is {size} bytes; rolecraft reads role modules of at most {max} bytes", hint: "split it into several role modules and include them" },
  tooManyModuleFiles: { code: "RC1018", severity: "error", template: "the role module brings in more than {max} files; {path} and the files after it are not read", hint: "a role module of a few dozen files is plenty: look for an include that lists generated or copied files" },
  revisionEntryRefused: { code: "RC1017", severity: "warning", template: "{path} at revision {rev} is not read: {reason}", hint: "rolecraft reads a revision's regular files and folders inside it, and symbolic links that lead to them; nothing else is written out" },

  // RC2xxx: schema
  schemaType: { code: "RC2001", severity: "error", template: "{where} must be {expected}", hint: "see schemas/role-module.schema.json" },
  schemaRequired: { code: "RC2002", severity: "error", template: "{where} is missing the required key `{key}`", hint: "add `{key}:` to {where}" },
  schemaUnknownKey: { code: "RC2003", severity: "error", template: "unknown key `{key}` in {where}", hint: "allowed keys: {allowed}" },
  schemaPattern: { code: "RC2004", severity: "error", template: "{where} `{value}` is not valid: {rule}", hint: "see schemas/role-module.schema.json" },
  schemaViolation: { code: "RC2005", severity: "error", template: "{where} {detail}", hint: "see schemas/role-module.schema.json" },
  roleNamedLikeKey: { code: "RC2006", severity: "error", template: "role `{name}` is named like the key `{name}:` of a role definition", hint: "a role named `{name}` is almost always a key indented one level too little: indent it under the role it belongs to, or rename the role" },
  configInvalid: { code: "RC2007", severity: "error", template: "{where} {detail}", hint: "see schemas/rolecraft-config.schema.json; every key is described in docs/cli.md" },

  // RC3xxx: the role model
  unknownRole: { code: "RC3001", severity: "error", template: "unknown role `{ref}`", hint: "{suggestion}" },
  unknownModule: { code: "RC3002", severity: "error", template: "unknown module `{module}` in `{ref}`", hint: "include the role module that declares `module: {module}`" },
  duplicateRole: { code: "RC3003", severity: "error", template: "role `{id}` is defined more than once", hint: "rename one of them or remove the duplicate" },
  inheritanceCycle: { code: "RC3004", severity: "error", template: "inheritance cycle: {path}", hint: "a role cannot inherit from itself, directly or through its bases" },
  inconsistentMro: { code: "RC3005", severity: "error", template: "Cannot create a consistent method resolution order (MRO) for bases {bases} (class {id}({declared}))", hint: "a base must come before the bases it inherits from: reorder or remove the bases the checkmro notes name" },
  duplicateUserTypeValue: { code: "RC3006", severity: "error", template: "user type value `{value}` is used more than once", hint: "every user type needs its own value" },
  duplicateUserTypeName: { code: "RC3007", severity: "error", template: "user type name `{name}` is used more than once", hint: "names are unique across all user types" },
  unknownUserTypeRole: { code: "RC3008", severity: "error", template: "user type {value} has unknown role `{ref}`", hint: "{suggestion}" },
  duplicateUserTypesModule: { code: "RC3009", severity: "error", template: "more than one file declares `userTypes` (also {other})", hint: "exactly one file, the user types module, lists the user types" },
  duplicateBase: { code: "RC3010", severity: "error", template: "duplicate base `{ref}` of role `{id}`", hint: "list each base once" },
  duplicateImport: { code: "RC3011", severity: "error", template: "`{name}` is imported more than once in module {module}", hint: "use `{ role: …, as: … }` to give one of them another name" },
  hierarchyTooDeep: { code: "RC3012", severity: "error", template: "role {id} inherits through a chain of {depth} bases; at most {max} are supported", hint: "flatten the hierarchy: generated classes run every constructor of the chain recursively" },
  hierarchyTooLarge: { code: "RC3013", severity: "error", template: "the role hierarchy is too large: with {id}, the roles' linearizations would hold more than {max} entries", hint: "generated code spells out every role's MRO; split the hierarchy or make it shallower" },
  lowercaseRoleName: { code: "RC3014", severity: "warning", template: "role name `{name}` starts with a lower-case letter", hint: "Lino's roles are classes, named in CapWords: `{suggestion}`" },

  // RC4xxx: emitting TypeScript
  notGenerated: { code: "RC4001", severity: "error", template: "refusing to overwrite {path}: it was not generated by rolecraft", hint: "move the file away or choose another --out directory" },
  staleOutput: { code: "RC4002", severity: "error", template: "{path} is {state}", hint: "run `rolecraft compile` to update the generated files" },
  reservedIdentifier: { code: "RC4003", severity: "error", template: "`{name}` cannot be used as a generated class name: {reason}", hint: "rename the role" },
  reservedUserTypeName: { code: "RC4004", severity: "error", template: "user type name `{name}` collides with the member `{name}` of UserTypes", hint: "rename the user type; the runtime reserves: {reserved}" },
  moduleImportCycle: { code: "RC4005", severity: "error", template: "the generated modules would import each other in a cycle: {path}", hint: "move the roles so that modules depend on each other in one direction" },
  generatedSyntax: { code: "RC4006", severity: "error", template: "internal error: generated {path} is not valid TypeScript: {detail}", hint: "please report this with the input that caused it" },
  outputNotDirectory: { code: "RC4007", severity: "error", template: "{path} exists and is not a directory", hint: "choose another --out directory" },
  reservedModuleLabel: { code: "RC4008", severity: "error", template: "module label `{label}` cannot be used in generated code: {reason}", hint: "rename the module" },
  outputBusy: { code: "RC4009", severity: "error", template: "{path} is being written by another rolecraft process ({pid})", hint: "wait for it to finish; remove {lock} if no rolecraft is running" },
  outputRefused: { code: "RC4010", severity: "error", template: "refusing to write into {path}: {reason}", hint: "choose an --out folder of its own; rolecraft replaces it whole" },
  leftoverOutput: { code: "RC4011", severity: "warning", template: "could not remove {path}, left by an earlier write: {reason}", hint: "remove it by hand; rolecraft ignores it meanwhile" },

  // RC5xxx: analyzing application sources
  emptyOrGroup: { code: "RC5001", severity: "error", template: "{rr} (required on {actor}) is an empty tuple", hint: "an OR-group needs at least one role" },
  notARole: { code: "RC5002", severity: "error", template: "{rr} (required on {actor}) is not a UserRole", hint: "required roles must be generated role classes" },
  analyzerUnknownRole: { code: "RC5003", severity: "error", template: "role `{role}` used on {actor} is not defined by the user types module", hint: "define the role in the user types module or include the module that defines it" },
  unresolvedRequirement: { code: "RC5004", severity: "error", template: "cannot resolve `{expr}` on {actor} statically", hint: "use role classes, loginRequired(…), array literals or consts that hold them" },
  invisible: { code: "RC5005", severity: "warning", template: "no user type can see {id}", hint: "check its required roles: {required}" },
  impliedItem: { code: "RC5006", severity: "warning", template: "requirement item {item} on {id} is implied by {by}", hint: "remove the weaker item" },
  redundantOrMember: { code: "RC5007", severity: "warning", template: "OR-group {group} on {id} holds {role} and its subclass {sub}", hint: "the subclass adds nothing; remove it" },
  identicalUserTypes: { code: "RC5008", severity: "info", template: "user types {a} and {b} see exactly the same actors and actions", hint: "merge them or give them distinct roles" },
  unusedRole: { code: "RC5009", severity: "info", template: "role {id} is the role of no user type and no requirement names it", hint: "remove it or use it" },
  duplicateActorId: { code: "RC5010", severity: "error", template: "actor id {id} is declared more than once (also at {other})", hint: "set a distinct `static appLabel` or rename the class" },
  noSources: { code: "RC5011", severity: "warning", template: "no TypeScript sources found in {path}", hint: "point --src at the application's source folder" },
  sourceSyntaxError: {
    code: "RC5012",
    severity: "error",
    template: "syntax error: {detail}",
    hint: "fix the syntax; until then, who may see the actors of {file} is unknown",
  },
  nonStaticMember: {
    code: "RC5013",
    severity: "error",
    template: "`{member}` of {owner} is not static: the runtime reads only `static {member}`",
    hint: "write `static override {member} = …`; as it is, {owner} keeps its inherited {member}",
  },
  misspeltMember: {
    code: "RC5014",
    severity: "error",
    template: "`{member}` of {owner} is not a member the runtime reads: did you mean `{expected}`?",
    hint: "rename it to `{expected}`; as it is, the runtime ignores it",
  },
  protoActionKey: {
    code: "RC5015",
    severity: "error",
    template: "action key `__proto__` on {owner}: {reason}",
    hint: "give the action another name",
  },
  invalidTsconfig: { code: "RC5016", severity: "error", template: "the tsconfig can't be used: {detail} (TS{tsCode})", hint: "fix it as TypeScript says; rolecraft analyzes nothing rather than a guessed set of files" },
  sourceSymbolicLink: {
    code: "RC5017",
    severity: "warning",
    template: "{path} is skipped: a symbolic link; rolecraft reads only regular files inside the project folder",
    hint: "its actors, if any, are not analyzed: put the file (or folder) itself among the sources, not a link to it",
  },
  tooManySourceFiles: {
    code: "RC5018",
    severity: "error",
    template: "{path} holds more than {max} source files; {first} and the files after it are not read",
    hint: "point --src (or the tsconfig's include) at the application's own sources: look for a copied node_modules or a generated tree among them",
  },
  // RC503x: layouts (SPEC §6b) and permission debug messages (§6c)
  unresolvedLayout: { code: "RC5030", severity: "error", template: "cannot resolve `{expr}` in the layout of {owner} statically", hint: "who may see it, and the panels around it, is unknown; see docs/analyzer.md for the forms a layout may be written in" },
  invisiblePanel: { code: "RC5031", severity: "warning", template: "no user type can see the panel {panel} of {owner}", hint: "{reason}" },
  slaveHiddenByPanel: {
    code: "RC5032",
    severity: "warning",
    template: "no user type that the panel {panel} of {owner} admits can see the slave table {slave}",
    hint: "the panel requires {panelRequired}; {slave} requires {slaveRequired}: remove the slave table or loosen one of the requirements",
  },
  debugPermissionsOn: {
    code: "RC5033",
    severity: "warning",
    template: "debugPermissions is on for {id}",
    hint: "every permission check on it is logged, and the application refuses to start with NODE_ENV=production: turn it off before deploying",
  },
  duplicateLayoutName: { code: "RC5034", severity: "error", template: "element name {name} is used more than once in the layout of {owner} (also at {other})", hint: "names are unique in a layout: the runtime refuses this layout" },
  invalidLayoutName: { code: "RC5035", severity: "error", template: "element name {name} in the layout of {owner} must be a non-empty string without spaces", hint: "the runtime refuses this name" },

  // RC6xxx: permission tests (`rolecraft test`): RC60xx the test files, RC61xx failed expectations
  emptyTestFile: { code: "RC6001", severity: "error", template: "{path} is empty", hint: "a permission test file needs `tests`, `invariants` or `snapshot` (docs/testing.md)" },
  testFileDocuments: { code: "RC6002", severity: "error", template: "a permission test file is one YAML document, this file holds {count}", hint: "split the documents into separate test files" },
  unknownTestUserType: { code: "RC6003", severity: "error", template: "unknown user type `{name}`", hint: "{suggestion}" },
  unknownTestTarget: { code: "RC6004", severity: "error", template: "no actor or action `{id}`", hint: "{suggestion}" },
  unmatchedTargetGlob: { code: "RC6005", severity: "error", template: "`{glob}` matches no actor or action", hint: "{suggestion}" },
  visibleForWord: { code: "RC6006", severity: "error", template: "`{word}` must stand alone in visibleFor", hint: "write `all`, `nobody`, or the labels of the user types that see it" },
  snapshotOutsideProject: { code: "RC6007", severity: "error", template: "snapshot {path} is outside the project folder", hint: "a snapshot lies inside the project folder (the working directory), next to its test file" },
  snapshotNotGenerated: { code: "RC6008", severity: "error", template: "refusing to overwrite {path}: it is not a rolecraft snapshot", hint: "snapshots start with `# @generated by rolecraft test`; name another file under `snapshot:`" },
  snapshotSyntax: { code: "RC6009", severity: "error", template: "snapshot line is not `<actor or action id>: <visibleFor>`", hint: "run `rolecraft test --update-snapshot` to write the snapshot again" },
  snapshotDuplicate: { code: "RC6010", severity: "error", template: "`{id}` is in the snapshot more than once", hint: "run `rolecraft test --update-snapshot` to write the snapshot again" },
  snapshotTooLarge: {
    code: "RC6012",
    severity: "error",
    template: "snapshot {path} is {size} bytes; a snapshot of this application holds at most {max} bytes, so it is not read",
    hint: "it was not written by rolecraft for this application: delete it and run `rolecraft test --update-snapshot` (docs/testing.md#snapshot-size)",
  },
  snapshotTooLargeToWrite: {
    code: "RC6013",
    severity: "error",
    template: "snapshot {path} would be {size} bytes, more than rolecraft reads back ({max} bytes), so it is not written",
    hint: "snapshot part of the application: a test file per area, with `snapshot:` naming a file for each (docs/testing.md#snapshot-size)",
  },
  testFileTooLarge: { code: "RC6011", severity: "error", template: "{path} is {size} bytes; rolecraft reads permission test files of at most {max} bytes", hint: "split the suite into several test files" },
  cellNotVisible: { code: "RC6101", severity: "error", template: "{case}: user type {userType} does not see {target} ({actual}), expected it to\n{explanation}" },
  cellVisible: { code: "RC6102", severity: "error", template: "{case}: user type {userType} sees {target}, expected it not to\n{explanation}" },
  cellUnknown: { code: "RC6103", severity: "error", template: "{case}: whether user type {userType} sees {target} is unknown, expected it {expected}: {why}\n{explanation}", hint: "resolve the requirement statically (RC5004): an unknown verdict fails every test that touches it" },
  visibleForMismatch: { code: "RC6104", severity: "error", template: "{case}: {target} is visible for `{actual}`, expected `{expected}`\n{explanation}" },
  visibleForUnknown: { code: "RC6105", severity: "error", template: "{case}: who sees {target} is unknown: `{actual}`, expected `{expected}`: {why}\n{explanation}", hint: "resolve the requirement statically (RC5004): an unknown verdict fails every test that touches it" },
  snapshotStale: { code: "RC6106", severity: "error", template: "snapshot {path} is out of date ({changes}):\n{diff}", hint: "if the change is intended, run `rolecraft test --update-snapshot` and commit the snapshot" },
  snapshotMissing: { code: "RC6107", severity: "error", template: "snapshot {path} does not exist", hint: "run `rolecraft test --update-snapshot` to write it, and commit it" },
  snapshotUnknown: { code: "RC6108", severity: "error", template: "snapshot {path}: who sees {count} of the actors and actions is unknown: {why}\n{targets}", hint: "resolve the requirements statically (RC5004): an unknown verdict fails every test that touches it" },
  coverageBelowMinimum: { code: "RC6109", severity: "error", template: "the tests decide {decided} of {cells} cells ({percent}%), less than the minimum {minimum}%", hint: "test the targets and user types `rolecraft test --coverage` lists as untouched, or lower --min-coverage" },
} as const satisfies Record<string, CatalogueEntry>;

/** A message id of the catalogue. */
export type DiagnosticId = keyof typeof catalogue;

/** Renders `{name}` placeholders from data; unknown placeholders stay visible. */
export function renderTemplate(template: string, data: DiagnosticData): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = data[key];
    return value === undefined ? whole : String(value);
  });
}

/** Options a stage may add to a diagnostic. */
export interface DiagnosticExtras {
  /** Overrides the catalogue's hint (rendered with the same data). */
  readonly hint?: string;
  readonly related?: readonly RelatedLocation[];
  /** Overrides the catalogue's severity (e.g. lints promoted by configuration). */
  readonly severity?: Severity;
}

/** Builds a diagnostic from its message id, data and position. */
export function diagnostic(id: DiagnosticId, data: DiagnosticData, span: Span, extras: DiagnosticExtras = {}): Diagnostic {
  const entry: CatalogueEntry = catalogue[id];
  const hintTemplate = extras.hint ?? entry.hint;
  const hint = hintTemplate === undefined ? undefined : renderTemplate(hintTemplate, data);
  return {
    code: entry.code,
    severity: extras.severity ?? entry.severity,
    message: renderTemplate(entry.template, data),
    data,
    span,
    ...(hint === undefined || hint === "" ? {} : { hint }),
    ...(extras.related === undefined || extras.related.length === 0 ? {} : { related: extras.related }),
  };
}
