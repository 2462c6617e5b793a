/**
 * Renders arbitrary values for error messages: a string in double quotes, a
 * role class by its id, another class or function by its name, arrays in
 * brackets, everything else as JavaScript would print it.
 */
export function renderValue(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "function": {
      const roleId: unknown = Object.hasOwn(value, "roleId") ? Reflect.get(value, "roleId") : undefined;
      if (typeof roleId === "string") return roleId;
      return value.name === "" ? "<anonymous function>" : value.name;
    }
    case "symbol":
      return value.toString();
    case "undefined":
      return "undefined";
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value)) return `[${value.map((item: unknown) => renderValue(item)).join(", ")}]`;
      if (value instanceof Set) return `Set {${[...value].map((item: unknown) => renderValue(item)).join(", ")}}`;
      try {
        const json = JSON.stringify(value);
        if (json !== undefined) return json;
      } catch {
        // cyclic or otherwise unserializable: fall through to the tag
      }
      return Object.prototype.toString.call(value);
    }
    default:
      // number, bigint, boolean
      return String(value);
  }
}
