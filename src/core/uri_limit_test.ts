import assert from "node:assert/strict";
import type { RequestDescription } from "./request.ts";
import { MAX_URI_LENGTH, uriLimitFor, uriTooLong } from "./uri_limit.ts";

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
  // A POST publish carries its message in the body: the path and query get no allowance.
  assert.equal(uriLimitFor({ ...publishGet, method: "POST" }), MAX_URI_LENGTH);
  // Other calls never do, whatever their last path segment.
  assert.equal(uriLimitFor({ ...publishGet, operation: "PNHereNowOperation" }), MAX_URI_LENGTH);
  assert.equal(uriLimitFor(hereNow), MAX_URI_LENGTH);
});

Deno.test("a too-long subscribe says how to make it fit", () => {
  const subscribe = { ...hereNow, operation: "PNSubscribeOperation" as const };
  assert.match(uriTooLong(subscribe, "x".repeat(40000)) ?? "", /fewer or shorter names/);
});
