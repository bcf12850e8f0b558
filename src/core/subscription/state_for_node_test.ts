/**
 * The presence state sent with subscribe and heartbeat, under Node (where the npm package runs):
 * there `__proto__` is a setter on every plain object, so a channel of that name must not be
 * written by assignment, or its state silently drops out of the request. Deno has no such
 * setter, which is why this runs under Node.
 */
import assert from "node:assert/strict";
import { runUnderNode } from "../../testing/node_runner.ts";

const SCRIPT = `
import { createSubscription, setState, stateFor } from "${
  new URL("./subscription.ts", import.meta.url).href
}";
const names = ["__proto__", "b"];
const subscription = setState(
  createSubscription({ heartbeats: true, suppressLeaveEvents: false }),
  names,
  { mood: "ok" },
);
console.log(JSON.stringify(stateFor(subscription, { channels: names, groups: [] })));
`;

Deno.test("under Node, a channel named __proto__ keeps its state in what subscribe sends", async () => {
  const run = await runUnderNode(SCRIPT);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), {
    ["__proto__"]: { mood: "ok" },
    b: { mood: "ok" },
  });
});
