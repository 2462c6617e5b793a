/** Validation of SARIF output against the official SARIF 2.1.0 schema (draft-07), for every test that checks a SARIF report. */
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { fixturePath } from "../report/lino-model.js";

const sarifSchema: unknown = JSON.parse(readFileSync(fixturePath("sarif/sarif-schema-2.1.0.json"), "utf8"));

/** "" when the log is valid SARIF 2.1.0, else what the schema says, one complaint a line. */
export function sarifErrors(log: unknown): string {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const validate = ajv.compile(sarifSchema as object);
  return validate(log) ? "" : ajv.errorsText(validate.errors, { separator: "\n" });
}
