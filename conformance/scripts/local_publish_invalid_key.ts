import type { RecordScript } from "../record.ts";

/** A wrong publish key against a local server that checks keys. */
const script: RecordScript = {
  name: "local_publish_invalid_key",
  description:
    'A publish with a publish key the keyset does not have: the local server answers 400 [0,"Invalid Key",…] as the service does.',
  config: { publishKey: "wrong-pub-key" },
  localServer: { keys: { publishKey: "pub-key", subscribeKey: "sub-key" } },
  steps: [{ op: "publish", args: { channel: "room", message: "hello" } }],
};
export default script;
