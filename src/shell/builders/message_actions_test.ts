/**
 * Message actions — add, get (with paging), remove, and the events subscribers receive — against
 * a loopback server that answers with the service's own answer shapes.
 */
import assert from "node:assert/strict";
import { PubNub } from "../pubnub.ts";
import { PubNubError } from "../../core/error.ts";
import type { PNMessageActionResult } from "../../core/subscribe/envelope.ts";
import {
  type RecordedRequest,
  type ScriptedAnswer,
  startScriptedServer,
} from "../../testing/scripted_server.ts";
import { forbiddenFetch, localClient, until } from "../../testing/local_clients.ts";

const MESSAGE_TT = "17000000000000001";
const ACTION_TT = "17000000000000005";
const ACTION = {
  type: "reaction",
  value: "👍",
  uuid: "u1",
  actionTimetoken: ACTION_TT,
  messageTimetoken: MESSAGE_TT,
};

async function withService(
  answer: (request: RecordedRequest, index: number) => ScriptedAnswer,
  run: (pubnub: PubNub, errors: unknown[]) => Promise<void>,
): Promise<RecordedRequest[]> {
  const server = await startScriptedServer(answer);
  const errors: unknown[] = [];
  const pubnub = new PubNub({
    subscribeKey: "sub",
    publishKey: "pub",
    userId: "u1",
    origin: server.origin,
    ssl: false,
  }, { onError: (error) => errors.push(error) });
  try {
    await run(pubnub, errors);
  } finally {
    await pubnub.stop();
    await server.close();
  }
  return server.requests;
}

function callQuery(request: RecordedRequest): string {
  return request.rawQuery.split("&").filter((p) => !/^(uuid|pnsdk|requestid)=/.test(p)).join("&");
}

Deno.test("addMessageAction: POST {type, value} to the message; resolves to the stored action", async () => {
  const requests = await withService(
    () => ({ status: 200, body: JSON.stringify({ status: 200, data: ACTION }) }),
    async (pubnub) => {
      const { result, status } = await pubnub.addMessageAction().channel("room 1")
        .messageTimetoken(MESSAGE_TT).action({ type: "reaction", value: "👍" }).future();
      assert.equal(status.operation, "PNAddMessageActionOperation");
      assert.deepEqual(result, ACTION);
    },
  );
  assert.equal(requests[0].method, "POST");
  assert.equal(requests[0].path, `/v1/message-actions/sub/channel/room%201/message/${MESSAGE_TT}`);
  assert.equal(requests[0].headers.get("content-type"), "application/json");
  assert.equal(requests[0].body, '{"type":"reaction","value":"👍"}');
});

Deno.test("getMessageActions: start, end, limit; the service's data and its more link page on", async () => {
  const older = { ...ACTION, value: "older", actionTimetoken: "17000000000000003" };
  const pages = [
    {
      status: 200,
      data: [ACTION],
      more: {
        url: `/v1/message-actions/sub/channel/a?start=${ACTION_TT}&end=17000000000000002&limit=1`,
        start: ACTION_TT,
        end: "17000000000000002",
        limit: 1,
      },
    },
    { status: 200, data: [older] },
  ];
  const requests = await withService(
    (_r, i) => ({ status: 200, body: JSON.stringify(pages[i]) }),
    async (pubnub) => {
      const first = await pubnub.getMessageActions().channel("a").start("17000000000000009")
        .end("17000000000000002").limit(1).future();
      assert.equal(first.status.operation, "PNGetMessageActionsOperation");
      assert.deepEqual(first.result.actions, [ACTION]);
      assert.deepEqual(first.result.more, pages[0].more);
      const next = await pubnub.getMessageActions().channel("a").start(first.result.more!.start!)
        .end("17000000000000002").limit(1).future();
      assert.deepEqual(next.result, { actions: [older] });
    },
  );
  assert.equal(requests[0].method, "GET");
  assert.equal(requests[0].path, "/v1/message-actions/sub/channel/a");
  assert.equal(callQuery(requests[0]), "start=17000000000000009&end=17000000000000002&limit=1");
  assert.equal(callQuery(requests[1]), `start=${ACTION_TT}&end=17000000000000002&limit=1`);
});

Deno.test("removeMessageAction: DELETE the action; the service's {data: {}} is success", async () => {
  const requests = await withService(
    () => ({ status: 200, body: '{"status": 200, "data": {}}' }),
    async (pubnub) => {
      const { result, status } = await pubnub.removeMessageAction().channel("a")
        .messageTimetoken(MESSAGE_TT).actionTimetoken(BigInt(ACTION_TT)).future();
      assert.deepEqual(result, {});
      assert.equal(status.operation, "PNRemoveMessageActionOperation");
    },
  );
  assert.equal(requests[0].method, "DELETE");
  assert.equal(
    requests[0].path,
    `/v1/message-actions/sub/channel/a/message/${MESSAGE_TT}/action/${ACTION_TT}`,
  );
});

Deno.test("message actions: the service's error object becomes the error's message", async () => {
  await withService(
    () => ({
      status: 400,
      body: '{"status":400,"error":{"message":"Invalid Subscribe Key","source":"actions"}}',
    }),
    async (pubnub) => {
      await assert.rejects(pubnub.getMessageActions().channel("a").future(), (error: unknown) => {
        assert.ok(error instanceof PubNubError);
        assert.equal(error.status.category, "PNBadRequestCategory");
        assert.equal(
          (error.status.errorData as { message: string }).message,
          "Invalid Subscribe Key",
        );
        return true;
      });
    },
  );
});

Deno.test("message actions refuse bad input with the rule and the numbers, and send nothing", async () => {
  const guard = forbiddenFetch();
  const pubnub = localClient("127.0.0.1:9", "u1", {}, { fetch: guard.fetch });
  const add = () => pubnub.addMessageAction().channel("a").messageTimetoken(MESSAGE_TT);
  const cases: [string, string, () => { future(): Promise<unknown> }][] = [
    [
      "PNAddMessageActionOperation",
      "Cannot add a message action: channel is empty",
      () =>
        pubnub.addMessageAction().messageTimetoken(MESSAGE_TT).action({ type: "r", value: "v" }),
    ],
    [
      "PNAddMessageActionOperation",
      "Cannot add a message action: messageTimetoken must be a timetoken (a string of up to 19 digits), got none",
      () => pubnub.addMessageAction().channel("a").action({ type: "r", value: "v" }),
    ],
    [
      "PNAddMessageActionOperation",
      "Cannot add a message action: the action type is 16 characters long, the limit is 15",
      () => add().action({ type: "x".repeat(16), value: "v" }),
    ],
    [
      "PNAddMessageActionOperation",
      "Cannot add a message action: the action value is empty; it must be a non-empty string",
      () => add().action({ type: "reaction", value: "" }),
    ],
    [
      "PNAddMessageActionOperation",
      "Cannot add a message action: the action type is empty; it must be a non-empty string",
      () => add().action({ type: "", value: "v" }),
    ],
    [
      "PNAddMessageActionOperation",
      "Cannot add a message action: the action must be an object { type, value }, got undefined",
      () => add(),
    ],
    [
      "PNGetMessageActionsOperation",
      "Cannot get message actions: limit must be a whole number from 1 to 100, got 101",
      () => pubnub.getMessageActions().channel("a").limit(101),
    ],
    [
      "PNGetMessageActionsOperation",
      "Cannot get message actions: channel is empty",
      () => pubnub.getMessageActions(),
    ],
    [
      "PNRemoveMessageActionOperation",
      'Cannot remove a message action: actionTimetoken must be a timetoken (a string of up to 19 digits), got "x"',
      () =>
        pubnub.removeMessageAction().channel("a").messageTimetoken(MESSAGE_TT).actionTimetoken("x"),
    ],
  ];
  for (const [operation, message, builder] of cases) {
    await assert.rejects(builder().future(), (error: unknown) => {
      assert.ok(error instanceof PubNubError, String(error));
      assert.equal(error.status.category, "PNValidationErrorCategory");
      assert.equal(error.status.operation, operation);
      assert.equal(error.message, message);
      return true;
    });
  }
  // Fifteen characters is within the limit: it gets as far as the network.
  await assert.rejects(
    add().action({ type: "x".repeat(15), value: "v" }).future(),
    (e: unknown) => {
      assert.ok(e instanceof PubNubError);
      assert.notEqual(e.status.category, "PNValidationErrorCategory");
      return true;
    },
  );
  assert.equal(guard.calls, 1);
  await pubnub.stop();
});

/** An action event as the service sends it on subscribe: who acted is the envelope's `i`. */
function actionEnvelope(event: "added" | "removed", tt: string, channel = "a") {
  return {
    a: "2",
    f: 0,
    e: 3,
    i: "u2",
    p: { t: tt, r: 1 },
    k: "sub",
    c: channel,
    d: {
      source: "actions",
      version: "1.0",
      data: {
        messageTimetoken: MESSAGE_TT,
        type: "reaction",
        actionTimetoken: ACTION_TT,
        value: "👍",
      },
      event,
    },
  };
}

function subscribeAnswers(): (request: RecordedRequest) => ScriptedAnswer {
  let polls = 0;
  return (request) => {
    if (!request.path.startsWith("/v2/subscribe/")) {
      return { status: 200, body: '{"status": 200, "message": "OK", "service": "Presence"}' };
    }
    polls++;
    if (polls === 1) {
      return { status: 200, body: JSON.stringify({ t: { t: "17000000000000006", r: 1 }, m: [] }) };
    }
    if (polls === 2) {
      return {
        status: 200,
        body: JSON.stringify({
          t: { t: "17000000000000008", r: 1 },
          m: [
            actionEnvelope("added", "17000000000000007"),
            actionEnvelope("removed", "17000000000000008"),
          ],
        }),
      };
    }
    return { fault: "hang" };
  };
}

const EXPECTED_EVENTS: PNMessageActionResult[] = ["added", "removed"].map((event, i) => ({
  channel: "a",
  subscription: undefined,
  publisher: "u2",
  timetoken: `1700000000000000${7 + i}`,
  event: event as "added" | "removed",
  data: {
    type: "reaction",
    value: "👍",
    uuid: "u2",
    messageTimetoken: MESSAGE_TT,
    actionTimetoken: ACTION_TT,
  },
}));

Deno.test("subscribers receive e: 3 envelopes as messageAction events, not as errors", async () => {
  await withService(subscribeAnswers(), async (pubnub, errors) => {
    const events: PNMessageActionResult[] = [];
    const messages: unknown[] = [];
    pubnub.addListener({
      messageAction: (client, event) => {
        assert.equal(client, pubnub);
        events.push(event);
      },
      message: (_p, m) => messages.push(m),
    });
    pubnub.subscribe().channels("a").execute();
    await until(() => events.length === 2, "two message action events");
    assert.deepEqual(events, EXPECTED_EVENTS);
    assert.deepEqual(messages, []);
    assert.deepEqual(errors, []);
  });
});

Deno.test("messageActions(): the same events on an async iterator", async () => {
  await withService(subscribeAnswers(), async (pubnub, errors) => {
    const seen: PNMessageActionResult[] = [];
    for await (const event of pubnub.messageActions({ channels: ["a"] })) {
      seen.push(event);
      if (seen.length === 2) break;
    }
    assert.deepEqual(seen, EXPECTED_EVENTS);
    assert.deepEqual(errors, []);
  });
});
