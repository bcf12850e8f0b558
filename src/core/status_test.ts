import assert from "node:assert/strict";
import { PNStatus, type PNStatusInit } from "./status.ts";

Deno.test("PNStatus: isError reflects the error flag", () => {
  const ok = new PNStatus({
    category: "PNAcknowledgmentCategory",
    operation: "PNPublishOperation",
    error: false,
  });
  const bad = new PNStatus({
    category: "PNTimeoutCategory",
    operation: "PNPublishOperation",
    error: true,
  });
  assert.equal(ok.isError(), false);
  assert.equal(bad.isError(), true);
});

Deno.test("PNStatus: the error flag is private (read through isError only)", () => {
  const status = new PNStatus({
    category: "PNTimeoutCategory",
    operation: "PNTimeOperation",
    error: true,
  });
  assert.equal(Object.keys(status).includes("error"), false);
  assert.equal((status as unknown as { error?: unknown }).error, undefined);
});

Deno.test("PNStatus: optional fields default (affected lists empty, the rest undefined)", () => {
  const status = new PNStatus({
    category: "PNConnectedCategory",
    operation: "PNSubscribeOperation",
    error: false,
  });
  assert.deepEqual(status.affectedChannels, []);
  assert.deepEqual(status.affectedChannelGroups, []);
  assert.equal(status.statusCode, undefined);
  assert.equal(status.errorData, undefined);
  assert.equal(status.currentTimetoken, undefined);
  assert.equal(status.lastTimetoken, undefined);
});

Deno.test("PNStatus: default affected lists are not shared between statuses", () => {
  const a = new PNStatus({
    category: "PNConnectedCategory",
    operation: "PNSubscribeOperation",
    error: false,
  });
  const b = new PNStatus({
    category: "PNConnectedCategory",
    operation: "PNSubscribeOperation",
    error: false,
  });
  a.affectedChannels.push("x");
  assert.deepEqual(b.affectedChannels, []);
});

const FULL: PNStatusInit = {
  category: "PNReconnectedCategory",
  operation: "PNSubscribeOperation",
  error: false,
  statusCode: 200,
  errorData: { message: "none" },
  affectedChannels: ["a", "b"],
  affectedChannelGroups: ["g"],
  currentTimetoken: "17000000000000001",
  lastTimetoken: "17000000000000000",
};

Deno.test("PNStatus: keeps every given field", () => {
  const status = new PNStatus(FULL);
  assert.equal(status.category, "PNReconnectedCategory");
  assert.equal(status.operation, "PNSubscribeOperation");
  assert.equal(status.statusCode, 200);
  assert.deepEqual(status.errorData, { message: "none" });
  assert.deepEqual(status.affectedChannels, ["a", "b"]);
  assert.deepEqual(status.affectedChannelGroups, ["g"]);
  assert.equal(status.currentTimetoken, "17000000000000001");
  assert.equal(status.lastTimetoken, "17000000000000000");
});

Deno.test("PNStatus.toJSON: a plain object with every field, error included", () => {
  assert.deepEqual(new PNStatus(FULL).toJSON(), FULL);
  assert.deepEqual(JSON.parse(JSON.stringify(new PNStatus({ ...FULL, error: true }))), {
    ...FULL,
    error: true,
  });
});

Deno.test("PNStatus.toJSON: defaults show up too", () => {
  const json = new PNStatus({
    category: "PNTimeoutCategory",
    operation: "PNTimeOperation",
    error: true,
  }).toJSON();
  assert.deepEqual(json, {
    category: "PNTimeoutCategory",
    operation: "PNTimeOperation",
    error: true,
    statusCode: undefined,
    errorData: undefined,
    affectedChannels: [],
    affectedChannelGroups: [],
    currentTimetoken: undefined,
    lastTimetoken: undefined,
  });
  assert.equal(
    JSON.stringify(json),
    '{"category":"PNTimeoutCategory","operation":"PNTimeOperation","error":true,"affectedChannels":[],"affectedChannelGroups":[]}',
  );
});
