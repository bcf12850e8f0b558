import assert from "node:assert/strict";
import type { RequestDescription } from "./request.ts";
import { MAX_URI_LENGTH, uriLimitFor, uriTooLong } from "./uri_limit.ts";
import { buildPublishRequest } from "./requests/publish.ts";
import { buildSignalRequest } from "./requests/signal.ts";
import { buildSubscribeRequest } from "./requests/subscribe.ts";

const hereNow: RequestDescription = {
  operation: "PNHereNowOperation",
  method: "GET",
  path: "/v2/presence/sub-key/s/channel/a",
  query: {},
};
/** A GET publish whose message segment is 1000 escaped characters. */
const publishGet: RequestDescription = {
  operation: "PNPublishOperation",
  method: "GET",
  path: `/publish/p/s/0/a/0/${"m".repeat(1000)}`,
  query: {},
  messageLength: 1000,
};

Deno.test("the URI limit is the service's 32 KiB", () => {
  assert.equal(MAX_URI_LENGTH, 32 * 1024);
});

Deno.test("a target of exactly the limit fits; one character more is refused, with both numbers", () => {
  assert.equal(uriTooLong(hereNow, "x".repeat(MAX_URI_LENGTH)), undefined);
  const reason = uriTooLong(hereNow, "x".repeat(MAX_URI_LENGTH + 1));
  assert.ok(reason);
  assert.match(reason, /would be 32769 characters/);
  assert.match(reason, /limit of 32768 characters \(32 KiB\)/);
});

Deno.test("a GET publish, fire or signal: the message in the path has its own rule, the rest gets 32 KiB", () => {
  for (const operation of ["PNPublishOperation", "PNFireOperation", "PNSignalOperation"] as const) {
    const request = { ...publishGet, operation };
    assert.equal(uriLimitFor(request), MAX_URI_LENGTH + 1000);
    assert.equal(uriTooLong(request, "x".repeat(MAX_URI_LENGTH + 1000)), undefined);
    assert.match(
      uriTooLong(request, "x".repeat(MAX_URI_LENGTH + 1001)) ?? "",
      /would be 32769 characters besides the 1000 of the message, over the service's URI limit of 32768/,
    );
  }
  // The builders say which requests carry a message in the path: a GET publish, fire or signal.
  const message = "m".repeat(1000);
  const publish = { publishKey: "p", subscribeKey: "s", channel: "a", maxMessageSize: 32768 };
  for (
    const built of [
      buildPublishRequest({ ...publish, payloadJson: message }),
      buildPublishRequest({ ...publish, payloadJson: message, replicate: false }),
      buildSignalRequest({ ...publish, payloadJson: "1" }),
    ]
  ) {
    assert.equal(
      uriLimitFor(built),
      MAX_URI_LENGTH + built.path.length - built.path.lastIndexOf("/") - 1,
    );
  }
  // A POST publish carries its message in the body: the path and query get no allowance.
  assert.equal(
    uriLimitFor(buildPublishRequest({ ...publish, payloadJson: message, usePost: true })),
    MAX_URI_LENGTH,
  );
  // Other calls never do, whatever their last path segment.
  assert.equal(uriLimitFor(hereNow), MAX_URI_LENGTH);
});

Deno.test("a too-long subscribe says how to make it fit; other calls have no such advice", () => {
  const subscribe = buildSubscribeRequest({ subscribeKey: "s", channels: ["a"], groups: [] });
  assert.match(
    uriTooLong(subscribe, "x".repeat(40000)) ?? "",
    /\(channel and group names and presence state all count: subscribe to fewer or shorter names\)$/,
  );
  assert.match(uriTooLong(hereNow, "x".repeat(40000)) ?? "", /\(32 KiB\)$/);
});
