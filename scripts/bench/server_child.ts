/**
 * The local server in its own process, for the benchmarks: the client side and the server side
 * then run on different cores, and the server's memory can be read from `/proc/<pid>/status`
 * without the clients' share in it.
 *
 * Protocol over stdio, one JSON object per line:
 * - on start it prints `{"origin":"127.0.0.1:N"}`;
 * - for each line `stats` on stdin it prints `{"pendingLongPolls":N,"rss":BYTES}`;
 * - when stdin closes (or on a line `close`) it closes the server and exits.
 *
 * @example
 * ```sh
 * deno run --allow-net=127.0.0.1 scripts/bench/server_child.ts
 * ```
 *
 * @module
 */
import { createHandler } from "../../server.ts";
import { listen as listenDeno } from "../../src/server/listen_deno.ts";
import { listen as listenNode } from "../../src/server/listen_node.ts";
import { openHandler } from "../../src/server/store/open_handler.ts";

// Second argument: "node" serves with the node:http listener; third: listen options as JSON.
const options = JSON.parse(Deno.args[0] ?? "{}");
const listen = Deno.args[1] === "node" ? listenNode : listenDeno;
const listenOptions = JSON.parse(Deno.args[2] ?? "{}");
// With a `store` option (scale-out benchmark), the state lives in that Redis.
const handler = options.store ? await openHandler(options, options.store) : createHandler(options);
const listener = await listen(handler, { hostname: "127.0.0.1", port: 0, ...listenOptions });
const encoder = new TextEncoder();
const say = (value: unknown) => Deno.stdout.writeSync(encoder.encode(`${JSON.stringify(value)}\n`));
say({ origin: `127.0.0.1:${listener.port}` });

const decoder = new TextDecoder();
let pending = "";
readLoop: for await (const chunk of Deno.stdin.readable) {
  pending += decoder.decode(chunk, { stream: true });
  let newline;
  while ((newline = pending.indexOf("\n")) >= 0) {
    const line = pending.slice(0, newline).trim();
    pending = pending.slice(newline + 1);
    if (line === "stats") {
      say({ pendingLongPolls: handler.pendingLongPolls, rss: Deno.memoryUsage().rss });
    } else if (line === "close") {
      break readLoop;
    }
  }
}
handler.close();
await listener.close();
Deno.exit(0);
