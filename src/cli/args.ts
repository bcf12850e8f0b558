/**
 * The CLI's argument parser: each subcommand declares its positionals and flags once, and the
 * same declaration parses the arguments and writes the `--help` text.
 *
 * @module
 */

/**
 * Bad usage: an unknown flag, a missing argument, a value that does not parse. The CLI prints
 * the message and the subcommand's usage line, and exits with 2.
 *
 * @example
 * ```ts
 * import { UsageError } from "./args.ts";
 * new UsageError("unknown flag --colour").message; // "unknown flag --colour"
 * ```
 */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * One flag: `--name VALUE` (`string`, `integer`, `list` may repeat) or `--name` (`boolean`,
 * which also takes `--no-name`).
 *
 * @example
 * ```ts
 * import type { FlagSpec } from "./args.ts";
 * const port: FlagSpec = { name: "port", kind: "integer", value: "N", help: "port to bind" };
 * ```
 */
export interface FlagSpec {
  /** The name without dashes. */
  name: string;
  /** What the flag holds. */
  kind: "string" | "integer" | "boolean" | "list";
  /** The placeholder shown in help (`N`, `FILE`). */
  value?: string;
  /** One line for `--help`. */
  help: string;
  /** Other names (without dashes) that mean the same flag. */
  aliases?: string[];
}

/**
 * A subcommand's declaration.
 *
 * @example
 * ```ts
 * import type { CommandSpec } from "./args.ts";
 * const time: CommandSpec = { name: "time", summary: "prints the service's time", positionals: [], flags: [] };
 * ```
 */
export interface CommandSpec {
  /** The subcommand's name. */
  name: string;
  /** One line: what it does. */
  summary: string;
  /** Positional arguments in order; `variadic` takes the rest (at least one when required). */
  positionals: Array<{ name: string; required: boolean; variadic?: boolean }>;
  /** Its flags. */
  flags: FlagSpec[];
  /** Further lines for `--help` (examples, notes). */
  notes?: string[];
}

/**
 * Parsed arguments: positionals in order and flag values by name (lists as arrays).
 *
 * @example
 * ```ts
 * import type { ParsedArgs } from "./args.ts";
 * const parsed: ParsedArgs = { positionals: ["room"], flags: { json: true }, help: false };
 * ```
 */
export interface ParsedArgs {
  /** Positional arguments. */
  positionals: string[];
  /** Flag values: string, number, boolean, or string[] for lists. */
  flags: Record<string, string | number | boolean | string[]>;
  /** Whether `--help` or `-h` was given. */
  help: boolean;
}

/**
 * Parses `argv` against `spec`: `--flag value`, `--flag=value`, `--no-flag`, `--` ends the
 * flags, `-` is a positional (stdin). Throws a {@link UsageError} naming the problem.
 *
 * @example
 * ```ts
 * import { parseArgs } from "./args.ts";
 * const spec = { name: "x", summary: "", positionals: [{ name: "channel", required: true }],
 *   flags: [{ name: "count", kind: "integer" as const, help: "" }] };
 * parseArgs(spec, ["room", "--count=3"]); // { positionals: ["room"], flags: { count: 3 }, help: false }
 * ```
 */
export function parseArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const byName = new Map<string, FlagSpec>();
  for (const flag of spec.flags) {
    byName.set(flag.name, flag);
    for (const alias of flag.aliases ?? []) byName.set(alias, flag);
  }
  const result: ParsedArgs = { positionals: [], flags: {}, help: false };
  let flagsEnded = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (flagsEnded || !arg.startsWith("-") || arg === "-") {
      result.positionals.push(arg);
      continue;
    }
    if (arg === "--") {
      flagsEnded = true;
      continue;
    }
    if (arg === "-h" || arg === "--help") {
      result.help = true;
      continue;
    }
    if (!arg.startsWith("--")) throw new UsageError(`unknown flag ${arg}`);
    const equals = arg.indexOf("=");
    const name = arg.slice(2, equals < 0 ? undefined : equals);
    let value = equals < 0 ? undefined : arg.slice(equals + 1);
    let flag = byName.get(name);
    if (!flag && name.startsWith("no-")) {
      const positive = byName.get(name.slice(3));
      if (positive?.kind === "boolean" && value === undefined) {
        result.flags[positive.name] = false;
        continue;
      }
    }
    if (!flag) throw new UsageError(`unknown flag --${name}${suggest(name, spec)}`);
    if (flag.kind === "boolean") {
      if (value !== undefined) throw new UsageError(`--${name} takes no value (got "${value}")`);
      result.flags[flag.name] = true;
      continue;
    }
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined) {
        throw new UsageError(`--${name} needs a value (${flag.value ?? "VALUE"})`);
      }
    }
    if (flag.kind === "integer") {
      const number = Number(value);
      if (value.trim() === "" || !Number.isInteger(number)) {
        throw new UsageError(`--${name} must be a whole number, not "${value}"`);
      }
      result.flags[flag.name] = number;
    } else if (flag.kind === "list") {
      const list = (result.flags[flag.name] ?? []) as string[];
      list.push(...value.split(",").filter((part) => part !== ""));
      result.flags[flag.name] = list;
    } else {
      result.flags[flag.name] = value;
    }
    flag = undefined;
  }
  if (result.help) return result;
  const declared = spec.positionals;
  const variadic = declared.at(-1)?.variadic === true;
  const required = declared.filter((p) => p.required).length;
  if (result.positionals.length < required) {
    const missing = declared[result.positionals.length];
    throw new UsageError(`missing <${missing.name}>`);
  }
  if (!variadic && result.positionals.length > declared.length) {
    throw new UsageError(
      `unexpected argument "${result.positionals[declared.length]}" (${spec.name} takes ${
        declared.length === 0 ? "none" : declared.map((p) => `<${p.name}>`).join(" ")
      })`,
    );
  }
  return result;
}

function suggest(name: string, spec: CommandSpec): string {
  const close = spec.flags.find((f) =>
    f.name.startsWith(name) || name.startsWith(f.name) || editDistance(name, f.name) <= 2
  );
  return close ? ` (did you mean --${close.name}?)` : ` (see pubnub-ts ${spec.name} --help)`;
}

/** Levenshtein distance, for suggesting the flag a typo meant. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The usage line: `pubnub-ts publish <channel> <message> [flags]`.
 *
 * @example
 * ```ts
 * import { usageLine } from "./args.ts";
 * usageLine({ name: "time", summary: "", positionals: [], flags: [] }); // "pubnub-ts time"
 * ```
 */
export function usageLine(spec: CommandSpec): string {
  const positionals = spec.positionals.map((p) => {
    const name = p.variadic ? `${p.name}...` : p.name;
    return p.required ? `<${name}>` : `[${name}]`;
  });
  return ["pubnub-ts", spec.name, ...positionals, ...(spec.flags.length ? ["[flags]"] : [])]
    .join(" ");
}

/**
 * The `--help` text of a subcommand: summary, usage, flags, notes.
 *
 * @example
 * ```ts
 * import { helpText } from "./args.ts";
 * helpText({ name: "time", summary: "prints the time", positionals: [], flags: [] }).startsWith("pubnub-ts time"); // true
 * ```
 */
export function helpText(spec: CommandSpec, commonFlags: FlagSpec[] = []): string {
  const lines = [`${usageLine(spec)}`, "", `  ${spec.summary}`];
  const flagLines = (flags: FlagSpec[]) =>
    flags.map((f) => {
      const left = `--${f.name}${f.value ? ` ${f.value}` : ""}`;
      const aliases = f.aliases?.length ? ` (also --${f.aliases.join(", --")})` : "";
      return `  ${left.padEnd(28)} ${f.help}${aliases}`;
    });
  if (spec.flags.length) lines.push("", "flags:", ...flagLines(spec.flags));
  if (commonFlags.length) lines.push("", "connection flags:", ...flagLines(commonFlags));
  if (spec.notes?.length) lines.push("", ...spec.notes.map((n) => `  ${n}`));
  return lines.join("\n");
}
