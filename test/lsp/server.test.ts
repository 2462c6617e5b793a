/**
 * `rolecraft lsp --stdio` driven over stdio by an LSP client library, as an
 * editor drives it: initialize, open, change (unsaved), diagnostics, hover,
 * completion, definition, references, rename, code actions, shutdown. On
 * the bundled example (the repository's rolecraft.config.yaml: the Noi user
 * types and examples/noi-app) and on a fixture workspace (test/fixtures/lsp/
 * clinic: YAML and TypeScript role modules, a barrel with an alias, a
 * permission test file). Nothing is written to the bundled example: every
 * edit is an unsaved buffer.
 */
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DidChangeWatchedFilesNotification, FileChangeType, type Diagnostic } from "vscode-languageserver-protocol/node";
import { analyzedProject, check, visibleForTarget } from "../../src/api/index.js";
import { createNodeHost } from "../../src/host/node-host.js";
import { withOverlays } from "../../src/host/overlay-host.js";
import { cli } from "../helpers/cli.js";
import { freshDir, repoRoot } from "../helpers/generated.js";
import { applyEdits, LanguageClient, positionOf, textOf } from "./client.js";

/** What `check` reports for a file, over the same texts, in the protocol's terms. */
async function checkDiagnostics(root: string, options: { module: string; sources?: { src: string } }, buffers: ReadonlyMap<string, string>, file: string): Promise<unknown[]> {
  const result = await check(options, withOverlays(createNodeHost({ cwd: root, modelThread: false }), new Map([...buffers].map(([f, t]) => [join(root, f), t]))));
  return result.diagnostics
    .filter((d) => d.span.file === file)
    .map((d) => ({
      code: d.code,
      source: "rolecraft",
      severity: d.severity === "error" ? 1 : d.severity === "warning" ? 2 : 3,
      range: { start: { line: d.span.line - 1, character: d.span.column - 1 }, end: { line: d.span.endLine - 1, character: d.span.endColumn - 1 } },
      related: (d.related ?? []).map((r) => ({ uri: pathToFileURL(join(root, r.span.file)).href, line: r.span.line - 1, character: r.span.column - 1, message: r.message })),
    }));
}

function published(diagnostics: readonly Diagnostic[]): unknown[] {
  return diagnostics.map((d) => ({
    code: d.code,
    source: d.source,
    severity: d.severity,
    range: d.range,
    related: (d.relatedInformation ?? []).map((r) => ({ uri: r.location.uri, line: r.location.range.start.line, character: r.location.range.start.character, message: r.message })),
  }));
}

describe("rolecraft lsp on the bundled example", () => {
  const tickets = "examples/noi-app/src/tickets/tickets.ts";
  const noi = "user-types/noi/noi.yaml";
  const options = { module: "user-types/noi", sources: { src: "examples/noi-app/src" } };
  let client: LanguageClient;
  let ticketsText: string;
  let noiText: string;

  beforeAll(async () => {
    client = await LanguageClient.start(repoRoot);
    const clean = client.nextDiagnostics(tickets);
    ticketsText = await client.open(tickets);
    expect(await clean).toEqual([]);
    noiText = await client.open(noi);
  });
  afterAll(() => client?.kill());

  it("initializes with every capability", () => {
    const capabilities = client.initialized!.capabilities;
    expect(capabilities.hoverProvider).toBe(true);
    expect(capabilities.completionProvider).toBeDefined();
    expect(capabilities.definitionProvider).toBe(true);
    expect(capabilities.referencesProvider).toBe(true);
    expect(capabilities.renameProvider).toEqual({ prepareProvider: true });
    expect(capabilities.codeActionProvider).toEqual({ codeActionKinds: ["quickfix"] });
    expect(client.initialized!.serverInfo?.name).toBe("rolecraft");
  });

  it("publishes what check reports for an unsaved source, with its positions, and clears it once fixed", async () => {
    const broken = ticketsText.replace("loginRequired(Reporter)", "loginRequired([])");
    const reported = client.nextDiagnostics(tickets, (d) => d.length > 0);
    await client.change(tickets, broken);
    const diagnostics = await reported;
    expect(diagnostics.map((d) => d.code)).toEqual(["RC5001"]);
    expect(textOf(broken, diagnostics[0]!.range)).toBe("[]");
    expect(diagnostics[0]!.message).toContain("is an empty tuple");
    expect(published(diagnostics)).toEqual(await checkDiagnostics(repoRoot, options, new Map([[tickets, broken]]), tickets));

    const cleared = client.nextDiagnostics(tickets, (d) => d.length === 0);
    await client.change(tickets, ticketsText);
    expect(await cleared).toEqual([]);
  });

  it("publishes what check reports for an unsaved role module, related locations included, and clears it", async () => {
    // An inheritance cycle: RC3004 with each edge as a related location.
    const broken = noiText.replace("Customer: [core.SiteUser,", "Customer: [Developer, core.SiteUser,");
    const reported = client.nextDiagnostics(noi, (d) => d.length > 0);
    await client.change(noi, broken);
    const diagnostics = await reported;
    expect(diagnostics.map((d) => d.code)).toContain("RC3004");
    expect(diagnostics.find((d) => d.code === "RC3004")!.relatedInformation!.length).toBeGreaterThan(1);
    expect(published(diagnostics)).toEqual(await checkDiagnostics(repoRoot, options, new Map([[noi, broken]]), noi));

    const cleared = client.nextDiagnostics(noi, (d) => d.length === 0);
    await client.change(noi, noiText);
    expect(await cleared).toEqual([]);
  });

  it("hovers a role in a source and in a role module: MRO, doc, user types that have it, where it is defined", async () => {
    const hover = await client.hover(tickets, positionOf(ticketsText, "Reporter, Searcher", 2));
    const markdown = (hover!.contents as { value: string }).value;
    expect(markdown).toContain("**tickets.Reporter** (role)");
    expect(markdown).toContain("MRO: `tickets.Reporter` → `core.UserRole`");
    expect(markdown).toMatch(/User types that have it: `100` \(customer\), .*`900` \(admin\)/);
    expect(markdown).toContain("Defined in `user-types/noi/roles/lino_xl.lib.tickets.roles.yaml:");
    expect(textOf(ticketsText, hover!.range!)).toBe("Reporter");

    const inModule = await client.hover(noi, positionOf(noiText, "office.OfficeUser, votes", 3));
    expect((inModule!.contents as { value: string }).value).toContain("**office.OfficeUser** (role)");
    expect(textOf(noiText, inModule!.range!)).toBe("office.OfficeUser");
  });

  it("hovers an actor and an action: required roles and the visible-for line", async () => {
    const project = analyzedProject(await check(options, createNodeHost({ cwd: repoRoot, modelThread: false })))!;
    const actor = (await client.hover(tickets, positionOf(ticketsText, "class AllTickets", 7)))!.contents as { value: string };
    expect(actor.value).toContain("**tickets.AllTickets** (actor)");
    expect(actor.value).toContain("Required roles: (tickets.Triager | tickets.TicketsStaff)");
    expect(actor.value).toContain(`Visible for: ${visibleForTarget(project, "tickets.AllTickets")}`);
    const action = (await client.hover(tickets, positionOf(ticketsText, "markClosed:", 2)))!.contents as { value: string };
    expect(action.value).toContain("**tickets.Tickets.markClosed** (action, not readonly)");
    expect(action.value).toContain(`Visible for: ${visibleForTarget(project, "tickets.Tickets.markClosed")}`);
  });

  it("goes to a role's definition from a source and from a role module", async () => {
    const [fromSource] = await client.definition(tickets, positionOf(ticketsText, "loginRequired(Reporter)", 16));
    expect(fromSource!.uri).toBe(client.uri("user-types/noi/roles/lino_xl.lib.tickets.roles.yaml"));
    const yaml = readFileSync(join(repoRoot, "user-types/noi/roles/lino_xl.lib.tickets.roles.yaml"), "utf8");
    expect(textOf(yaml, fromSource!.range)).toBe("Reporter");
    const [fromModule] = await client.definition(noi, positionOf(noiText, "Contributor: [Customer", 15));
    expect(fromModule!.uri).toBe(client.uri(noi));
    expect(fromModule!.range.start.line).toBe(positionOf(noiText, "  Customer:").line);
  });

  it("finds a role's references across role modules and sources", async () => {
    const found = await client.references(tickets, positionOf(ticketsText, "loginRequired(Reporter)", 16));
    const places = found.map((l) => `${l.uri.slice(pathToFileURL(repoRoot).href.length + 1)}:${l.range.start.line + 1}`);
    expect(places).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^user-types\/noi\/roles\/lino_xl\.lib\.tickets\.roles\.yaml:\d+$/),
        `${noi}:${positionOf(noiText, "tickets.Reporter").line + 1}`,
        `${noi}:${positionOf(noiText, "tickets.Reporter", 0, 2).line + 1}`,
        `${tickets}:${positionOf(ticketsText, "Reporter, Searcher").line + 1}`,
        `${tickets}:${positionOf(ticketsText, "loginRequired(Reporter)").line + 1}`,
      ]),
    );
    const withoutDefinition = await client.references(tickets, positionOf(ticketsText, "loginRequired(Reporter)", 16), false);
    expect(withoutDefinition.length).toBe(found.length - 1);
  });

  it("renames a role across role modules and sources (nothing is written: the edit goes to the editor)", async () => {
    const position = positionOf(ticketsText, "loginRequired(Reporter)", 16);
    expect(await client.prepareRename(tickets, position)).toEqual({ range: { start: position.line === 0 ? position : { line: position.line, character: position.character - 2 }, end: { line: position.line, character: position.character + 6 } }, placeholder: "Reporter" });
    const edit = (await client.rename(tickets, position, "Submitter"))!;
    const changed = Object.fromEntries(Object.entries(edit.changes!).map(([uri, edits]) => [uri.slice(pathToFileURL(repoRoot).href.length + 1), edits]));
    expect(Object.keys(changed).sort()).toEqual(["examples/noi-app/src/comments/comments.ts", tickets, noi, "user-types/noi/roles/lino_xl.lib.tickets.roles.yaml"].sort());
    const renamed = applyEdits(ticketsText, changed[tickets]!);
    expect(renamed).toContain("import { Submitter, Searcher, TicketsStaff, Triager }");
    expect(renamed).toContain("loginRequired(Submitter)");
    // Only references are renamed: a field labelled "Reporter" keeps its label.
    expect(renamed).toContain('new Field("reporter", "Reporter")');
    expect(renamed.replace(/"[^"]*"/g, '""')).not.toMatch(/\bReporter\b/);
    expect(applyEdits(noiText, changed[noi]!)).toContain("tickets.Submitter");
    // Lino's core roles are not ours to rename.
    await expect(client.prepareRename(noi, positionOf(noiText, "core.SiteUser,", 6))).rejects.toThrow(/core roles/);
  });

  it("completes role ids in a role module and role classes in a requirement", async () => {
    const typed = noiText.replace("Customer: [core.SiteUser,", "Customer: [core.SiteUser, tick");
    await client.change(noi, typed);
    const ids = await client.completion(noi, positionOf(typed, "tick office", 4));
    expect(ids.map((i) => i.label)).toEqual(expect.arrayContaining(["tickets.Triager", "tickets.Reporter", "Customer", "Triager", "core.SiteAdmin"]));
    expect(ids.find((i) => i.label === "tickets.Triager")!.textEdit).toMatchObject({ newText: "tickets.Triager" });
    await client.change(noi, noiText);

    const source = ticketsText.replace("loginRequired(Reporter)", "loginRequired(Rep)");
    await client.change(tickets, source);
    const classes = await client.completion(tickets, positionOf(source, "loginRequired(Rep)", 17));
    const reporter = classes.find((i) => i.label === "Reporter")!;
    expect(reporter.detail).toBe("tickets.Reporter");
    expect(reporter.additionalTextEdits).toBeUndefined();
    const worker = classes.find((i) => i.label === "Worker")!;
    expect(worker.detail).toContain('import from "../../generated/roles/working.js"');
    expect(applyEdits(source, worker.additionalTextEdits!)).toContain('import { Worker } from "../../generated/roles/working.js";');
    // Outside a requirement: nothing.
    expect(await client.completion(tickets, positionOf(source, "/** Every ticket", 4))).toEqual([]);
    await client.change(tickets, ticketsText);
  });

  it("offers a quick fix for a did-you-mean hint", async () => {
    const typo = noiText.replace("Customer: [core.SiteUser,", "Customer: [core.SiteUsr,");
    const reported = client.nextDiagnostics(noi, (d) => d.some((x) => x.code === "RC3001"));
    await client.change(noi, typo);
    const diagnostic = (await reported).find((d) => d.code === "RC3001")!;
    expect(diagnostic.message).toContain("did you mean `core.SiteUser`?");
    const actions = await client.codeActions(noi, diagnostic.range);
    const fix = actions.find((a) => a.title === "Change `core.SiteUsr` to `core.SiteUser`")!;
    expect(fix.kind).toBe("quickfix");
    expect(fix.isPreferred).toBe(true);
    expect(applyEdits(typo, fix.edit!.changes![client.uri(noi)]!)).toBe(noiText);
    const cleared = client.nextDiagnostics(noi, (d) => d.length === 0);
    await client.change(noi, noiText);
    await cleared;
  });

  it("shuts down when asked and exits with 0", async () => {
    expect(await client.shutdown()).toBe(0);
  });
});

describe("rolecraft lsp on a fixture workspace (YAML and TypeScript role modules, a barrel with an alias, a test file)", () => {
  let dir: string;
  let client: LanguageClient;
  const text = (file: string): string => readFileSync(join(dir, file), "utf8");

  beforeAll(async () => {
    dir = freshDir("lsp-clinic");
    cpSync(join(repoRoot, "test", "fixtures", "lsp", "clinic"), dir, { recursive: true });
    expect((await cli(["compile"], { cwd: dir })).code).toBe(0);
    client = await LanguageClient.start(dir, { watchFiles: true });
  });

  it("starts clean: the fixture has no finding, so every diagnostic below comes from an edit", async () => {
    const patients = "src/wards/patients.ts";
    const first = client.nextDiagnostics(patients);
    await client.open(patients);
    expect(await first).toEqual([]);
    expect([...client.diagnostics.values()].flat()).toEqual([]);
    await client.close(patients);
  });
  afterAll(() => client?.kill());

  it("checks a TypeScript role module from its unsaved buffer", async () => {
    const lab = "roles/lab.ts";
    const original = await client.open(lab);
    const broken = original.replace('"core.SiteUser"', '"core.SiteUsr"');
    const reported = client.nextDiagnostics(lab, (d) => d.length > 0);
    await client.change(lab, broken);
    const [diagnostic] = await reported;
    expect(diagnostic!.code).toBe("RC3001");
    expect(textOf(broken, diagnostic!.range)).toBe('"core.SiteUsr"');
    const cleared = client.nextDiagnostics(lab, (d) => d.length === 0);
    await client.change(lab, original);
    await cleared;
    // The role module's references work in TypeScript too.
    const hover = await client.hover(lab, positionOf(original, "core.SiteUser", 5));
    expect((hover!.contents as { value: string }).value).toContain("**core.SiteUser** (role)");
  });

  it("completes bases, imports and a user type's role", async () => {
    const staff = "roles/staff.yaml";
    const original = await client.open(staff);
    const typed = original.replace("Surgeon: [Doctor]", "Surgeon: [Doctor, ]");
    await client.change(staff, typed);
    const bases = (await client.completion(staff, positionOf(typed, "Doctor, ]", 8))).map((i) => i.label);
    expect(bases).toEqual(expect.arrayContaining(["Nurse", "Doctor", "staff.Nurse", "lab.LabTech", "core.SiteUser"]));
    await client.change(staff, original);

    const site = "roles/site.yaml";
    const siteText = await client.open(site);
    const importing = siteText.replace("  - staff.Nurse\n", "  - staff.Nurse\n  - \n");
    await client.change(site, importing);
    const imports = (await client.completion(site, positionOf(importing, "  - \n", 4))).map((i) => i.label);
    expect(imports).toContain("staff.Surgeon");
    expect(imports).not.toContain("Nurse");
    const role = siteText.replace("role: staff.Doctor }", "role:  }");
    await client.change(site, role);
    const roles = (await client.completion(site, positionOf(role, "role:  }", 6))).map((i) => i.label);
    expect(roles).toEqual(expect.arrayContaining(["Nurse", "ChiefPhysician", "staff.Doctor"]));
    await client.change(site, siteText);
  });

  it("completes a role class with its import from the generated module", async () => {
    const patients = "src/wards/patients.ts";
    const original = await client.open(patients);
    const typed = original.replace("loginRequired(Doctor);\n}", "loginRequired(Sur);\n}");
    await client.change(patients, typed);
    const items = await client.completion(patients, positionOf(typed, "loginRequired(Sur)", 17));
    const surgeon = items.find((i) => i.label === "Surgeon")!;
    expect(surgeon.detail).toBe('staff.Surgeon (import from "../../generated/roles/staff.js")');
    expect(applyEdits(typed, [surgeon.textEdit as { range: never; newText: string }, ...surgeon.additionalTextEdits!])).toContain(
      'import { Surgeon } from "../../generated/roles/staff.js";',
    );
    // Under its alias where the file has it.
    expect(items.find((i) => i.detail === "lab.LabTech")?.label).toBe("Technician");
    await client.change(patients, original);
  });

  it("renames a role in role modules, sources and the test file, but leaves aliases and generated files alone", async () => {
    const patients = "src/wards/patients.ts";
    const edit = (await client.rename(patients, positionOf(text(patients), "loginRequired(Doctor)", 16), "Physician"))!;
    const changed = Object.fromEntries(Object.entries(edit.changes!).map(([uri, edits]) => [uri.slice(pathToFileURL(dir).href.length + 1), edits]));
    expect(Object.keys(changed).sort()).toEqual(["clinic.rolecraft-test.yaml", "roles/site.yaml", "roles/staff.yaml", "src/wards/patients.ts"]);
    expect(applyEdits(text("roles/staff.yaml"), changed["roles/staff.yaml"]!)).toContain("  Physician:\n    bases: [Nurse]");
    expect(applyEdits(text("roles/staff.yaml"), changed["roles/staff.yaml"]!)).toContain("Surgeon: [Physician]");
    expect(applyEdits(text("roles/site.yaml"), changed["roles/site.yaml"]!)).toContain("role: staff.Physician }");
    expect(applyEdits(text(patients), changed[patients]!)).toContain("import { Physician, Nurse, Technician }");
    expect(applyEdits(text("clinic.rolecraft-test.yaml"), changed["clinic.rolecraft-test.yaml"]!)).toContain("only staff.Physician and above");

    // An alias is not the role's name: both the preparation and the rename itself refuse, and say where to rename.
    const alias = positionOf(text(patients), "Doctor, Technician]", 9);
    await expect(client.prepareRename(patients, alias)).rejects.toThrow(/another name of lab\.LabTech/);
    await expect(client.rename(patients, alias, "Analyst")).rejects.toThrow(/another name of lab\.LabTech: rename the role where its name is written/);
  });

  it("finds a role's references under an alias, and goes from the alias to the TypeScript role module", async () => {
    const patients = "src/wards/patients.ts";
    const position = positionOf(text(patients), "Doctor, Technician]", 9);
    const places = (await client.references(patients, position)).map((l) => `${l.uri.slice(pathToFileURL(dir).href.length + 1)}:${l.range.start.line + 1}`);
    expect(places).toEqual(expect.arrayContaining(["roles/lab.ts:7", "roles/site.yaml:16", "src/roles.ts:3", "src/wards/patients.ts:2", "src/wards/patients.ts:9"]));
    const [definition] = await client.definition(patients, position);
    expect(definition!.uri).toBe(client.uri("roles/lab.ts"));
    expect(textOf(text("roles/lab.ts"), definition!.range)).toBe("LabTech");
  });

  it("offers to qualify a bare name another module defines, or to add it to imports", async () => {
    const site = "roles/site.yaml";
    const original = text(site);
    const bare = original.replace("ChiefPhysician: [staff.Surgeon,", "ChiefPhysician: [Surgeon,");
    const reported = client.nextDiagnostics(site, (d) => d.some((x) => x.code === "RC3001"));
    await client.change(site, bare);
    const diagnostic = (await reported).find((d) => d.code === "RC3001")!;
    const titles = (await client.codeActions(site, diagnostic.range)).map((a) => a.title);
    expect(titles).toEqual(["Change `Surgeon` to `staff.Surgeon`", "Add `staff.Surgeon` to `imports`"]);
    const add = (await client.codeActions(site, diagnostic.range))[1]!;
    const fixed = applyEdits(bare, add.edit!.changes![client.uri(site)]!);
    expect(fixed).toContain("  - staff.Nurse\n  - staff.Surgeon\nroles:");
    const cleared = client.nextDiagnostics(site, (d) => d.length === 0);
    await client.change(site, fixed);
    await cleared;
    await client.change(site, original);
  });

  it("takes a change on disk into account when the client reports it (a file no buffer shows)", async () => {
    const file = "src/wards/extra.ts";
    writeFileSync(join(dir, file), `import { Actor, loginRequired } from "rolecraft/runtime";\nexport class Extra extends Actor {\n  static override requiredRoles = loginRequired([]);\n}\n`);
    const reported = client.nextDiagnostics(file, (d) => d.length > 0);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: client.uri(file), type: FileChangeType.Created }] });
    expect((await reported).map((d) => d.code)).toEqual(["RC5001"]);
  });

  it("shuts down when asked and exits with 0", async () => {
    expect(await client.shutdown()).toBe(0);
  });
});
