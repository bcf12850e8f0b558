import type { RecordScript } from "../record.ts";

/** History with the actions stored with each message. */
const script: RecordScript = {
  name: "local_fetch_messages_with_actions",
  description:
    "Publish two messages, add two actions to the first, then fetch the channel's history with includeMessageActions (/v3/history-with-actions): each message with its actions by type and value, as the local server answers.",
  steps: [
    { op: "publish", args: { channel: "room", message: { text: "hi" } } },
    { op: "publish", args: { channel: "room", message: { text: "bye" } } },
    {
      op: "addMessageAction",
      args: {
        channel: "room",
        messageTimetokenFromStep: 0,
        action: { type: "reaction", value: "smile" },
      },
    },
    {
      op: "addMessageAction",
      args: {
        channel: "room",
        messageTimetokenFromStep: 0,
        action: { type: "receipt", value: "read" },
      },
    },
    { op: "fetchMessages", args: { channels: ["room"], includeMessageActions: true } },
  ],
};
export default script;
