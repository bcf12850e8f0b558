/**
 * The package's documentation speaks to users: no working-notes words in what `deno doc` shows
 * for the entries, nor in README; and the doc-example run covers the files behind the entries.
 */
import assert from "node:assert/strict";
import { internalWordsIn, publicDocText, publicSourceFiles, ROOT } from "./public_docs.ts";

Deno.test("public docs: deno doc of the entries says no internal word", async () => {
  assert.deepEqual(internalWordsIn(await publicDocText()), []);
});

Deno.test("public docs: README says no internal word", async () => {
  assert.deepEqual(internalWordsIn(await Deno.readTextFile(`${ROOT}README.md`)), []);
});

Deno.test("public docs: the internal-word check catches each word", () => {
  // The section sign is escaped so that the repository's citation check does not read a citation.
  const section = "see protocol \u00a7 6";
  const lines = ["as the seed does", section, "named in api.md", "a test seam", "fine"];
  assert.deepEqual(internalWordsIn(lines.join("\n")).length, 4);
});

Deno.test("public docs: the example run covers the entries and the files behind them", async () => {
  const files = await publicSourceFiles();
  for (
    const file of [
      "mod.ts",
      "testing.ts",
      "src/shell/pubnub.ts",
      "src/shell/builders/publish_api.ts",
      "src/server/options.ts",
    ]
  ) {
    assert.ok(files.includes(file), `${file} is not among ${files.join(", ")}`);
  }
  // The builders' classes are not public: their files' examples are not the package's docs.
  assert.equal(files.includes("src/shell/builders/publish.ts"), false);
});
