// Both listeners call the local server's handler on its own request shape (no WHATWG Request
// per request) and write its answer as it is; any other handler still gets a Request.
import assert from "node:assert/strict";
import { Answer, type ServerRequest, webHandler } from "./http/exchange.ts";
import { readBody } from "./http/body.ts";
import { listen as listenDeno } from "./listen_deno.ts";
import { listen as listenNode } from "./listen_node.ts";
import type { Listen } from "./listener.ts";

const LISTENERS: [string, Listen][] = [["deno", listenDeno], ["node", listenNode]];

for (const [name, listen] of LISTENERS) {
  Deno.test(`${name} listener: a lean handler gets the listener's own request shape, headers and body included, and its answer is written as it is`, async () => {
    const seen: { request?: ServerRequest; body?: string; isRequest?: boolean } = {};
    const handler = webHandler(async (request) => {
      seen.request = request;
      seen.isRequest = request instanceof Request;
      const body = await readBody(request, 1000);
      seen.body = body.ok ? body.text : body.message;
      return new Answer(201, "créé", { "content-type": "text/plain", "x-answer": "yes" });
    });
    const listener = await listen(handler, { hostname: "127.0.0.1", port: 0 });
    try {
      const response = await fetch(`http://127.0.0.1:${listener.port}/some/path?q=1`, {
        method: "POST",
        headers: { "x-test": "one" },
        body: "hello",
      });
      assert.equal(response.status, 201);
      assert.equal(response.headers.get("x-answer"), "yes");
      assert.equal(response.headers.get("content-length"), String(new Blob(["créé"]).size));
      assert.equal(await response.text(), "créé");
      assert.equal(seen.isRequest, false, "the listener built a WHATWG Request");
      assert.equal(seen.request?.method, "POST");
      assert.match(seen.request?.url ?? "", /^http:\/\/127\.0\.0\.1:\d+\/some\/path\?q=1$/);
      assert.equal(seen.request?.headers.get("x-test"), "one");
      assert.equal(seen.request?.headers.get("X-Test"), "one");
      assert.equal(seen.request?.headers.get("x-absent"), null);
      assert.equal(seen.body, "hello");
    } finally {
      await listener.close();
    }
  });

  Deno.test(`${name} listener: a lean handler's signal aborts when its client goes away`, async () => {
    let aborted = false;
    let started = () => {};
    const waiting = new Promise<void>((resolve) => started = resolve);
    const handler = webHandler((request) =>
      new Promise((resolve) => {
        request.signal.addEventListener("abort", () => {
          aborted = true;
          resolve(new Answer(200, "late", {}));
        });
        started();
      })
    );
    const listener = await listen(handler, { hostname: "127.0.0.1", port: 0 });
    try {
      const controller = new AbortController();
      const pending = fetch(`http://127.0.0.1:${listener.port}/wait`, {
        signal: controller.signal,
      });
      await waiting;
      controller.abort();
      await assert.rejects(pending);
      for (let i = 0; i < 100 && !aborted; i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(aborted, true, "the signal did not abort");
    } finally {
      await listener.close();
    }
  });

  Deno.test(`${name} listener: any other handler gets a WHATWG Request and its Response is written back`, async () => {
    let isRequest: boolean | undefined;
    const listener = await listen(async (request) => {
      isRequest = request instanceof Request;
      return new Response(`got ${await request.text()}`, {
        status: 202,
        headers: { "x-plain": "1" },
      });
    }, { hostname: "127.0.0.1", port: 0 });
    try {
      const response = await fetch(`http://127.0.0.1:${listener.port}/x`, {
        method: "POST",
        body: "abc",
      });
      assert.equal(response.status, 202);
      assert.equal(response.headers.get("x-plain"), "1");
      assert.equal(await response.text(), "got abc");
      assert.equal(isRequest, true);
    } finally {
      await listener.close();
    }
  });
}
