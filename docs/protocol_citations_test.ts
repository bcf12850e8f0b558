/**
 * Code cites the protocol reference by section name, as `docs/protocol.md "Encoding"`. These
 * tests read every `.ts` and `.md` file of the repository and the fixtures (`fixtures/*.json`,
 * whose `source` cites the sections they were written from) and fail on a citation whose section
 * does not exist in `docs/protocol.md`, and on the numbered form the project used before the
 * document was in the repository.
 *
 * @module
 */
import assert from "node:assert/strict";

const ROOT = new URL("../", import.meta.url);
const DOC = "docs/protocol.md";
/** Directories that hold no project source. */
const SKIPPED_DIRECTORIES = new Set([".git", "node_modules", "npm"]);

/** The one citation form: the document's path, a space, the section's heading in double quotes. */
const CITATION = /docs\/protocol\.md \\?"([^"\\\n]+)\\?"/g;
/**
 * The numbered form: a section sign and a number, with or without "protocol" before it (the sign
 * is written as an escape so that this file does not match itself).
 */
const NUMBERED = new RegExp("\\u00a7 ?[0-9]", "g");

/** The headings of a markdown text (any level), outside fenced code blocks. */
function headingsOf(markdown: string): string[] {
  const headings: string[] = [];
  let inFence = false;
  for (const line of markdown.split("\n")) {
    if (/^\s*```/.test(line)) inFence = !inFence;
    const match = inFence ? null : /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (match) headings.push(match[1]);
  }
  return headings;
}

/** One problem found in a source file, with where it is. */
interface CitationProblem {
  file: string;
  line: number;
  problem: string;
}

/** The citation problems of one file's text, given the document's headings. */
function citationProblems(
  file: string,
  text: string,
  headings: ReadonlySet<string>,
): CitationProblem[] {
  const problems: CitationProblem[] = [];
  text.split("\n").forEach((line, index) => {
    for (const match of line.matchAll(NUMBERED)) {
      problems.push({
        file,
        line: index + 1,
        problem: `numbered citation "${match[0]}…": cite the section by name, ${DOC} "Name"`,
      });
    }
    for (const match of line.matchAll(CITATION)) {
      if (!headings.has(match[1])) {
        problems.push({
          file,
          line: index + 1,
          problem: `cites ${DOC} "${match[1]}", which has no such section`,
        });
      }
    }
  });
  return problems;
}

/** Whether a file can hold citations: source, documentation, fixtures. */
function isCitingFile(path: string): boolean {
  return path.endsWith(".ts") || path.endsWith(".md") ||
    (path.startsWith("fixtures/") && path.endsWith(".json"));
}

/** Every file under the repository root that can hold citations, as paths relative to it. */
async function sourceFiles(): Promise<string[]> {
  const files: string[] = [];
  async function walk(dir: string): Promise<void> {
    for await (const entry of Deno.readDir(new URL(dir, ROOT))) {
      const path = `${dir}${entry.name}`;
      if (entry.isDirectory && !SKIPPED_DIRECTORIES.has(entry.name)) await walk(`${path}/`);
      else if (entry.isFile && isCitingFile(path)) files.push(path);
    }
  }
  await walk("");
  return files.sort();
}

async function documentHeadings(): Promise<string[]> {
  return headingsOf(await Deno.readTextFile(new URL(DOC, ROOT)));
}

Deno.test("protocol citations: the checker reports an unknown section and the numbered form", () => {
  const headings = new Set(
    headingsOf("# Title\n\n## Subscribe envelopes\n\n```\n## Not a heading\n```\n"),
  );
  assert.deepEqual([...headings], ["Title", "Subscribe envelopes"]);
  const text = [
    `// fine: ${DOC} "Subscribe envelopes"`,
    `{ "source": "${DOC} \\"Subscribe envelopes\\", ${DOC} \\"Not here\\"" }`,
    `// unknown: ${DOC} "Not a heading"`,
    "// old: protocol \u00a74, and protocol.md \u00a76, and a bare (\u00a7 7)",
  ].join("\n");
  assert.deepEqual(citationProblems("a.ts", text, headings).map((p) => [p.line, p.problem]), [
    [2, `cites ${DOC} "Not here", which has no such section`],
    [3, `cites ${DOC} "Not a heading", which has no such section`],
    [4, `numbered citation "\u00a74…": cite the section by name, ${DOC} "Name"`],
    [4, `numbered citation "\u00a76…": cite the section by name, ${DOC} "Name"`],
    [4, `numbered citation "\u00a7 7…": cite the section by name, ${DOC} "Name"`],
  ]);
});

Deno.test("protocol citations: every section name in docs/protocol.md is unique", async () => {
  const headings = await documentHeadings();
  const repeated = headings.filter((heading, index) => headings.indexOf(heading) !== index);
  assert.deepEqual(repeated, [], `headings must name one section each: ${repeated.join(", ")}`);
});

Deno.test("protocol citations: code, docs and fixtures cite only sections that exist, by name", async () => {
  const headings = new Set(await documentHeadings());
  const files = await sourceFiles();
  const problems: CitationProblem[] = [];
  let citations = 0;
  for (const file of files) {
    const text = await Deno.readTextFile(new URL(file, ROOT));
    citations += [...text.matchAll(CITATION)].length;
    problems.push(...citationProblems(file, text, headings));
  }
  assert.deepEqual(
    problems.map(({ file, line, problem }) => `${file}:${line}: ${problem}`),
    [],
    `${problems.length} bad protocol citations; the sections are: ${[...headings].join(" | ")}`,
  );
  // The walk reached the code: the engines alone cite the document a dozen times.
  assert.ok(citations >= 30, `only ${citations} citations found in ${files.length} files`);
});
