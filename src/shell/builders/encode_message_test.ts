import assert from "node:assert/strict";
import { PubNubError } from "../../core/error.ts";
import { refusingEncoder } from "./encode_message.ts";

Deno.test("refusingEncoder passes the encoder's text on", async () => {
  const encode = refusingEncoder((json) => Promise.resolve(`"${json.length}"`));
  assert.equal(await encode('{"a":1}', "PNPublishOperation"), '"7"');
});

Deno.test("refusingEncoder: an encoder that throws is a validation error naming the operation, with the cause", async () => {
  const thrown = new Error("bad key");
  const encode = refusingEncoder(() => Promise.reject(thrown));
  const error = await encode("1", "PNFireOperation").then(() => undefined, (e) => e);
  assert.ok(error instanceof PubNubError);
  assert.equal(error.message, "Cannot fire: encrypting the message failed: bad key");
  assert.equal(error.status.category, "PNValidationErrorCategory");
  assert.equal(error.cause, thrown);
});

Deno.test("refusingEncoder: an encoder that returns no text is a validation error saying what it returned", async () => {
  const encode = refusingEncoder(() => Promise.resolve(42 as unknown as string));
  await assert.rejects(
    encode("1", "PNPublishOperation"),
    /^PubNubError: Cannot publish: the message encoder returned 42, not JSON text$/,
  );
});
