/**
 * `rolecraft diff --base REV [--head REV]` in a real git repository under
 * test/tmp: revisions are read with git into a temporary folder (role classes
 * generated there, since `generated/` is not committed), the working tree
 * and the index stay untouched, and a TypeScript role module importing
 * `rolecraft/define` still loads at an old revision.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { DiffJsonDocument } from "../../src/diff/index.js";
import { cli } from "../helpers/cli.js";
import { freshDir, repoRoot } from "../helpers/generated.js";
import { fixturesDir } from "./helpers.js";

const git = (cwd: string, ...args: string[]): string =>
  execFileSync("git", ["-c", "user.name=rolecraft test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" },
  });

/** The roles of the diff fixtures as a TypeScript role module, as an application would write it. */
function tsModule(yaml: string, auditorBases: string): string {
  expect(yaml).toContain("Auditor: [core.SiteUser, AuditReader]");
  return `import { defineRoleModule } from "rolecraft/define";

export default defineRoleModule({
  module: "app",
  imports: ["core.SiteUser", "core.SiteStaff"],
  roles: {
    DocumentsUser: [],
    DocumentsStaff: ["DocumentsUser"],
    AuditReader: [],
    Reader: ["core.SiteUser", "DocumentsUser"],
    Editor: ["Reader", "DocumentsStaff"],
    Auditor: ${auditorBases},
    Manager: ["core.SiteAdmin", "Editor", "AuditReader"],
  },
  userTypes: [
    { value: "000", names: "anonymous", text: "Anonymous", role: "core.Anonymous", readonly: true },
    { value: "100", names: "reader", text: "Reader", role: "Reader" },
    { value: "200", names: "editor", text: "Editor", role: "Editor" },
    { value: "300", names: "auditor", text: "Auditor", role: "Auditor", readonly: true },
    { value: "900", names: "admin", text: "Administrator", role: "Manager" },
  ],
});
`;
}

const json = (stdout: string): DiffJsonDocument => JSON.parse(stdout) as DiffJsonDocument;
const grants = (doc: DiffJsonDocument, which: "widening" | "narrowing"): string[] => doc[which].map((g) => `${g.kind} ${g.userType} ${g.id}`);

/** A snapshot of what the working tree and the index look like, to prove a diff leaves them alone. */
function treeState(repo: string): string {
  const files = ["roles/app.ts", "src/admin/admin.ts", "src/docs/documents.ts"].map((f) => `${f} ${statSync(join(repo, f)).mtimeMs} ${readFileSync(join(repo, f), "utf8").length}`);
  // The index's entries, not its file: `git status` itself may rewrite a racily clean index's stat data.
  return [git(repo, "status", "--porcelain", "--ignored"), git(repo, "ls-files", "--stage"), ...files].join("\n");
}

describe("rolecraft diff --base", () => {
  let repo = "";
  const yaml = readFileSync(join(fixturesDir, "unchanged", "before", "roles.yaml"), "utf8");

  beforeAll(async () => {
    repo = freshDir("diff-git");
    git(repo, "init", "-q");
    // An application with rolecraft installed: node_modules/rolecraft is this package.
    mkdirSync(join(repo, "node_modules"));
    symlinkSync(repoRoot, join(repo, "node_modules", "rolecraft"), "dir");
    writeFileSync(join(repo, "package.json"), `${JSON.stringify({ name: "diff-git-app", private: true, type: "module" }, null, 2)}\n`);
    writeFileSync(join(repo, ".gitignore"), "node_modules/\ngenerated/\n");
    writeFileSync(join(repo, "rolecraft.config.yaml"), "module: roles/app.ts\nsrc: src\nout: generated\n");
    mkdirSync(join(repo, "roles"));
    writeFileSync(join(repo, "roles", "app.ts"), tsModule(yaml, `["core.SiteUser", "AuditReader"]`));
    cpSync(join(fixturesDir, "unchanged", "before", "src"), join(repo, "src"), { recursive: true });
    git(repo, "add", "-A");
    git(repo, "commit", "-q", "-m", "roles and application");
    // The edit under review: auditors get the documents role.
    writeFileSync(join(repo, "roles", "app.ts"), tsModule(yaml, `["core.SiteUser", "AuditReader", "DocumentsUser"]`));
    git(repo, "commit", "-q", "-am", "auditors read documents");
    // The working tree needs its role classes, as it would after `rolecraft compile`.
    const compiled = await cli(["compile"], { cwd: repo });
    expect(compiled.code, compiled.stderr).toBe(0);
  });

  it("compares a revision with the working tree, reading the revision with git", async () => {
    const untouched = treeState(repo);
    const run = await cli(["diff", "--base", "HEAD~1", "--format", "json"], { cwd: repo });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const doc = json(run.stdout);
    expect([doc.before, doc.after]).toEqual(["HEAD~1", "working tree"]);
    expect(doc.applicationCompared).toBe(true);
    expect(grants(doc, "widening")).toEqual(["role 300 app.DocumentsUser", "access 300 docs.Documents", "access 300 docs.Documents.export"]);
    expect(doc.narrowing).toEqual([]);
    expect(treeState(repo)).toBe(untouched);
  });

  it("compares two revisions with --head and prints the same cells", async () => {
    const run = await cli(["diff", "--base", "HEAD~1", "--head", "HEAD", "--format", "json"], { cwd: repo });
    expect(run.stderr).toBe("");
    expect(grants(json(run.stdout), "widening")).toEqual(["role 300 app.DocumentsUser", "access 300 docs.Documents", "access 300 docs.Documents.export"]);
    const same = await cli(["diff", "--base", "HEAD", "--head", "HEAD", "--format", "text"], { cwd: repo });
    expect(same.stdout).toBe("rolecraft diff: HEAD → HEAD\nNo permission changes\n");
  });

  it("sees uncommitted edits of the working tree, and --fail-on-widening only fails on widening", async () => {
    const admin = join(repo, "src", "admin", "admin.ts");
    const committed = readFileSync(admin, "utf8");
    try {
      writeFileSync(admin, committed.replace("loginRequired([AuditReader, SiteStaff])", "loginRequired(SiteStaff)"));
      const narrowing = await cli(["diff", "--base", "HEAD", "--fail-on-widening", "--format", "markdown"], { cwd: repo });
      expect(narrowing.code).toBe(0);
      expect(narrowing.stdout).toContain("**1 user type loses access to 1 actor/action**");
      expect(narrowing.stdout).toContain("| `admin.AuditLog` | `(app.AuditReader \\| core.SiteStaff)` → `core.SiteStaff` |  | auditor |");
      const widening = await cli(["diff", "--base", "HEAD~1", "--fail-on-widening"], { cwd: repo });
      expect(widening.code).toBe(1);
      expect(widening.stderr).toBe("rolecraft: --fail-on-widening: 1 user type gains roles or access (3 widenings)\n");
    } finally {
      writeFileSync(admin, committed);
    }
  });

  it("works from a subfolder, with the module named relative to it and the sources of the configuration above", async () => {
    const run = await cli(["diff", "--base", "HEAD~1", "app.ts", "--format", "json"], { cwd: join(repo, "roles") });
    expect(run.stderr).toBe("");
    const doc = json(run.stdout);
    // The repository's rolecraft.config.yaml applies in its subfolders: its `src` is compared too.
    expect(doc.applicationCompared).toBe(true);
    expect(grants(doc, "widening")).toEqual(["role 300 app.DocumentsUser", "access 300 docs.Documents", "access 300 docs.Documents.export"]);
  });

  it.each([
    [["--base", "no-such-rev"], "rolecraft: unknown git revision `no-such-rev`\n"],
    [["--base", "HEAD", "--head", "--upload-pack=x"], "rolecraft: unknown git revision `--upload-pack=x`\n"],
    [["--base", "HEAD~1", "roles/missing.yaml"], "rolecraft: roles/missing.yaml does not exist at revision HEAD~1\n"],
    [["--head", "HEAD"], "rolecraft: --head needs --base\n"],
    [["--base", "HEAD", "--src-before", "src"], "rolecraft: --src-before and --src-after compare two modules on disk; with --base, give --src or --project (one path, read at each revision)\n"],
  ])("exits 2 with one line for %j", async (args, message) => {
    const run = await cli(["diff", ...args], { cwd: repo });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(message);
    expect(run.stdout).toBe("");
  });

  it("exits 2 outside a git repository", async () => {
    // test/tmp is inside rolecraft's own repository; the file system root is in none.
    const run = await cli(["diff", "--base", "HEAD", "x.yaml"], { cwd: "/" });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("rolecraft: --base reads git revisions, but the working directory is not inside a git repository\n");
  });
});
