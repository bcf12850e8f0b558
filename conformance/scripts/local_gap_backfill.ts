import { PubNub } from "../../src/shell/pubnub.ts";
import type { RecordScript } from "../record.ts";

/** Disconnected while 103 messages go out: the catch-up brings 100, storage the other 3. */
const script: RecordScript = {
  name: "local_gap_backfill",
  description:
    "Subscribe, disconnect, another client publishes 103 messages (more than the 100-message catch-up window), reconnect: the catch-up from the kept timetoken carries a full window, so the client fetches the 3 older ones from storage (one history page, from the oldest caught-up timetoken back to just after the cursor) and delivers all 103 in order, the restored ones first.",
  steps: [
    { op: "subscribe", args: { channels: ["room"] } },
    { op: "waitFor", status: "PNConnectedCategory" },
    // The first long-poll (exchange 1, after the handshake) is on the wire before the
    // disconnect cancels it, whichever runtime replays this.
    { op: "waitFor", exchange: 1 },
    { op: "disconnect" },
    { op: "waitFor", status: "PNDisconnectedCategory" },
    { op: "reconnect" },
    { op: "waitFor", messages: 103, timeoutMs: 5000 },
    { op: "waitFor", engine: { engine: "subscribe", name: "RECEIVE_MESSAGES", count: 3 } },
  ],
  before: {
    5: async (env) => {
      const other = new PubNub({
        publishKey: env.publishKey,
        subscribeKey: env.subscribeKey,
        userId: "publisher",
        origin: env.origin,
        ssl: env.ssl,
      });
      for (let n = 1; n <= 103; n++) await other.publish().channel("room").message(n).future();
      await other.stop();
    },
  },
};
export default script;
