/**
 * The incremental Session over a host with in-memory overlays (what the
 * language server will do with unsaved buffers): a round sees the buffers,
 * not the disk, for application sources and role modules alike, and reports
 * what a one-shot `check` over the same host reports.
 */
import { cpSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/api/check.js";
import { Session } from "../../src/api/session.js";
import { createNodeHost } from "../../src/host/node-host.js";
import { withOverlays } from "../../src/host/overlay-host.js";
import { freshDir, repoRoot } from "../helpers/generated.js";

/** A copy of the Noi example: its role module, its application and the role classes compiled from it. */
function project(): string {
  const dir = freshDir("session-overlays");
  cpSync(join(repoRoot, "user-types", "noi"), join(dir, "user-types"), { recursive: true });
  cpSync(join(repoRoot, "examples", "noi-app", "src"), join(dir, "src"), { recursive: true });
  cpSync(join(repoRoot, "examples", "noi-app", "generated"), join(dir, "generated"), { recursive: true });
  return dir;
}

const codes = (result: { readonly diagnostics: readonly { readonly code: string }[] }): string[] => result.diagnostics.map((d) => d.code);

describe("Session over unsaved buffers", () => {
  it("reports what the buffers hold, as check does over the same host, and what the disk holds once they are dropped", async () => {
    const dir = project();
    const overlays = new Map<string, string>();
    const host = withOverlays(createNodeHost({ cwd: dir }), overlays);
    const options = { module: "user-types", sources: { src: "src" } };
    const session = new Session(options, host);
    expect(codes(await session.run())).toEqual([]);

    // An unsaved edit of a source: an empty OR-group.
    const tickets = join(dir, "src", "tickets", "tickets.ts");
    const edited = `${readFileSync(tickets, "utf8")}\nexport class Broken extends Tickets {\n  static override requiredRoles = loginRequired([]);\n}\n`;
    overlays.set(tickets, edited);
    const withBuffer = await session.update([tickets]);
    expect(codes(withBuffer)).toEqual(["RC5001"]);
    // The code frame's text is the buffer's.
    expect(withBuffer.texts.get("src/tickets/tickets.ts")).toBe(edited);
    expect(await check(options, host)).toEqual(withBuffer);
    // The disk is untouched.
    expect(codes(await check(options, createNodeHost({ cwd: dir })))).toEqual([]);

    // An unsaved edit of the role module: a typo in a base stops the analysis.
    const noi = join(dir, "user-types", "noi.yaml");
    overlays.set(noi, readFileSync(noi, "utf8").replace("Customer: [core.SiteUser,", "Customer: [core.SiteUsr,"));
    const brokenModel = await session.update([noi]);
    expect(codes(brokenModel)).toEqual(["RC3001"]);
    expect(brokenModel.analysis).toBeUndefined();

    // Buffers closed without saving: the disk again.
    overlays.clear();
    expect(codes(await session.update([tickets, noi]))).toEqual([]);
  });

  it("reads layouts again when what they show moved in another file, as check does", async () => {
    const dir = project();
    const overlays = new Map<string, string>();
    const host = withOverlays(createNodeHost({ cwd: dir }), overlays);
    const options = { module: "user-types", sources: { src: "src" } };
    const session = new Session(options, host);
    await session.run();
    // The ticket detail shows CommentsByTicket as a slave table: its requirement's spans are in comments.ts.
    const comments = join(dir, "src", "comments", "comments.ts");
    const text = readFileSync(comments, "utf8");
    overlays.set(comments, text.replace("/** The comments of one ticket", "\n\n/** The comments of one ticket"));
    const moved = await session.update([comments]);
    expect(await check(options, host)).toEqual(moved);
    // A panel nobody can see (RC5031) comes and goes with an edit of the role module.
    const tickets = join(dir, "src", "tickets", "tickets.ts");
    overlays.set(tickets, readFileSync(tickets, "utf8").replace("requiredRoles: [Triager],", "requiredRoles: loginRequired([Triager, TicketsStaff]),"));
    const edited = await session.update([tickets]);
    expect(await check(options, host)).toEqual(edited);
    overlays.clear();
    expect(await session.update([comments, tickets])).toEqual(await check(options, host));
  });
});
