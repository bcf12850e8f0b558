import assert from "node:assert/strict";
import { withConsole } from "./console_route.ts";
import { Answer, leanOf, webHandler } from "../http/exchange.ts";

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

Deno.test("on a lean handler, the console keeps the lean form: pages answered as they are, other paths reach the lean handler", async () => {
  const inner = () => Promise.resolve(new Answer(200, "from the lean handler", {}));
  const lean = leanOf(withConsole(webHandler(inner)));
  assert.ok(lean, "the console dropped the lean form");
  const request = (url: string, headers: Record<string, string> = {}) => ({
    method: "GET",
    url,
    headers: { get: (name: string) => headers[name] ?? null },
    body: null,
    signal: new AbortController().signal,
  });
  const page = await lean(request("/console"));
  assert.equal(page.headers["content-type"], "text/html; charset=utf-8");
  assert.match(String(page.body), /<script type="module" src="\/console\/app.js">/);
  const plain = await lean(request("http://h/console/app.js"));
  const gzipped = await lean(request("/console/app.js", { "accept-encoding": "gzip" }));
  assert.equal(gzipped.headers["content-encoding"], "gzip");
  const inflated = new Blob([gzipped.body as Uint8Array<ArrayBuffer>]).stream()
    .pipeThrough(new DecompressionStream("gzip"));
  assert.deepEqual(new Uint8Array(await new Response(inflated).arrayBuffer()), plain.body);
  assert.equal((await lean(request("/time/0?x=/console"))).body, "from the lean handler");
});

Deno.test("on a plain web handler, the console has no lean form", () => {
  assert.equal(leanOf(withConsole(() => Promise.resolve(new Response("x")))), undefined);
});
