import assert from "node:assert/strict";

Deno.test("the live console in headless Chromium (browser_scenarios.ts): publish, form, presence, HTTP/2 tabs", async () => {
  const script = new URL("./browser_scenarios.ts", import.meta.url).pathname;
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", script],
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
    signal: AbortSignal.timeout(90_000),
  }).output();
  const out = new TextDecoder().decode(stdout);
  const err = new TextDecoder().decode(stderr);
  assert.equal(code, 0, `the browser scenarios failed:\n${out}\n${err}`);
  assert.match(out, /^ok: console: a CLI publish shows within 1 s/m);
  assert.match(out, /^ok: HTTP\/2: 10 tabs subscribed/m);
});
