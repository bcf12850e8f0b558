import type { RecordScript } from "../record.ts";

/** Adding, paging through and removing message actions. */
const script: RecordScript = {
  name: "local_message_actions",
  description:
    "Publish a message, add two actions to it, read them one page at a time (limit 1, then from the `more` start), and remove the first, as the local server answers.",
  steps: [
    { op: "publish", args: { channel: "room", message: { text: "hi" } } },
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
    { op: "getMessageActions", args: { channel: "room", limit: 1 } },
    { op: "getMessageActions", args: { channel: "room" } },
    {
      op: "removeMessageAction",
      args: { channel: "room", messageTimetokenFromStep: 0, actionTimetokenFromStep: 1 },
    },
    { op: "getMessageActions", args: { channel: "room" } },
  ],
};
export default script;
