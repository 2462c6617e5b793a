/**
 * The handlebars templates of the generated code, read once from the
 * package's `templates/` folder (logic-free: they are fed a prepared view model).
 */
import type Handlebars from "handlebars";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const templatesDir = fileURLToPath(new URL("../../templates/", import.meta.url));
const cache = new Map<string, Handlebars.TemplateDelegate>();
// Loaded on the first render: `check` asks the code generator for its diagnostics only and never renders.
let handlebars: typeof Handlebars | undefined;

/** Renders `templates/<name>` with a view model. */
export function renderTemplate(name: string, view: object): string {
  let template = cache.get(name);
  if (template === undefined) {
    handlebars ??= (createRequire(import.meta.url)("handlebars") as typeof Handlebars).create();
    template = handlebars.compile(readFileSync(templatesDir + name, "utf8"), { noEscape: true, strict: true });
    cache.set(name, template);
  }
  return template(view);
}
