/**
 * README's TypeScript examples run as written: each ```ts block is extracted, run in its own
 * Deno process against a local server it starts, and must exit cleanly (the package name
 * resolves to the sources through `deno.json`'s imports).
 */
import assert from "node:assert/strict";
import { fileURLToPath as fromFileUrl } from "node:url";

const README = fromFileUrl(new URL("./README.md", import.meta.url));
const CONFIG = fromFileUrl(new URL("./deno.json", import.meta.url));

/** The ```ts blocks of the README, in order. */
function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1]);
}

async function runBlock(code: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const file = await Deno.makeTempFile({ dir: "/tmp", prefix: "readme_example_", suffix: ".ts" });
  try {
    await Deno.writeTextFile(file, code);
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--quiet",
        "--config",
        CONFIG,
        "--allow-net=127.0.0.1",
        "--allow-env",
        "--allow-read",
        file,
      ],
      stdout: "piped",
      stderr: "piped",
      signal: AbortSignal.timeout(60_000),
    });
    const output = await child.output();
    const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
  } finally {
    await Deno.remove(file);
  }
}

const blocks = tsBlocks(await Deno.readTextFile(README));

Deno.test("README has its TypeScript examples (the first one, history, compat, debugging)", () => {
  assert.ok(blocks.length >= 4, `found ${blocks.length} ts blocks`);
});

blocks.forEach((block, index) => {
  const title = block.split("\n").find((line) => line.trim() !== "" && !line.startsWith("import"));
  Deno.test(`README example #${index + 1} runs as written (${title?.trim()})`, async () => {
    const run = await runBlock(block);
    assert.equal(run.code, 0, `exit ${run.code}\n${run.stdout}\n${run.stderr}`);
    if (index === 0) {
      // The first example prints the message it received, then stops.
      assert.match(run.stdout, /user-1 on room: \{ text: "hello" \}/);
      assert.match(run.stdout, /published at \d{17}/);
    }
    if (block.includes('logLevel: "debug"')) {
      // The debugging example shows the request, with the keys redacted.
      assert.match(run.stdout, /debug: GET \/publish\/<redacted>\/<redacted>\/0\/room\//);
      assert.doesNotMatch(run.stdout, /\/demo\//);
    }
  });
});
