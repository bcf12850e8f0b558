/**
 * A compiled filter expression: tells whether an envelope with this meta and payload passes.
 *
 * @example
 * ```ts
 * import { parseFilter } from "./filter.ts";
 * const parsed = parseFilter("meta.lang == 'en'");
 * if (parsed.ok) parsed.filter({ meta: { lang: "en" }, data: "hi" }); // true
 * ```
 */
export type Filter = (subject: FilterSubject) => boolean;

/**
 * What a filter looks at: `meta.*` (bare names too) and `data.*`.
 *
 * @example
 * ```ts
 * import type { FilterSubject } from "./filter.ts";
 * const s: FilterSubject = { meta: { n: 1 }, data: { text: "hi" } };
 * ```
 */
export interface FilterSubject {
  /** Publish meta (`u`). */
  meta: unknown;
  /** Payload (`d`). */
  data: unknown;
}

/**
 * The outcome of {@link parseFilter}.
 *
 * @example
 * ```ts
 * import type { FilterParseResult } from "./filter.ts";
 * const bad: FilterParseResult = { ok: false, error: "unexpected end of expression" };
 * ```
 */
export type FilterParseResult = { ok: true; filter: Filter } | { ok: false; error: string };

type Token =
  | { kind: "ident"; text: string; at: number }
  | { kind: "string"; value: string; glob: Glob; at: number }
  | { kind: "number"; value: number; at: number }
  | { kind: "op"; text: string; at: number }
  | { kind: "end"; at: number };

type Operand = (subject: FilterSubject) => unknown;

const MAX_LENGTH = 4096;
const MAX_DEPTH = 64;

/**
 * Parses a subscribe filter expression (docs/protocol.md "Filter expressions"): comparisons
 * `== != < > <= >=`, `LIKE` with `*` wildcards (case-insensitive; `\*` in the quoted pattern is a
 * literal star), `CONTAINS`, combined with `&&`, `||`, `!` and parentheses. Operands are `meta.x.y`
 * (or bare `x.y`, which means meta), `data.x.y`, quoted strings, numbers, `true`/`false`/`null`. A
 * recursive-descent parser; never throws. LIKE patterns are compiled here, and matched in time
 * linear in the subject per pattern segment (no backtracking regular expression).
 *
 * @example
 * ```ts
 * import { parseFilter } from "./filter.ts";
 * const r = parseFilter("(count > 3 || data.tag LIKE 'ne*') && !(meta.lang == \"fr\")");
 * r.ok; // true
 * parseFilter("a ==").ok; // false
 * ```
 */
export function parseFilter(text: string): FilterParseResult {
  if (text.length > MAX_LENGTH) return { ok: false, error: `expression longer than ${MAX_LENGTH}` };
  const lexed = tokenize(text);
  if (!lexed.ok) return lexed;
  const parser = new Parser(lexed.tokens);
  try {
    const filter = parser.expression(0);
    parser.expectEnd();
    return { ok: true, filter };
  } catch (error) {
    if (error instanceof FilterSyntaxError) return { ok: false, error: error.message };
    throw error;
  }
}

class FilterSyntaxError extends Error {}

function tokenize(text: string): { ok: true; tokens: Token[] } | { ok: false; error: string } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const at = i;
    if (c === "'" || c === '"') {
      // A backslash takes the next character literally (`\'`, `\\`, and `\*`: a star that
      // LIKE matches literally); an unescaped `*` is a LIKE wildcard. `value` is the text.
      let value = "";
      const parts: string[] = [];
      let part = "";
      i++;
      while (i < text.length && text[i] !== c) {
        if (text[i] === "\\" && i + 1 < text.length) {
          i++;
        } else if (text[i] === "*") {
          parts.push(part);
          part = "";
          value += text[i++];
          continue;
        }
        part += text[i];
        value += text[i++];
      }
      if (i >= text.length) return { ok: false, error: `unterminated string at ${at}` };
      i++;
      parts.push(part);
      tokens.push({ kind: "string", value, glob: compileGlob(parts), at });
      continue;
    }
    const number = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (number && (c !== "-" || /\d/.test(text[i + 1] ?? ""))) {
      tokens.push({ kind: "number", value: Number(number[0]), at });
      i += number[0].length;
      continue;
    }
    const op = /^(==|!=|<=|>=|&&|\|\||<|>|!|\(|\))/.exec(text.slice(i));
    if (op) {
      tokens.push({ kind: "op", text: op[0], at });
      i += op[0].length;
      continue;
    }
    const ident = /^[A-Za-z_$][\w$]*(\.[\w$]+|\[\d+\])*/.exec(text.slice(i));
    if (ident) {
      tokens.push({ kind: "ident", text: ident[0], at });
      i += ident[0].length;
      continue;
    }
    return { ok: false, error: `unexpected character ${JSON.stringify(c)} at ${at}` };
  }
  tokens.push({ kind: "end", at: text.length });
  return { ok: true, tokens };
}

const COMPARATORS = new Set(["==", "!=", "<", ">", "<=", ">="]);

class Parser {
  readonly #tokens: Token[];
  #pos = 0;

  constructor(tokens: Token[]) {
    this.#tokens = tokens;
  }

  expectEnd(): void {
    const token = this.#peek();
    if (token.kind !== "end") {
      throw new FilterSyntaxError(`unexpected ${describe(token)} at ${token.at}`);
    }
  }

  // or := and ('||' and)*
  expression(depth: number): Filter {
    if (depth > MAX_DEPTH) throw new FilterSyntaxError("expression nested too deeply");
    let left = this.#and(depth);
    while (this.#isOp("||")) {
      this.#pos++;
      const l = left, r = this.#and(depth);
      left = (s) => l(s) || r(s);
    }
    return left;
  }

  // and := unary ('&&' unary)*
  #and(depth: number): Filter {
    let left = this.#unary(depth);
    while (this.#isOp("&&")) {
      this.#pos++;
      const l = left, r = this.#unary(depth);
      left = (s) => l(s) && r(s);
    }
    return left;
  }

  // unary := '!' unary | '(' expression ')' | comparison
  #unary(depth: number): Filter {
    if (this.#isOp("!")) {
      this.#pos++;
      const inner = this.#unary(depth + 1);
      return (s) => !inner(s);
    }
    if (this.#isOp("(")) {
      this.#pos++;
      const inner = this.expression(depth + 1);
      if (!this.#isOp(")")) {
        const token = this.#peek();
        throw new FilterSyntaxError(`expected ")" at ${token.at}, got ${describe(token)}`);
      }
      this.#pos++;
      return inner;
    }
    return this.#comparison();
  }

  // comparison := operand (comparator | LIKE | CONTAINS) operand
  #comparison(): Filter {
    const left = this.#operand();
    const token = this.#peek();
    let op: string | undefined;
    if (token.kind === "op" && COMPARATORS.has(token.text)) op = token.text;
    if (token.kind === "ident" && /^(like|contains)$/i.test(token.text)) {
      op = token.text.toUpperCase();
    }
    if (op === undefined) {
      throw new FilterSyntaxError(`expected a comparison at ${token.at}, got ${describe(token)}`);
    }
    this.#pos++;
    const patternToken = this.#peek();
    const right = this.#operand();
    if (op === "LIKE") {
      // A literal pattern is compiled once, here; one read from the message is compiled per
      // evaluation (in linear time, so a hostile pattern costs no more than its length).
      const glob = patternToken.kind === "string" ? patternToken.glob : undefined;
      return (s) => {
        const text = left(s);
        if (typeof text !== "string") return false;
        if (glob !== undefined) return globMatch(glob, text);
        const pattern = right(s);
        return typeof pattern === "string" && globMatch(parseGlob(pattern), text);
      };
    }
    return (s) => compare(op!, left(s), right(s));
  }

  #operand(): Operand {
    const token = this.#tokens[this.#pos];
    if (token.kind === "string" || token.kind === "number") {
      this.#pos++;
      const value = token.value;
      return () => value;
    }
    if (token.kind === "ident" && !/^(like|contains)$/i.test(token.text)) {
      this.#pos++;
      if (token.text === "true") return () => true;
      if (token.text === "false") return () => false;
      if (token.text === "null") return () => null;
      return pathReader(token.text);
    }
    throw new FilterSyntaxError(`expected a value at ${token.at}, got ${describe(token)}`);
  }

  #peek(): Token {
    return this.#tokens[this.#pos];
  }

  #isOp(text: string): boolean {
    const token = this.#tokens[this.#pos];
    return token.kind === "op" && token.text === text;
  }
}

function describe(token: Token): string {
  switch (token.kind) {
    case "end":
      return "end of expression";
    case "op":
    case "ident":
      return JSON.stringify(token.text);
    default:
      return JSON.stringify(token.value);
  }
}

function pathReader(path: string): Operand {
  const parts = path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== "");
  let root: "meta" | "data" = "meta";
  if (parts[0] === "meta" || parts[0] === "data") root = parts.shift() as "meta" | "data";
  return (subject) => {
    let value: unknown = subject[root];
    for (const part of parts) {
      if (value === null || typeof value !== "object") return undefined;
      if (!Object.hasOwn(value, part)) return undefined;
      value = (value as Record<string, unknown>)[part];
    }
    return value;
  };
}

function compare(op: string, left: unknown, right: unknown): boolean {
  switch (op) {
    case "==":
      return equals(left, right);
    case "!=":
      return !equals(left, right);
    case "CONTAINS":
      if (Array.isArray(left)) return left.some((item) => equals(item, right));
      if (typeof left === "string" && (typeof right === "string" || typeof right === "number")) {
        return left.includes(String(right));
      }
      return false;
    default: {
      const a = asNumber(left), b = asNumber(right);
      if (a !== undefined && b !== undefined) return ordered(op, a, b);
      if (typeof left === "string" && typeof right === "string") return ordered(op, left, right);
      return false;
    }
  }
}

function ordered<T extends number | string>(op: string, a: T, b: T): boolean {
  if (op === "<") return a < b;
  if (op === ">") return a > b;
  if (op === "<=") return a <= b;
  return a >= b;
}

// Meta values often arrive as strings ("5"); numbers compare by value either way.
function equals(left: unknown, right: unknown): boolean {
  if (left === undefined || right === undefined) return false;
  if (typeof left === "number" || typeof right === "number") {
    const a = asNumber(left), b = asNumber(right);
    return a !== undefined && b !== undefined && a === b;
  }
  return left === right;
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && value.trim() !== "") {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/**
 * A compiled LIKE pattern: the literal segments between its wildcards, lower-cased (LIKE ignores
 * case). `["ab"]` is an exact match; `["a", "", "b"]` is `a**b`.
 */
interface Glob {
  parts: readonly string[];
}

function compileGlob(parts: readonly string[]): Glob {
  return { parts: parts.map((part) => part.toLowerCase()) };
}

// A pattern read from the message at evaluation time: the same syntax as a quoted pattern.
function parseGlob(pattern: string): Glob {
  const parts: string[] = [];
  let part = "";
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === "\\" && i + 1 < pattern.length) part += pattern[++i];
    else if (pattern[i] === "*") {
      parts.push(part);
      part = "";
    } else part += pattern[i];
  }
  parts.push(part);
  return compileGlob(parts);
}

/**
 * Case-insensitive glob match without backtracking blow-up: the first segment must be a prefix,
 * the last a suffix, and each middle segment is taken at its leftmost occurrence after the
 * previous one. This is the two-pointer matcher that backtracks only to the last `*`, in segment
 * form: taking the leftmost occurrence is never worse, because whatever a later segment could
 * match after a later occurrence it can also match after an earlier one. One forward pass over
 * the text per segment (`indexOf`), so `*a*a*...*b` on a long run of `a`s is cheap.
 */
function globMatch(glob: Glob, subject: string): boolean {
  const text = subject.toLowerCase();
  const parts = glob.parts;
  if (parts.length === 1) return text === parts[0];
  const first = parts[0], last = parts[parts.length - 1];
  const end = text.length - last.length;
  if (end < first.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  let at = first.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i];
    if (part === "") continue;
    const found = text.indexOf(part, at);
    if (found < 0 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}
