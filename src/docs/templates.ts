/**
 * The documentation templates: their names, the built-in set (the package's
 * `templates/docs/` folder) and their rendering. Templates are logic-free
 * handlebars fed a prepared view model; Markdown and reStructuredText ones
 * are rendered without escaping (the view model holds text already escaped
 * for its format), the HTML one with handlebars' HTML escaping.
 */
import type Handlebars from "handlebars";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/** Every template of a documentation tree; a custom `--templates` folder may replace any of them. */
export const DOC_TEMPLATE_NAMES = [
  "index.md.hbs",
  "user-types.md.hbs",
  "user-roles.md.hbs",
  "roles.md.hbs",
  "plugin.md.hbs",
  "index.rst.hbs",
  "user-types.rst.hbs",
  "user-roles.rst.hbs",
  "roles.rst.hbs",
  "plugin.rst.hbs",
  "report.html.hbs",
  "report.css",
  "report.js",
] as const;

/** The name of one documentation template. */
export type DocTemplateName = (typeof DOC_TEMPLATE_NAMES)[number];

/** The text of every template. `report.css` and `report.js` are inlined into the report as they are. */
export type DocTemplates = Readonly<Record<DocTemplateName, string>>;

/** True when `name` is the name of a documentation template. */
export function isDocTemplateName(name: string): name is DocTemplateName {
  return (DOC_TEMPLATE_NAMES as readonly string[]).includes(name);
}

/** The folder of the built-in templates, inside the installed package. */
export const BUILTIN_DOC_TEMPLATES_DIR = fileURLToPath(new URL("../../templates/docs/", import.meta.url));

let builtin: DocTemplates | undefined;

/** The built-in templates (`templates/docs/` of the package), read once. */
export function builtinDocTemplates(): DocTemplates {
  if (builtin === undefined) {
    const entries = DOC_TEMPLATE_NAMES.map((name) => [name, readFileSync(BUILTIN_DOC_TEMPLATES_DIR + name, "utf8")] as const);
    builtin = Object.fromEntries(entries) as Record<DocTemplateName, string>;
  }
  return builtin;
}

/** A template that does not compile or does not fit the view model (e.g. names a field that does not exist). */
export class DocsTemplateError extends Error {
  override readonly name = "DocsTemplateError";
  constructor(
    readonly template: DocTemplateName,
    detail: string,
  ) {
    super(`template ${template}: ${detail}`);
  }
}

interface Instances {
  readonly handlebars: typeof Handlebars;
  readonly text: typeof Handlebars;
  readonly html: typeof Handlebars;
}

// Loaded on the first render: importing the library (or the docs module) loads no handlebars.
let instances: Instances | undefined;

function handlebarsInstances(): Instances {
  if (instances === undefined) {
    const handlebars = createRequire(import.meta.url)("handlebars") as typeof Handlebars;
    const text = handlebars.create();
    const html = handlebars.create();
    // `{{log …}}` would print to rolecraft's stdout (console.info) or stderr: a template writes files, nothing else.
    for (const instance of [text, html]) instance.unregisterHelper("log");
    instances = { handlebars, text, html };
  }
  return instances;
}
const compiled = new Map<string, Handlebars.TemplateDelegate>();

/**
 * Renders one template with a view model. Strict mode: a field the view
 * model lacks is an error, not an empty string, so a typo in a custom
 * template is reported instead of silently dropping text.
 */
export function renderDocTemplate(name: DocTemplateName, source: string, view: object): string {
  const html = name.endsWith(".html.hbs");
  const key = `${html ? "h" : "t"}\u0000${source}`;
  let template = compiled.get(key);
  try {
    if (template === undefined) {
      const { text, html: htmlInstance } = handlebarsInstances();
      template = (html ? htmlInstance : text).compile(source, { noEscape: !html, strict: true });
      compiled.set(key, template);
    }
    return quietly(name, template, view);
  } catch (error) {
    if (error instanceof DocsTemplateError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new DocsTemplateError(name, message.replace(/\s+/g, " ").trim());
  }
}

/**
 * Renders with handlebars' logger (shared by every handlebars instance of
 * the process, and writing to the console) turned into an error of the
 * template: whatever a template makes handlebars say, e.g. about a property
 * it may not read, is reported instead of printed.
 */
function quietly(name: DocTemplateName, template: Handlebars.TemplateDelegate, view: object): string {
  const logger = handlebarsInstances().handlebars.logger;
  const print = logger.log;
  let said: string | undefined;
  logger.log = (_level: number | string, ...message: unknown[]): void => {
    said ??= message.map(String).join(" ");
  };
  try {
    const text = template(view);
    if (said !== undefined) throw new DocsTemplateError(name, said.replace(/\s+/g, " ").trim());
    return text;
  } finally {
    logger.log = print;
  }
}
