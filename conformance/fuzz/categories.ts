/**
 * The status categories a failure may carry: those of docs/protocol.md "Statuses and operations".
 *
 * @module
 */
import { PNStatusCategory } from "../../src/core/categories.ts";
/**
 * Every category a status may have; anything else is a fuzz finding.
 *
 * @example
 * ```ts
 * import { KNOWN_CATEGORIES } from "./categories.ts";
 * KNOWN_CATEGORIES.has("PNTimeoutCategory"); // true
 * ```
 */
export const KNOWN_CATEGORIES: ReadonlySet<string> = new Set<string>(
  Object.values(PNStatusCategory),
);
