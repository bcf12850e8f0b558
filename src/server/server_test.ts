import assert from "node:assert/strict";
import { startServer } from "../../server.ts";
import { parseServeArgs } from "../../scripts/serve.ts";

Deno.test("startServer gives origin and url on a free port; close stops it", async () => {
  const server = await startServer({ port: 0 });
  assert.match(server.origin, /^127\.0\.0\.1:\d+$/);
  assert.equal(server.url, `http://${server.origin}`);
  const reply = await fetch(`${server.url}/time/0`);
  assert.equal(reply.status, 200);
  await reply.body?.cancel();
  await server.close();
  await server.close(); // idempotent
  await assert.rejects(fetch(`${server.url}/time/0`));
});

Deno.test("serve arguments: --port N, --host H, and refusals", () => {
  assert.deepEqual(parseServeArgs([]), { hostname: "127.0.0.1", port: 8090 });
  assert.deepEqual(parseServeArgs(["--port", "0", "--host", "0.0.0.0"]), {
    hostname: "0.0.0.0",
    port: 0,
  });
  assert.deepEqual(parseServeArgs(["--port=9001"]), { hostname: "127.0.0.1", port: 9001 });
  assert.throws(() => parseServeArgs(["--port", "x"]), /invalid port/);
  assert.throws(() => parseServeArgs(["--port"]), /incomplete/);
  assert.throws(() => parseServeArgs(["--verbose"]), /unknown/);
});

Deno.test("deno task serve prints the listening line, serves, and exits cleanly on SIGTERM", async () => {
  const script = new URL("../../scripts/serve.ts", import.meta.url).pathname;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net", "--allow-env", "--allow-read", script, "--port", "0"],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let output = "";
  try {
    while (!output.includes("\n")) {
      const { value, done } = await reader.read();
      if (done) break;
      output += value;
    }
    const line = output.split("\n")[0];
    assert.match(line, /^listening on http:\/\/127\.0\.0\.1:\d+$/);
    const url = line.slice("listening on ".length);
    const reply = await fetch(`${url}/time/0`);
    assert.equal(reply.status, 200);
    await reply.body?.cancel();
    child.kill("SIGTERM");
    const status = await child.status;
    assert.equal(status.code, 0);
  } finally {
    await reader.cancel().catch(() => {});
    await child.stderr.cancel().catch(() => {});
    try {
      child.kill("SIGKILL");
    } catch {
      // already exited
    }
  }
});
