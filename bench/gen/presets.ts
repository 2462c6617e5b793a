/** The sizes of the generated applications. */

/** What a preset promises; the generator produces exactly these counts. */
export interface Preset {
  readonly name: PresetName;
  /** Roles defined by the generated role modules (the 8 built-in `core` roles not counted). */
  readonly roles: number;
  readonly userTypes: number;
  /** Concrete (non-abstract) actor classes. */
  readonly actors: number;
  /** TypeScript files under `app/src` (actor files, bases, shared requirements, barrels). */
  readonly files: number;
  /** Plugins: one role module and one application folder each. */
  readonly plugins: number;
}

export const PRESET_NAMES = ["S", "M", "L", "XL"] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export const PRESETS: Readonly<Record<PresetName, Preset>> = {
  S: { name: "S", roles: 60, userTypes: 16, actors: 300, files: 35, plugins: 6 },
  M: { name: "M", roles: 500, userTypes: 100, actors: 3_000, files: 330, plugins: 30 },
  L: { name: "L", roles: 2_000, userTypes: 300, actors: 20_000, files: 2_000, plugins: 120 },
  XL: { name: "XL", roles: 8_000, userTypes: 1_200, actors: 80_000, files: 8_000, plugins: 480 },
};

export function isPresetName(value: string): value is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(value);
}

/** The deepest inheritance chain below `core.UserRole` (core.UserRole itself has depth 0). */
export const MAX_DEPTH = 8;
