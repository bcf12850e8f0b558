import type { RecordScript } from "../record.ts";

/** Deleting a channel's history, then reading it back empty. */
const script: RecordScript = {
  name: "local_delete_messages",
  description:
    "Publish two messages, delete the channel's stored messages with deleteMessages(), and fetch the channel's history, which is then empty, as the local server answers.",
  steps: [
    { op: "publish", args: { channel: "room", message: 1 } },
    { op: "publish", args: { channel: "room", message: 2 } },
    { op: "deleteMessages", args: { channel: "room" } },
    { op: "fetchMessages", args: { channels: ["room"] } },
  ],
};
export default script;
