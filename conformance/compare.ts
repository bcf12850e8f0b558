/**
 * Comparison with readable diffs: every difference is one line naming where it is
 * (`exchange #3 [subscribe] request.query.tt`, `statuses[1].category`) and what was expected
 * versus what was seen.
 *
 * @module
 */

/**
 * Shows a value in a diff: JSON, or `(absent)` for `undefined`, shortened when long.
 *
 * @example
 * ```ts
 * import { show } from "./compare.ts";
 * show(undefined); // "(absent)"
 * show("a"); // "\"a\""
 * ```
 */
export function show(value: unknown): string {
  if (value === undefined) return "(absent)";
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Compares `actual` with `expected` as a subset: objects compare only the keys `expected` has,
 * arrays compare length and each element, other values compare with `Object.is` (`null` in the
 * expectation also accepts an absent value). Appends one line per difference to `diffs`.
 *
 * @example
 * ```ts
 * import { matchSubset } from "./compare.ts";
 * const diffs: string[] = [];
 * matchSubset({ category: "A" }, { category: "B", extra: 1 }, "statuses[0]", diffs);
 * diffs; // ['statuses[0].category: expected "A" but got "B"']
 * ```
 */
export function matchSubset(
  expected: unknown,
  actual: unknown,
  where: string,
  diffs: string[],
): void {
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) {
      diffs.push(`${where}: expected an object ${show(expected)} but got ${show(actual)}`);
      return;
    }
    for (const [key, value] of Object.entries(expected)) {
      matchSubset(value, actual[key], `${where}.${key}`, diffs);
    }
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) {
      diffs.push(`${where}: expected an array ${show(expected)} but got ${show(actual)}`);
      return;
    }
    if (actual.length !== expected.length) {
      diffs.push(
        `${where}: expected ${expected.length} element(s) ${
          show(expected)
        } but got ${actual.length} ${show(actual)}`,
      );
      return;
    }
    expected.forEach((item, i) => matchSubset(item, actual[i], `${where}[${i}]`, diffs));
    return;
  }
  if (expected === null && (actual === null || actual === undefined)) return;
  if (!Object.is(expected, actual)) {
    diffs.push(`${where}: expected ${show(expected)} but got ${show(actual)}`);
  }
}

/**
 * Compares two ordered lists of observations: the length, then each element as a subset. On a
 * length difference the first element that differs is named and both lists are shown.
 *
 * @example
 * ```ts
 * import { matchList } from "./compare.ts";
 * const diffs: string[] = [];
 * matchList([{ message: 1 }, { message: 2 }], [{ message: 1 }], "messages", diffs);
 * diffs[0]; // 'messages: expected 2 item(s) but got 1; first difference at [1]: expected {"message":2} but got (absent)'
 * ```
 */
export function matchList(
  expected: readonly unknown[],
  actual: readonly unknown[],
  where: string,
  diffs: string[],
): void {
  if (expected.length !== actual.length) {
    let first = 0;
    while (first < Math.min(expected.length, actual.length)) {
      const probe: string[] = [];
      matchSubset(expected[first], actual[first], "", probe);
      if (probe.length > 0) break;
      first++;
    }
    diffs.push(
      `${where}: expected ${expected.length} item(s) but got ${actual.length}; first difference at [${first}]: expected ${
        show(expected[first])
      } but got ${show(actual[first])}`,
    );
    return;
  }
  expected.forEach((item, i) => matchSubset(item, actual[i], `${where}[${i}]`, diffs));
}

/**
 * Compares two lists of names exactly, naming the first index that differs and showing both
 * lists (engine logs).
 *
 * @example
 * ```ts
 * import { matchNames } from "./compare.ts";
 * const diffs: string[] = [];
 * matchNames(["A", "B"], ["A", "C"], "engine.subscribe", diffs);
 * diffs[0].startsWith('engine.subscribe[1]: expected "B" but got "C"'); // true
 * ```
 */
export function matchNames(
  expected: readonly string[],
  actual: readonly string[],
  where: string,
  diffs: string[],
): void {
  const length = Math.max(expected.length, actual.length);
  for (let i = 0; i < length; i++) {
    if (expected[i] !== actual[i]) {
      diffs.push(
        `${where}[${i}]: expected ${show(expected[i])} but got ${show(actual[i])}\n` +
          `    expected: ${expected.join(", ")}\n    actual:   ${actual.join(", ")}`,
      );
      return;
    }
  }
}
