import type { RecordScript } from "../record.ts";

/** Subscribe, publish to oneself, receive it. */
const script: RecordScript = {
  name: "local_subscribe_receive",
  description:
    "Subscribe to a channel, publish to it from the same client, receive the message: handshake, long-poll, message, next long-poll, as the local server answers them.",
  steps: [
    { op: "subscribe", args: { channels: ["room"] } },
    { op: "waitFor", status: "PNConnectedCategory" },
    { op: "publish", args: { channel: "room", message: { text: "hello" } } },
    { op: "waitFor", messages: 1 },
    { op: "waitFor", engine: { engine: "subscribe", name: "RECEIVE_MESSAGES", count: 2 } },
  ],
};
export default script;
