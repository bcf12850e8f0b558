// Type-level test: a small app typed against npm:pubnub's declarations type-checks against our
// ./compat entry with only the import changed.
import assert from "node:assert/strict";

const OFFICIAL_IMPORT = 'import PubNub from "npm:pubnub@12.0.3";';
const root = new URL("../../", import.meta.url);
const app = await Deno.readTextFile(new URL("src/compat/typing/chat_app.ts", root));

/** Type-checks `source` as a file in /tmp, importing our compat entry. */
async function checkAgainstCompat(source: string): Promise<{ ok: boolean; output: string }> {
  const dir = await Deno.makeTempDir({ prefix: "compat-typing-" });
  try {
    const file = `${dir}/app.ts`;
    await Deno.writeTextFile(file, source);
    const result = await new Deno.Command(Deno.execPath(), {
      args: ["check", "--quiet", "--config", new URL("deno.json", root).pathname, file],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const output = new TextDecoder().decode(result.stderr) +
      new TextDecoder().decode(result.stdout);
    return { ok: result.success, output };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function withCompatImport(source: string): string {
  assert.ok(source.includes(OFFICIAL_IMPORT), "the app imports the official SDK");
  const compat = new URL("compat.ts", root).href;
  return source.replace(OFFICIAL_IMPORT, `import PubNub from "${compat}";`);
}

Deno.test("the chat app typed against npm:pubnub type-checks against ./compat with only the import changed", async () => {
  const { ok, output } = await checkAgainstCompat(withCompatImport(app));
  assert.ok(ok, `deno check failed:\n${output}`);
});

Deno.test("the type-level check fails when the app misuses the API (the check is real)", async () => {
  const broken = withCompatImport(app).replace(
    "return response.timetoken;",
    "return response.timetokenn;",
  );
  assert.notEqual(broken, withCompatImport(app));
  const { ok, output } = await checkAgainstCompat(broken);
  assert.ok(!ok, "a misspelt response field type-checked");
  assert.match(output, /timetokenn/);
});
