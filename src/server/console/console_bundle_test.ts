import assert from "node:assert/strict";
import { withConsole } from "./console_route.ts";

Deno.test("the committed console bundle is what src/console/app.ts and the SDK build to", async () => {
  const script = new URL("../../../scripts/build_console.ts", import.meta.url).pathname;
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", script, "--check"],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr);
  assert.equal(code, 0, text);
  assert.match(text, /console bundle is up to date/);
});

Deno.test("/console answers the page and its script; other paths reach the handler", async () => {
  const handler = withConsole(() => Promise.resolve(new Response("from the handler")));
  const page = await handler(new Request("http://h/console"));
  assert.match(await page.text(), /<script type="module" src="\/console\/app.js">/);
  const app = await handler(new Request("http://h/console/app.js"));
  assert.equal(app.headers.get("content-type"), "text/javascript; charset=utf-8");
  assert.ok((await app.text()).length > 10_000);
  // Browsers get the stored gzip as is; it is the same script.
  const gzipped = await handler(
    new Request("http://h/console/app.js", { headers: { "accept-encoding": "gzip, br" } }),
  );
  assert.equal(gzipped.headers.get("content-encoding"), "gzip");
  const unzipped = gzipped.body!.pipeThrough(new DecompressionStream("gzip"));
  const plain = await (await handler(new Request("http://h/console/app.js"))).text();
  assert.equal(await new Response(unzipped).text(), plain);
  const post = await handler(new Request("http://h/console", { method: "POST", body: "x" }));
  assert.equal(post.status, 405);
  await post.body?.cancel();
  assert.equal(await (await handler(new Request("http://h/time/0"))).text(), "from the handler");
});
