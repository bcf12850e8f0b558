import type { RecordScript } from "../record.ts";

/** Two stored messages read back with the v2 history call. */
const script: RecordScript = {
  name: "local_history_v2",
  description:
    "Publish two messages (one with meta), read them with history() (v2) with timetokens and meta, then the oldest one alone with count 1 and reverse, as the local server answers them.",
  steps: [
    { op: "publish", args: { channel: "room", message: { text: "first" }, meta: { lang: "en" } } },
    { op: "publish", args: { channel: "room", message: "second" } },
    {
      op: "history",
      args: { channel: "room", includeTimetoken: true, includeMeta: true },
    },
    { op: "history", args: { channel: "room", count: 1, reverse: true } },
  ],
};
export default script;
