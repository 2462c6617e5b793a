/**
 * The handlebars templates of the generated code, read once from the
 * package's `templates/` folder (logic-free: they are fed a prepared view model).
 */
import Handlebars from "handlebars";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const templatesDir = fileURLToPath(new URL("../../templates/", import.meta.url));
const handlebars = Handlebars.create();
const cache = new Map<string, Handlebars.TemplateDelegate>();

/** Renders `templates/<name>` with a view model. */
export function renderTemplate(name: string, view: object): string {
  let template = cache.get(name);
  if (template === undefined) {
    template = handlebars.compile(readFileSync(templatesDir + name, "utf8"), { noEscape: true, strict: true });
    cache.set(name, template);
  }
  return template(view);
}
