import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";

/** The parts of a diagnostic a golden test asserts: code, position and data (never wording). */
export interface ExpectedDiagnostic {
  readonly code: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly data?: Record<string, string | number>;
  readonly related?: readonly { readonly line: number; readonly column: number }[];
}

/** Projects a diagnostic onto what goldens compare. */
export function expectedForm(d: Diagnostic): ExpectedDiagnostic {
  return {
    code: d.code,
    file: d.span.file,
    line: d.span.line,
    column: d.span.column,
    data: { ...d.data },
    ...(d.related === undefined ? {} : { related: d.related.map((r) => ({ line: r.span.line, column: r.span.column })) }),
  };
}
