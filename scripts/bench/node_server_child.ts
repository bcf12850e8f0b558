/**
 * {@link ./server_child.ts} for Node itself: the same stdio protocol, the Node listener
 * (`node:http`), Node's process APIs. `server_process.ts` bundles it with esbuild and runs it
 * with `node`, so the Node listener is measured in the runtime the npm package runs it in.
 *
 * @module
 */
import process from "node:process";
import { createHandler } from "../../src/server/handler.ts";
import { listen } from "../../src/server/listen_node.ts";

const options = JSON.parse(process.argv[2] ?? "{}");
const listenOptions = JSON.parse(process.argv[4] ?? "{}");
const handler = createHandler(options);
const listener = await listen(handler, { hostname: "127.0.0.1", port: 0, ...listenOptions });
const say = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
say({ origin: `127.0.0.1:${listener.port}` });

let pending = "";
let done = false;
const finish = async () => {
  if (done) return;
  done = true;
  handler.close();
  await listener.close();
  process.exit(0);
};
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk: string) => {
  pending += chunk;
  let newline;
  while ((newline = pending.indexOf("\n")) >= 0) {
    const line = pending.slice(0, newline).trim();
    pending = pending.slice(newline + 1);
    if (line === "stats") {
      say({ pendingLongPolls: handler.pendingLongPolls, rss: process.memoryUsage().rss });
    } else if (line === "close") finish();
  }
});
process.stdin.on("end", finish);
