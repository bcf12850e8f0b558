/**
 * Type-level tests: `deno task check` type-checks this file, so every `@ts-expect-error` line
 * must fail to compile (an unused one is an error itself), and every other line must compile.
 * The test below runs the same calls, sending nothing (no builder is awaited, no stream pulled).
 */
import assert from "node:assert/strict";
import {
  type JsonValue,
  type Listener,
  type PNFetchedMessage,
  type PNMessageResult,
  type PNPresenceEventResult,
  PubNub,
  SubscribeListener,
} from "../../mod.ts";

interface Chat {
  text: string;
  sentAt?: number;
  tags: string[];
}

/** Compiles only when `A` and `B` are the same type. */
function sameType<A, B>(_proof: [A] extends [B] ? ([B] extends [A] ? true : never) : never) {}

function messageTypes(pubnub: PubNub) {
  const chat: Chat = { text: "hi", tags: [] };
  pubnub.publish().channel("a").message(chat);
  pubnub.publish().channel("a").message({ text: "hi", nested: [1, null, { ok: true }] });
  pubnub.signal().channel("a").message("typing");
  pubnub.fire().channel("a").message([1, 2, 3]);
  const json: JsonValue = { any: ["json"] };
  pubnub.publish().channel("a").message(json);

  // @ts-expect-error a Map is not JSON (JSON would send {})
  pubnub.publish().channel("a").message(new Map());
  // @ts-expect-error undefined is not JSON
  pubnub.publish().channel("a").message(undefined);
  // @ts-expect-error a Date is not JSON (JSON would send a string)
  pubnub.publish().channel("a").message({ at: new Date() });
  // @ts-expect-error a Set, deep inside
  pubnub.fire().channel("a").message({ a: [{ b: new Set([1]) }] });
  // @ts-expect-error a typed array
  pubnub.signal().channel("a").message(new Uint8Array(1));
  // @ts-expect-error a function
  pubnub.publish().channel("a").message({ onClick: () => 1 });
  // @ts-expect-error a bigint
  pubnub.publish().channel("a").message(1n);
  // @ts-expect-error a value of unknown type must be narrowed (or typed JsonValue) first
  pubnub.publish().channel("a").message(JSON.parse("1") as unknown);
}

async function resultTypes(pubnub: PubNub, signal: AbortSignal) {
  for await (const m of pubnub.messages<Chat>({ channels: ["a"], signal })) {
    sameType<typeof m, PNMessageResult<Chat>>(true);
    const text: string = m.message.text;
    void text;
    // @ts-expect-error Chat has no `body`
    void m.message.body;
  }
  for await (const m of pubnub.messages({ channels: ["a"], signal })) {
    sameType<typeof m.message, unknown>(true);
  }
  const { result } = await pubnub.fetchMessages<Chat>().channels(["a"]);
  sameType<typeof result.channels.a, PNFetchedMessage<Chat>[]>(true);
  const first: string | undefined = result.channels.a?.[0]?.message.text;
  void first;

  const listener: Listener<PubNub, Chat> = {
    message: (_pubnub, m) => void m.message.tags.length,
    signal: (_pubnub, s) => void s.message.text,
  };
  pubnub.addListener(listener);
  const waiting = new SubscribeListener<Chat>();
  pubnub.addListener(waiting);
  const next = await waiting.waitForMessageOn("a", { timeoutMs: 1000 });
  sameType<typeof next.message, Chat>(true);

  const status = await pubnub.subscribe().channels("a").execute();
  void status.category;
  const { result: sent } = await pubnub.publish().channel("a").message(1);
  void sent.timetoken;
}

function presenceNarrowing(p: PNPresenceEventResult): string {
  // @ts-expect-error not every presence event has a uuid string: narrow on `event` first
  const anyone: string = p.uuid;
  void anyone;
  switch (p.event) {
    case "join":
    case "leave":
    case "timeout": {
      const who: string = p.uuid;
      const count: number = p.occupancy;
      // @ts-expect-error only an interval carries the lists
      void p.joined;
      return `${who} ${count}`;
    }
    case "state-change": {
      const who: string = p.uuid;
      return `${who} ${JSON.stringify(p.state)}`;
    }
    case "interval": {
      const count: number = p.occupancy;
      const joined: string[] | undefined = p.joined;
      const refresh: boolean | undefined = p.hereNowRefresh;
      sameType<typeof p.uuid, undefined>(true);
      return `${count} ${joined?.length} ${refresh}`;
    }
    default: {
      const never: never = p;
      return never;
    }
  }
}

Deno.test("the typed calls above run: builders that are not awaited send nothing", () => {
  let fetched = 0;
  const pubnub = new PubNub({ publishKey: "p", subscribeKey: "s", userId: "u" }, {
    fetch: () => {
      fetched++;
      return Promise.reject(new Error("nothing may be sent"));
    },
  });
  messageTypes(pubnub);
  assert.equal(fetched, 0);
  assert.equal(typeof resultTypes, "function");
  assert.equal(
    presenceNarrowing({
      event: "join",
      uuid: "u1",
      occupancy: 2,
      state: undefined,
      timestamp: 1,
      subscription: undefined,
      channel: "a",
      timetoken: "1",
      userMetadata: undefined,
    }),
    "u1 2",
  );
});
