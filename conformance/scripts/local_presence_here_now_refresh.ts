import type { RecordScript } from "../record.ts";
import { joinAs } from "./_actors.ts";

/** An interval event too big to carry its deltas says here_now_refresh; the client asks here-now. */
const script: RecordScript = {
  name: "local_presence_here_now_refresh",
  description:
    "Presence in interval mode where the delta would be too large (the server's limit set to 1 byte): the interval event carries here_now_refresh: true and no arrays (hereNowRefresh on the result), and the client follows with a here-now call that lists who is there.",
  localServer: {
    announceMax: 1,
    intervalSeconds: 1,
    sweepMilliseconds: 50,
    hereNowRefreshBytes: 1,
  },
  steps: [
    { op: "subscribe", args: { channels: ["room"], withPresence: true } },
    { op: "waitFor", status: "PNConnectedCategory" },
    { op: "waitFor", presenceEvent: "join", timeoutMs: 5000 },
    { op: "waitFor", presenceEvent: "interval", timeoutMs: 5000 },
    { op: "hereNow", args: { channels: ["room"], includeUuids: true } },
  ],
  before: { 3: (env) => joinAs(env, "room", ["alice", "bob"]) },
};
export default script;
