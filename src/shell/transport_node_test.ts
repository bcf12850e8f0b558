/**
 * The transport under Node, where the npm package runs: Node's fetch adds an abort listener to
 * the signal of every request and removes it only once the request is garbage collected, and
 * past 1,500 listeners on one signal it prints a leak warning for every further request. The
 * requests sent without a caller's signal share one, so a client that sends a few thousand of
 * them must not fill Node's stderr with warnings.
 */
import assert from "node:assert/strict";
import { runUnderNode } from "../testing/node_runner.ts";

const REQUESTS = 4000;

// The script Node runs: a node:http server and a transport sending to it, one request at a time.
const SCRIPT = `
import { createServer } from "node:http";
import { PNConfiguration } from "${new URL("../core/config.ts", import.meta.url).href}";
import { systemClock } from "${new URL("./clock.ts", import.meta.url).href}";
import { Transport } from "${new URL("./transport.ts", import.meta.url).href}";

const server = createServer((_request, response) => {
  response.setHeader("content-type", "application/json");
  response.end("[1]");
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
const { port } = server.address() as { port: number };
// Node's timers unref themselves (Deno.unrefTimer is Deno's).
const clock = { ...systemClock, unref: (handle: unknown) => (handle as { unref(): void }).unref() };
const transport = new Transport(
  new PNConfiguration({ subscribeKey: "s", userId: "u", origin: "127.0.0.1:" + port, ssl: false }),
  { clock },
);
let ok = 0;
for (let i = 0; i < ${REQUESTS}; i++) {
  const outcome = await transport.send({
    operation: "PNTimeOperation", method: "GET", path: "/time/0", query: {},
  });
  if (outcome.ok) ok++;
  else console.log(outcome.message);
}
console.log("answered " + ok);
server.close();
`;

Deno.test({
  name:
    `under Node, ${REQUESTS} requests without a signal of their own print no listener-leak warning`,
  fn: async () => {
    const node = await runUnderNode(SCRIPT);
    assert.equal(node.code, 0, node.stderr);
    assert.equal(node.stdout.trim(), `answered ${REQUESTS}`);
    const warnings = node.stderr.match(/MaxListenersExceededWarning/g)?.length ?? 0;
    assert.equal(warnings, 0, `${warnings} warnings; the first: ${node.stderr.slice(0, 300)}`);
  },
});
