import assert from "node:assert/strict";
import { Answer, leanOf, pairLean, webHandler } from "./exchange.ts";
import { readBody } from "./body.ts";

Deno.test("webHandler: the web form answers a Request with the lean answer as a Response, and leanOf finds the lean form", async () => {
  const lean = (request: { url: string }) =>
    Promise.resolve(new Answer(418, `for ${new URL(request.url).pathname}`, { "x-a": "b" }));
  const web = webHandler(lean);
  assert.equal(leanOf(web), lean);
  const response = await web(new Request("http://h/teapot"));
  assert.equal(response.status, 418);
  assert.equal(response.headers.get("x-a"), "b");
  assert.equal(await response.text(), "for /teapot");
});

Deno.test("leanOf: a plain web handler has no lean form until one is paired with it", () => {
  const web = () => Promise.resolve(new Response("{}"));
  assert.equal(leanOf(web), undefined);
  const lean = () => Promise.resolve(new Answer(200, null, {}));
  assert.equal(pairLean(web, lean), web);
  assert.equal(leanOf(web), lean);
});

Deno.test("readBody: a body read twice gives the same text (the signature check reads it before the route)", async () => {
  const request = new Request("http://h/", { method: "POST", body: '{"a":1}' });
  const first = await readBody(request, 1_048_576);
  const second = await readBody(request, 100);
  assert.deepEqual(first, { ok: true, text: '{"a":1}' });
  assert.deepEqual(second, first);
});

Deno.test("readBody: a body read once under a large limit is still refused under a smaller one, naming it", async () => {
  const request = new Request("http://h/", { method: "POST", body: "x".repeat(5000) });
  assert.equal((await readBody(request, 1_048_576)).ok, true);
  assert.deepEqual(await readBody(request, 100), {
    ok: false,
    status: 413,
    message: "body larger than 100 bytes",
  });
});

Deno.test("readBody: an async-iterable body (Node's IncomingMessage) is read, and refused past the limit", async () => {
  async function* chunks(parts: string[]) {
    for (const part of parts) yield new TextEncoder().encode(part);
  }
  const request = (parts: string[]) => ({
    method: "POST",
    url: "/",
    headers: { get: () => null },
    body: chunks(parts),
    signal: new AbortController().signal,
  });
  assert.deepEqual(await readBody(request(["he", "llo"]), 100), { ok: true, text: "hello" });
  assert.deepEqual(await readBody(request(["x".repeat(60), "y".repeat(60)]), 10), {
    ok: false,
    status: 413,
    message: "body larger than 10 bytes",
  });
});
