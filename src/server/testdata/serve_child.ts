// A local server in a child process, for tests that need a process of its own (a lowered
// descriptor limit, a Deno without the project's config). Usage:
//   deno run --no-config --allow-net=127.0.0.1 serve_child.ts <deno|node|start> [options JSON]
// Prints `{"port":N}` once listening, serves until stdin closes, then closes and prints `closed`.
import { startServer } from "../../../server.ts";
import { createHandler } from "../handler.ts";
import { listen as listenDeno } from "../listen_deno.ts";
import { listen as listenNode } from "../listen_node.ts";

const [kind = "start", json = "{}"] = Deno.args;
const options = JSON.parse(json);
let close: () => Promise<void>;
let port: number;
if (kind === "start") {
  const server = await startServer({ port: 0, ...options });
  port = Number(server.origin.split(":").pop());
  close = () => server.close();
} else {
  const handler = createHandler(options);
  const listen = kind === "node" ? listenNode : listenDeno;
  const listener = await listen(handler, { hostname: "127.0.0.1", port: 0, ...options });
  port = listener.port;
  close = async () => {
    handler.close();
    await listener.close();
  };
}
console.log(JSON.stringify({ port }));
for await (const _ of Deno.stdin.readable) { /* until stdin closes */ }
await close();
console.log("closed");
