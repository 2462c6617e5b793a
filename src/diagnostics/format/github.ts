/**
 * GitHub Actions workflow commands (`check --format github`): each diagnostic
 * becomes an annotation on the pull request's files.
 */
import type { Diagnostic, Severity } from "../diagnostic.js";

/**
 * One workflow command per diagnostic, in the order given, each ending with
 * `"\n"`:
 * `::error file=roles/noi.yaml,line=4,col=29,endLine=4,endColumn=36,title=RC3001::unknown role…`
 * (`warning` → `::warning`, `info` → `::notice`). The message is followed by
 * the hint (`hint: …`) and by each related location (`path:line:col: note: …`)
 * on lines of their own. Escaping follows GitHub's toolkit: in the message
 * `%`, `\r`, `\n` become `%25`, `%0D`, `%0A`; property values also escape
 * `:` and `,` as `%3A` and `%2C`. Backslashes in file names (Windows) become `/`.
 */
export function formatGithub(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map(githubCommand).join("");
}

function githubCommand(d: Diagnostic): string {
  const { file, line, column, endLine, endColumn } = d.span;
  const properties = [
    // GitHub matches annotation paths against repository paths, which use `/`.
    `file=${escapeGithubProperty(file.replace(/\\/g, "/"))}`,
    `line=${line}`,
    `col=${column}`,
    `endLine=${endLine}`,
    `endColumn=${endColumn}`,
    `title=${escapeGithubProperty(d.code)}`,
  ].join(",");
  const lines = [d.message];
  if (d.hint !== undefined) lines.push(`hint: ${d.hint}`);
  for (const r of d.related ?? []) {
    lines.push(`${r.span.file}:${r.span.line}:${r.span.column}: note: ${r.message}`);
  }
  return `::${COMMAND[d.severity]} ${properties}::${escapeGithubData(lines.join("\n"))}\n`;
}

const COMMAND: Readonly<Record<Severity, string>> = { error: "error", warning: "warning", info: "notice" };

/**
 * Escapes a workflow command's message (`%`, `\r`, `\n`), as `@actions/core`
 * does; other control characters (a terminal escape in a source line) are
 * shown as U+FFFD, as the text format shows them.
 */
export function escapeGithubData(text: string): string {
  return text
    .replace(/%/g, "%25")
    .replace(/\r/g, "%0D")
    .replace(/\n/g, "%0A")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "\ufffd");
}

/** Escapes a workflow command's property value: the message escapes plus `:` and `,`. */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
