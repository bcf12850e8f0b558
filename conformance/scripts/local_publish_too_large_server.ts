import type { RecordScript } from "../record.ts";

/** A message the client lets through (its limit raised) that the server refuses. */
const script: RecordScript = {
  name: "local_publish_too_large_server",
  description:
    "With the client's maxMessageSize raised to 100000, a 40000-character message is sent by POST and the local server refuses it with 413 [0,\"Message Too Large\",…]: the server's check stays authoritative.",
  config: { maxMessageSize: 100000 },
  steps: [{ op: "publish", args: { channel: "room", message: "x".repeat(40000), usePost: true } }],
};
export default script;
