/**
 * The harness's own tests: for each scenario family, a fixture changed the way a broken SDK
 * would behave (or a broken server would answer) fails, with the diff naming the exchange, step
 * or observation and the field. The SDK itself is never edited: the fixture's expectation (or
 * the bytes it serves) is mutated instead.
 */
import assert from "node:assert/strict";
import { startServer } from "../server.ts";
import { matchList, matchNames, matchSubset } from "./compare.ts";
import { checkFixture, type Fixture, laneOf, loadFixture } from "./fixture.ts";
import { recordFixture } from "./record.ts";
import { replayFixture } from "./replay.ts";
import { parseRecordArgs } from "../scripts/record.ts";

/** Mutated fixtures are expected to fail: do not wait long for what will not come. */
const FAST = { waitMs: 300, tailMs: 200 };

async function fixture(name: string): Promise<Fixture> {
  return await loadFixture(new URL(`../fixtures/${name}.json`, import.meta.url));
}

/** Replays `name` after `change`, asserts it fails and that some failure line matches `pattern`. */
async function failsWith(
  name: string,
  change: (f: Fixture) => void,
  pattern: RegExp,
): Promise<string[]> {
  const f = structuredClone(await fixture(name));
  change(f);
  const report = await replayFixture(f, FAST);
  assert.equal(report.ok, false, `${name}: the mutated fixture passed`);
  assert.ok(
    report.failures.some((line) => pattern.test(line)),
    `${name}: no failure matches ${pattern}:\n  ${report.failures.join("\n  ")}`,
  );
  return report.failures;
}

// Publish errors (docs/protocol.md "Error bodies"): a wrong category, a lost errorData field, a
// wrong status code.
Deno.test("publish errors: an SDK that reported 403 as a bad request fails on the category", async () => {
  await failsWith(
    "publish_forbidden",
    (f) => {
      (f.steps[0] as { expect: { error: { category: string } } }).expect.error.category =
        "PNBadRequestCategory";
    },
    /^step #0 \(publish\) error\.category: expected "PNBadRequestCategory" but got "PNAccessDeniedCategory"$/,
  );
});

Deno.test("publish errors: an SDK that dropped the 403 payload fails on errorData.payload", async () => {
  await failsWith("publish_forbidden", (f) => {
    f.exchanges[0].response!.body =
      '{"message":"Forbidden","error":true,"service":"Access Manager","status":403}';
  }, /^step #0 \(publish\) error\.errorData\.payload: expected an object .* but got \(absent\)$/);
});

Deno.test("publish errors: an SDK that ignored Retry-After fails on errorData.retryAfter", async () => {
  await failsWith("publish_rate_limited", (f) => {
    delete f.exchanges[0].response!.headers;
  }, /error\.errorData\.retryAfter: expected 2 but got \(absent\)/);
});

Deno.test("publish errors: a call that succeeded where the fixture expects an error is named", async () => {
  await failsWith(
    "publish_malformed_body",
    (f) => {
      f.exchanges[0].response!.body = '[1,"Sent","17000000000000000"]';
    },
    /^step #0 \(publish\): expected an error .* but it succeeded with \{"timetoken":"17000000000000000"\}$/,
  );
});

Deno.test("publish errors: a timeout classified as a network error fails on the category", async () => {
  await failsWith("publish_timeout", (f) => {
    f.exchanges[0].fault = "reset";
  }, /error\.category: expected "PNTimeoutCategory" but got "PNNetworkIssuesCategory"/);
});

// Client-side refusals: nothing may be sent.
Deno.test("client-side refusal: an SDK that sent the oversized signal meets an unexpected request", async () => {
  const f = structuredClone(await fixture("signal_too_large_client_refusal"));
  f.config.publishKey = "pub-key";
  // Raise nothing: instead, replay a fixture that expects the refusal while the SDK *sends*
  // (a signal small enough to be sent stands for an SDK without the check).
  (f.steps[0] as { args: { message: unknown } }).args.message = "small";
  const report = await replayFixture(f, FAST);
  assert.ok(
    report.failures.some((l) =>
      /^unexpected request #0 on lane "rest": GET \/signal\/pub-key\/sub-key\/0\/ch\/0\/%22small%22/
        .test(l)
    ),
    report.failures.join("\n"),
  );
  assert.ok(
    report.failures.some((l) =>
      l ===
        'step #0 (signal) error.category: expected "PNValidationErrorCategory" but got "PNServerErrorCategory"'
    ),
    report.failures.join("\n"),
  );
});

Deno.test("client-side refusal: a fixture expecting a request that never comes reports it missing", async () => {
  await failsWith(
    "publish_too_large_client_refusal",
    (f) => {
      f.exchanges.push({
        request: { method: "GET", path: "/publish/pub-key/sub-key/0/ch/0/x" },
        response: { status: 200, body: '[1,"Sent","1"]' },
      });
    },
    /^missing request: exchange #0 \[rest\] GET \/publish\/pub-key\/sub-key\/0\/ch\/0\/x was never requested$/,
  );
});

// Reconnect gaps: duplicates, loss, the wrong catch-up timetoken, the wrong delays.
Deno.test("reconnect gap: a duplicated message fails the message list", async () => {
  await failsWith("reconnect_gap_receive_failure", (f) => {
    // The catch-up answer repeats message 1: an SDK that caught up from the handshake timetoken
    // would see exactly this from a real server.
    const body = JSON.parse(f.exchanges[4].response!.body!);
    const first = JSON.parse(f.exchanges[1].response!.body!).m[0];
    body.m.unshift(first);
    f.exchanges[4].response!.body = JSON.stringify(body);
  }, /^messages: expected 3 item\(s\) but got 4; first difference at \[1\]/);
});

Deno.test("reconnect gap: catching up from the wrong timetoken fails on exchange and field", async () => {
  await failsWith(
    "reconnect_gap_receive_failure",
    (f) => {
      f.exchanges[4].request.query!.tt = "17000000000000000";
    },
    /^exchange #4 \[subscribe\] \(second retry catches up\) request\.query\.tt: expected "17000000000000000" but got "17000000000000101"$/,
  );
});

Deno.test("reconnect gap: a retry policy with other delays fails on the manual clock", async () => {
  await failsWith(
    "reconnect_gap_receive_failure",
    (f) => {
      f.steps[3] = { op: "expectTimers", delays: [2000] };
    },
    /^step #3 \(expectTimers\): expected pending timers \[2000\] on the manual clock but got \[2250\]$/,
  );
});

Deno.test("reconnect gap: a missing Reconnected status fails the status list", async () => {
  await failsWith("reconnect_gap_receive_failure", (f) => {
    f.expect.statuses!.pop();
  }, /^statuses: expected 1 item\(s\) but got 2; first difference at \[1\]/);
});

Deno.test("disconnect/reconnect: resuming from the new handshake's timetoken is caught", async () => {
  await failsWith(
    "reconnect_gap_disconnect_reconnect",
    (f) => {
      f.exchanges[4].request.query!.tt = "17000000000000900";
    },
    /^exchange #4 \[subscribe\] .*request\.query\.tt: expected "17000000000000900" but got "17000000000000101"$/,
  );
});

Deno.test("unsubscribeAll: an SDK that kept the old timetoken fails on the new handshake's long-poll", async () => {
  await failsWith(
    "unsubscribe_all_then_subscribe_new_timetoken",
    (f) => {
      f.exchanges[5].request.query!.tt = "17000000000000101";
    },
    /^exchange #5 \[subscribe\] \(from the new timetoken\) request\.query\.tt: expected "17000000000000101" but got "17000000000000500"$/,
  );
});

// Engine logs (docs/protocol.md "Subscribe engine example log", "Heartbeat engine example log").
Deno.test("subscribe engine: a different log order fails naming the index", async () => {
  await failsWith("subscribe_receive_one_message", (f) => {
    const log = f.expect.engine!.subscribe as string[];
    [log[3], log[4]] = [log[4], log[3]]; // EMIT_STATUS before CANCEL_HANDSHAKE
  }, /^engine\.subscribe\[3\]: expected "EMIT_STATUS" but got "CANCEL_HANDSHAKE"/);
});

Deno.test("subscribe engine: a handshake that sent tt fails on the request", async () => {
  await failsWith("handshake_failure_recovery", (f) => {
    f.exchanges[1].request.query = { tt: "0" };
  }, /^exchange #1 \[subscribe\] .*request\.query\.tt: expected "0" but got \(absent\)$/);
});

Deno.test("subscribe engine: an SDK that ignored maximumReconnectionRetries fails on the give-up", async () => {
  await failsWith(
    "handshake_give_up_then_reconnect",
    (f) => {
      // Same exchanges and expectations, but the client is told to retry once more: it behaves as
      // an SDK that ignored the configured 2 would, and never gives up where the fixture says.
      f.config.maximumReconnectionRetries = 3;
    },
    /^step #8 \(expectTimers\): expected pending timers \[\] on the manual clock but got \[2000\]$/,
  );
});

Deno.test("heartbeat engine: a missing leave is reported as an unexpected request", async () => {
  await failsWith(
    "heartbeat_give_up_and_leave",
    (f) => {
      f.exchanges.pop();
      f.steps.pop();
    },
    /^unexpected request #\d+ on lane "presence": GET \/v2\/presence\/sub-key\/sub-key\/channel\/room\/leave/,
  );
});

Deno.test("heartbeat engine: a different presence log fails naming the index", async () => {
  await failsWith("heartbeat_failure_recovery", (f) => {
    const log = f.expect.engine!.presence as string[];
    log.splice(5, 1); // drop CANCEL_WAIT
  }, /^engine\.presence\[5\]: expected "HEARTBEAT" but got "CANCEL_WAIT"/);
});

// Presence intervals.
Deno.test("presence: an interval read with the docs' names (joined) instead of the wire's fails", async () => {
  await failsWith("presence_interval_deltas", (f) => {
    const body = JSON.parse(f.exchanges[1].response!.body!);
    const d = body.m[0].d;
    d.joined = d.join;
    delete d.join;
    f.exchanges[1].response!.body = JSON.stringify(body);
  }, /^presence\[0\]\.joined: expected an array \["u26","u27"\] but got \(absent\)$/);
});

Deno.test("presence: an SDK that skipped the here-now after a refresh reports the missing request", async () => {
  await failsWith(
    "presence_here_now_refresh",
    (f) => {
      f.steps.pop();
    },
    /^missing request: exchange #3 \[rest\] GET \/v2\/presence\/sub-key\/sub-key\/channel\/room,lobby was never requested$/,
  );
});

// Storage and message actions (issue 12).
Deno.test("message actions: an SDK that delivered an action event as removed fails on the event", async () => {
  await failsWith(
    "subscribe_message_action_added_and_removed",
    (f) => {
      f.expect.messageActions![0].event = "removed";
    },
    /^messageActions\[0\]\.event: expected "removed" but got "added"$/,
  );
});

Deno.test("message actions: an SDK that missed the action events fails on the list's length", async () => {
  await failsWith(
    "subscribe_message_action_added_and_removed",
    (f) => {
      f.expect.messageActions!.push({ event: "added" });
    },
    /^messageActions: expected 3 item\(s\) but got 2/,
  );
});

Deno.test("history: an SDK that rounded the start timetoken fails on the result", async () => {
  await failsWith(
    "history_v2_timetokens_and_meta",
    (f) => {
      (f.steps[0] as { expect: { result: { startTimetoken: string } } }).expect.result
        .startTimetoken = "17000000000000004";
    },
    /^step #0 \(history\) result\.startTimetoken: expected "17000000000000004" but got "17000000000000003"$/,
  );
});

Deno.test("message actions: a timetoken taken from a step without one fails naming both steps", async () => {
  await failsWith(
    "message_actions_add_get_remove",
    (f) => {
      (f.steps[3] as { args: { actionTimetokenFromStep: number } }).args.actionTimetokenFromStep =
        3;
    },
    /step #3 \(removeMessageAction\): step #3 has no actionTimetoken in its result/,
  );
});

// The replayer itself.
Deno.test("replayer: a reset closes fetch's silent retry too, and the call sees a network error", async () => {
  const report = await replayFixture(await fixture("publish_connection_reset"));
  assert.equal(report.ok, true, report.failures.join("\n"));
  assert.equal(report.requests.length, 1);
  assert.equal(report.outcomes[0].error?.category, "PNNetworkIssuesCategory");
});

Deno.test("replayer: a fixture with the wrong shape is refused with the field named", () => {
  assert.throws(
    () =>
      checkFixture({
        name: "x",
        description: "d",
        source: "s",
        config: {},
        steps: [{ op: "jump" }],
        exchanges: [],
        expect: {},
      }),
    /steps\[0\]\.op is not one of/,
  );
});

Deno.test("replayer: lanes", () => {
  assert.equal(laneOf("/v2/subscribe/s/a,b/0"), "subscribe");
  assert.equal(laneOf("/v2/presence/sub-key/s/channel/a/heartbeat"), "presence");
  assert.equal(laneOf("/v2/presence/sub-key/s/channel/a/leave"), "presence");
  assert.equal(laneOf("/v2/presence/sub-key/s/channel/a"), "rest");
});

Deno.test("compare: subset, list and name diffs name the field", () => {
  const diffs: string[] = [];
  matchSubset({ a: { b: [1, 2] }, c: null }, { a: { b: [1, 3] }, d: 1 }, "x", diffs);
  assert.deepEqual(diffs, ["x.a.b[1]: expected 2 but got 3"]);
  const more: string[] = [];
  matchList([{ m: 1 }], [{ m: 1 }, { m: 1 }], "messages", more);
  assert.match(more[0], /^messages: expected 1 item\(s\) but got 2; first difference at \[1\]/);
  const names: string[] = [];
  matchNames(["A"], ["A", "B"], "engine.subscribe", names);
  assert.match(names[0], /^engine\.subscribe\[1\]: expected \(absent\) but got "B"/);
});

// The recorder: record from the local server, replay what was recorded.
Deno.test("recorder: a recording from the local server replays cleanly", async () => {
  const server = await startServer({ port: 0 });
  try {
    const fixture = await recordFixture({
      name: "roundtrip",
      description: "subscribe, publish to oneself, receive",
      steps: [
        { op: "subscribe", args: { channels: ["room"] } },
        { op: "waitFor", status: "PNConnectedCategory" },
        { op: "publish", args: { channel: "room", message: { n: 1 } } },
        { op: "waitFor", messages: 1 },
        { op: "time" },
      ],
    }, {
      origin: server.origin,
      ssl: false,
      publishKey: "pub-key",
      subscribeKey: "sub-key",
      source: "recorded from the local server",
      quietMs: 50,
    });
    assert.equal(fixture.source, "recorded from the local server");
    assert.ok(fixture.exchanges.some((e) => e.fault === "hang"), "the held long-poll is a hang");
    assert.deepEqual(fixture.expect.messages?.map((m) => m.message), [{ n: 1 }]);
    const report = await replayFixture(checkFixture(structuredClone(fixture)));
    assert.equal(report.ok, true, report.failures.join("\n"));
  } finally {
    await server.close();
  }
});

Deno.test("recorder: command line", () => {
  const parsed = parseRecordArgs([
    "--origin",
    "ps.pndsn.com",
    "--ssl",
    "--publish-key=pk",
    "--subscribe-key",
    "sk",
    "script.ts",
  ]);
  assert.equal(parsed.origin, "ps.pndsn.com");
  assert.equal(parsed.ssl, true);
  assert.equal(parsed.publishKey, "pk");
  assert.equal(parsed.subscribeKey, "sk");
  assert.equal(parsed.script, "script.ts");
  assert.throws(() => parseRecordArgs(["script.ts"]), /usage/);
});
