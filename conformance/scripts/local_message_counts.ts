import type { RecordScript } from "../record.ts";

/** A timetoken long before any recording: every stored message is newer. */
const LONG_AGO = "10000000000000000";
/** A timetoken long after any recording: no stored message is newer. */
const FAR_AHEAD = "99999999999999999";

/** Counting stored messages per channel, with one timetoken and with one per channel. */
const script: RecordScript = {
  name: "local_message_counts",
  description:
    "Publish two messages to a and one to b, then count them with one timetoken for both channels and with one timetoken per channel (channelsTimetoken), as the local server answers.",
  steps: [
    { op: "publish", args: { channel: "a", message: 1 } },
    { op: "publish", args: { channel: "a", message: 2 } },
    { op: "publish", args: { channel: "b", message: 3 } },
    { op: "messageCounts", args: { channels: ["a", "b"], timetoken: LONG_AGO } },
    {
      op: "messageCounts",
      args: { channels: ["a", "b"], channelsTimetoken: [LONG_AGO, FAR_AHEAD] },
    },
  ],
};
export default script;
