import type { RecordScript } from "../record.ts";

/** Publish by GET and POST, fire, signal and time, as the local server answers them. */
const script: RecordScript = {
  name: "local_publish_and_time",
  description:
    "Publish (GET with meta, and POST), fire, signal and time against the local server: the requests the client sends and the server's success bodies.",
  steps: [
    {
      op: "publish",
      args: { channel: "room", message: { text: "hi" }, meta: { lang: "en" }, shouldStore: true },
    },
    { op: "publish", args: { channel: "room", message: [1, 2, 3], usePost: true } },
    { op: "fire", args: { channel: "room", message: "to functions only" } },
    { op: "signal", args: { channel: "room", message: "typing" } },
    { op: "time" },
  ],
};
export default script;
