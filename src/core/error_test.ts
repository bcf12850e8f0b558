import assert from "node:assert/strict";
import { PubNubError } from "./error.ts";
import { PNStatus } from "./status.ts";

Deno.test("PubNubError.validation: category, operation, error flag and errorData", () => {
  const error = PubNubError.validation("PNSignalOperation", "channel is empty");
  assert.equal(error.message, "channel is empty");
  assert.equal(error.name, "PubNubError");
  assert.equal(error.status.category, "PNValidationErrorCategory");
  assert.equal(error.status.operation, "PNSignalOperation");
  assert.equal(error.status.isError(), true);
  assert.equal(error.status.statusCode, undefined);
  assert.deepEqual(error.status.errorData, { message: "channel is empty" });
  assert.deepEqual(error.status.affectedChannels, []);
});

Deno.test("PubNubError is an Error (instanceof, stack, toString)", () => {
  const error = PubNubError.validation("PNPublishOperation", "bad");
  assert.ok(error instanceof Error);
  assert.ok(error instanceof PubNubError);
  assert.equal(typeof error.stack, "string");
  assert.equal(String(error), "PubNubError: bad");
});

Deno.test("PubNubError: wraps the given status as is", () => {
  const status = new PNStatus({
    category: "PNAccessDeniedCategory",
    operation: "PNPublishOperation",
    error: true,
    statusCode: 403,
    errorData: { message: "Forbidden", payload: { channels: ["ch"] } },
  });
  const error = new PubNubError("Publish failed: HTTP 403", status);
  assert.equal(error.status, status);
  assert.equal(error.message, "Publish failed: HTTP 403");
  assert.equal(error.status.statusCode, 403);
});

Deno.test("PubNubError: passes the cause through ErrorOptions", () => {
  const cause = new TypeError("fetch failed");
  const status = new PNStatus({
    category: "PNNetworkIssuesCategory",
    operation: "PNTimeOperation",
    error: true,
  });
  const error = new PubNubError("Time failed", status, { cause });
  assert.equal(error.cause, cause);
});

Deno.test("PubNubError: thrown and caught keeps its status", () => {
  assert.throws(
    () => {
      throw PubNubError.validation("PNFireOperation", "publishKey is missing");
    },
    (e: unknown) => {
      assert.ok(e instanceof PubNubError);
      assert.equal(e.status.operation, "PNFireOperation");
      assert.equal(e.status.category, "PNValidationErrorCategory");
      return true;
    },
  );
});
