/**
 * SARIF 2.1.0 output (`check --format sarif`), for GitHub code scanning and
 * other SARIF viewers. The log validates against the official SARIF 2.1.0
 * JSON schema (a test checks it).
 */
import type * as sarif from "sarif";
import { catalogue } from "../catalogue.js";
import type { Diagnostic, Severity, Span } from "../diagnostic.js";

/** The part of a catalogue entry SARIF rule metadata is made from. */
export interface RuleSource {
  readonly code: string;
  readonly severity: Severity;
  readonly template: string;
  readonly hint?: string;
}

/** Options of `formatSarif`. */
export interface SarifFormatOptions {
  /** rolecraft's version (`tool.driver.version`). */
  readonly toolVersion: string;
  /** The catalogue rule metadata is taken from, keyed by message id (default: rolecraft's own). */
  readonly rules?: Readonly<Record<string, RuleSource>>;
  /** `tool.driver.informationUri` (default: the npm package page). */
  readonly informationUri?: string;
}

/** The `$schema` a SARIF 2.1.0 log names. */
export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";

/** Where SARIF viewers find out about rolecraft, unless `informationUri` says otherwise. */
export const DEFAULT_INFORMATION_URI = "https://www.npmjs.com/package/rolecraft";

/** The symbolic root relative artifact URIs are resolved against (the checkout, for GitHub). */
export const SRCROOT = "%SRCROOT%";

/**
 * Builds the SARIF log (plain data): one run of the tool `rolecraft` whose
 * `rules` are the catalogue entries the results use, sorted by code (`id` =
 * code, `name` = message id in PascalCase, `shortDescription` = the message
 * template, `help` = the hint template when it says more than a placeholder,
 * `defaultConfiguration.level` = the catalogue severity). Results keep the
 * given order and carry `ruleId`, `ruleIndex`, `level` (error, warning, note),
 * the message, the location and related locations (each with its message);
 * the rendered hint and the message data go into the result's `properties`.
 * Relative paths become URIs relative to `%SRCROOT%` (forward slashes,
 * percent-encoded); absolute paths become `file:` URIs. Columns count UTF-16
 * code units (`columnKind: utf16CodeUnits`), as everywhere in rolecraft.
 * Nothing depends on time or the machine, so equal input gives equal output.
 */
export function sarifLog(diagnostics: readonly Diagnostic[], options: SarifFormatOptions): sarif.Log {
  const byCode = new Map<string, { readonly id: string; readonly entry: RuleSource }>();
  for (const [id, entry] of Object.entries(options.rules ?? catalogue)) {
    if (!byCode.has(entry.code)) byCode.set(entry.code, { id, entry });
  }

  const codes = [...new Set(diagnostics.map((d) => d.code))].sort(compareCodes);
  const ruleIndex = new Map(codes.map((code, i) => [code, i]));
  const rules = codes.map((code) => ruleDescriptor(code, byCode.get(code)));

  const results = diagnostics.map((d): sarif.Result => {
    const properties: sarif.PropertyBag = { ...(d.hint === undefined ? {} : { hint: d.hint }), data: d.data };
    return {
      ruleId: d.code,
      ruleIndex: ruleIndex.get(d.code) ?? -1,
      level: LEVEL[d.severity],
      message: { text: d.message },
      locations: [{ physicalLocation: physicalLocation(d.span) }],
      ...(d.related === undefined || d.related.length === 0
        ? {}
        : {
            relatedLocations: d.related.map((r) => ({
              physicalLocation: physicalLocation(r.span),
              message: { text: r.message },
            })),
          }),
      properties,
    };
  });

  return {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "rolecraft",
            informationUri: options.informationUri ?? DEFAULT_INFORMATION_URI,
            version: options.toolVersion,
            rules,
          },
        },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
}

/** Formats diagnostics as a SARIF 2.1.0 log (see `sarifLog`): 2-space indent, trailing newline. */
export function formatSarif(diagnostics: readonly Diagnostic[], options: SarifFormatOptions): string {
  return JSON.stringify(sarifLog(diagnostics, options), null, 2) + "\n";
}

const LEVEL: Readonly<Record<Severity, sarif.Result.level>> = { error: "error", warning: "warning", info: "note" };

function ruleDescriptor(
  code: string,
  found: { readonly id: string; readonly entry: RuleSource } | undefined,
): sarif.ReportingDescriptor {
  // A code missing from the catalogue (a stage ahead of it) still gets a rule,
  // so ruleIndex stays valid.
  if (found === undefined) return { id: code };
  const { id, entry } = found;
  const hint = entry.hint;
  return {
    id: code,
    name: id.charAt(0).toUpperCase() + id.slice(1),
    shortDescription: { text: entry.template },
    // A hint that is nothing but a placeholder ("{suggestion}") means nothing
    // without its data, so it is no help text.
    ...(hint === undefined || hint.replace(/\{\w+\}/g, "").trim() === "" ? {} : { help: { text: hint } }),
    defaultConfiguration: { level: LEVEL[entry.severity] },
  };
}

function physicalLocation(span: Span): sarif.PhysicalLocation {
  const startLine = Math.max(1, span.line);
  const startColumn = Math.max(1, span.column);
  return {
    artifactLocation: artifactLocation(span.file),
    region: {
      startLine,
      startColumn,
      endLine: Math.max(startLine, span.endLine),
      endColumn: Math.max(1, span.endColumn),
    },
  };
}

/**
 * The artifact location of a file name: a relative path becomes a
 * percent-encoded URI reference with forward slashes, relative to
 * `%SRCROOT%`; an absolute path (POSIX or `C:\…`) becomes a `file:` URI.
 */
export function artifactLocation(file: string): sarif.ArtifactLocation {
  const path = wellFormed(file).replace(/\\/g, "/");
  const drive = /^([A-Za-z]:)\//.exec(path);
  if (drive !== null && drive[1] !== undefined) {
    return { uri: `file:///${drive[1]}${encodePath(path.slice(drive[1].length))}` };
  }
  if (path.startsWith("/")) return { uri: `file://${encodePath(path)}` };
  return { uri: encodePath(path.replace(/^(\.\/)+/, "")), uriBaseId: SRCROOT };
}

/** Percent-encodes each segment of a `/`-separated path (`:` too, so no segment reads as a scheme). */
function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

/** Replaces lone surrogates (which `encodeURIComponent` rejects) with U+FFFD. */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
