import type { RecordScript } from "../record.ts";
import { joinAs } from "./_actors.ts";

/** Interval mode with deltas: occupancy above announceMax. */
const script: RecordScript = {
  name: "local_presence_interval_deltas",
  description:
    "Presence in interval mode (announceMax 1): the client's own join is announced, then two more users join and the server switches to an interval event carrying the delta (join: [alice, bob]) instead of one join each.",
  localServer: { announceMax: 1, intervalSeconds: 1, sweepMilliseconds: 50 },
  steps: [
    { op: "subscribe", args: { channels: ["room"], withPresence: true } },
    { op: "waitFor", status: "PNConnectedCategory" },
    { op: "waitFor", presenceEvent: "join", timeoutMs: 5000 },
    { op: "waitFor", presenceEvent: "interval", timeoutMs: 5000 },
  ],
  before: { 3: (env) => joinAs(env, "room", ["alice", "bob"]) },
};
export default script;
