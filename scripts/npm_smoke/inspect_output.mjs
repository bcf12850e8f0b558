// Inspects the tsc output in npm/ with the TypeScript compiler's own parser, run by
// scripts/build_npm.ts from its staging directory (where `typescript` is installed):
//
//   node inspect_output.mjs <npm dir> <file>...
//
// 1. In .d.ts files, rewrites relative `.ts` import specifiers to `.js`: tsc's
//    rewriteRelativeImportExtensions rewrites the emitted JavaScript but leaves declarations
//    importing `./x.ts`, which older consumers cannot resolve.
// 2. Prints, as JSON, each file's import specifiers (imports, re-exports, dynamic imports,
//    `import("…")` types, triple-slash references; comments ignored) and the lines where the
//    identifier `Deno` occurs in code (not in comments or strings).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import ts from "typescript";

const [outDir, ...files] = process.argv.slice(2);

function importsOf(text) {
  const info = ts.preProcessFile(text, true, true);
  return [
    ...info.importedFiles.map((f) => f.fileName),
    ...info.referencedFiles.map((f) => f.fileName),
    ...info.typeReferenceDirectives.map((f) => `types:${f.fileName}`),
    ...info.libReferenceDirectives.map((f) => `lib:${f.fileName}`),
  ];
}

function denoLines(file, text) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const lines = [];
  const visit = (node) => {
    if (ts.isIdentifier(node) && node.text === "Deno") {
      lines.push(source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return lines;
}

const report = {};
let rewritten = 0;
for (const file of files) {
  const path = join(outDir, file);
  let text = readFileSync(path, "utf8");
  if (file.endsWith(".d.ts")) {
    const before = text;
    for (const specifier of new Set(importsOf(text))) {
      if (
        /^\.\.?\//.test(specifier) && /\.[cm]?ts$/.test(specifier) &&
        !/\.d\.[cm]?ts$/.test(specifier)
      ) {
        const js = specifier.replace(/\.ts$/, ".js").replace(/\.mts$/, ".mjs").replace(
          /\.cts$/,
          ".cjs",
        );
        for (const quote of [`"`, `'`]) {
          text = text.replaceAll(`${quote}${specifier}${quote}`, `${quote}${js}${quote}`);
        }
      }
    }
    if (text !== before) {
      writeFileSync(path, text);
      rewritten++;
    }
  }
  report[file] = { imports: importsOf(text), deno: denoLines(file, text) };
}
process.stdout.write(JSON.stringify({ rewritten, files: report }));
