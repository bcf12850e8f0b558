import assert from "node:assert/strict";

Deno.test("the demo holds a conversation through the local server and exits 0 by itself", async () => {
  const command = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net",
      "--allow-env",
      "--allow-read",
      new URL("./demo.ts", import.meta.url).pathname,
    ],
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  });
  const { code, stdout, stderr } = await command.output();
  const out = new TextDecoder().decode(stdout);
  assert.equal(code, 0, `demo failed:\n${out}\n${new TextDecoder().decode(stderr)}`);
  for (
    const line of [
      /alice +status PNConnectedCategory/,
      /alice +← presence: bob join/,
      /bob +← alice: \{"text":"Hi Bob!/,
      /alice +← signal from bob: \{"typing":true\}/,
      /here now on demo-room-\w+: alice, bob/,
      /alice +← presence: bob leave/,
      /everything stopped; bye/,
    ]
  ) assert.match(out, line);
});
