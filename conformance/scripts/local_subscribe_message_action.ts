import type { RecordScript } from "../record.ts";

/** A subscriber watching while an action is added to a message and removed. */
const script: RecordScript = {
  name: "local_subscribe_message_action",
  description:
    "Subscribe to a channel, publish a message to it, add an action to the message and remove it: the subscriber receives the message, then the added and removed events (e: 3) on its messageAction listener, as the local server delivers them.",
  steps: [
    { op: "subscribe", args: { channels: ["room"] } },
    { op: "waitFor", status: "PNConnectedCategory" },
    { op: "publish", args: { channel: "room", message: { text: "hi" } } },
    { op: "waitFor", messages: 1 },
    {
      op: "addMessageAction",
      args: {
        channel: "room",
        messageTimetokenFromStep: 2,
        action: { type: "reaction", value: "smile" },
      },
    },
    { op: "waitFor", messageActions: 1 },
    {
      op: "removeMessageAction",
      args: { channel: "room", messageTimetokenFromStep: 2, actionTimetokenFromStep: 4 },
    },
    { op: "waitFor", messageActions: 2 },
    { op: "waitFor", engine: { engine: "subscribe", name: "RECEIVE_MESSAGES", count: 4 } },
  ],
};
export default script;
