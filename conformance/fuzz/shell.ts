/**
 * Fuzz target 3: the real client against a loopback server that serves mutated answers, with a
 * manual clock driving the subscribe loop's retries.
 *
 * @module
 */
import { PubNubError } from "../../src/core/error.ts";
import type { PNStatus } from "../../src/core/status.ts";
import { ManualClock } from "../../src/shell/clock.ts";
import { PubNub } from "../../src/shell/pubnub.ts";
import { startLoopbackServer } from "../loopback.ts";
import { KNOWN_CATEGORIES } from "./categories.ts";
import { type Mutant, mutate } from "./mutate.ts";
import type { Random } from "./random.ts";
import type { CallKind, Seed } from "./seeds.ts";
/**
 * Stage 3: the real shell against a loopback server serving mutated answers. Calls (publish,
 * signal, time, here-now) must settle within `boundMs` with a result or a `PubNubError` whose
 * category is known; the subscribe loop, fed mutated long-poll answers and driven by a manual
 * clock, must only ever emit statuses with known categories and stop within the bound.
 *
 * @example
 * ```ts ignore
 * import { fuzzShell } from "./shell.ts";
 * import { Random } from "./random.ts";
 * const problems: string[] = [];
 * await fuzzShell(new Random(1), seeds, 10, problems);
 * ```
 */
export async function fuzzShell(
  random: Random,
  seeds: readonly Seed[],
  count: number,
  problems: string[],
  boundMs = 3000,
): Promise<number> {
  const byKind = (kind: CallKind) => seeds.filter((s) => s.kind === kind);
  const callSeeds = seeds.filter((s) => ["publish", "signal", "time", "hereNow"].includes(s.kind));
  const subscribeSeeds = byKind("subscribe");
  let serve: () => Mutant = () => ({
    status: 200,
    headers: {},
    body: new Uint8Array(),
    mutation: "",
  });
  const server = await startLoopbackServer((request) => {
    const mutant = serve();
    const headers = new Headers();
    let typed = false;
    for (const [name, value] of Object.entries(mutant.headers)) {
      if (name.toLowerCase() === "content-type") typed = true;
      if (value !== null) headers.set(name, value);
    }
    if (!typed) headers.set("content-type", 'text/javascript; charset="UTF-8"');
    // Drain the request; a mutant answer is all this server does.
    void request.body?.cancel();
    return new Response(mutant.body, { status: mutant.status, headers });
  });
  let calls = 0;
  const clock = new ManualClock();
  const reported: string[] = [];
  const pubnub = new PubNub({
    publishKey: "pub-key",
    subscribeKey: "sub-key",
    userId: "fuzz",
    origin: server.origin,
    ssl: false,
    reconnectionPolicy: "LINEAR",
    maximumReconnectionRetries: -1,
    nonSubscribeRequestTimeout: 2,
  }, {
    clock,
    random: () => random.next(),
    onError: (error) => reported.push(String(error)),
  });
  const statuses: PNStatus[] = [];
  pubnub.addListener({
    status: (_p, s) => statuses.push(s),
    message: () => {},
    presence: () => {},
    signal: () => {},
  });
  const within = async <T>(what: string, promise: Promise<T>): Promise<T | undefined> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const result = await Promise.race([
      promise,
      new Promise<"hung">((resolve) => timer = setTimeout(() => resolve("hung"), boundMs)),
    ]);
    clearTimeout(timer);
    if (result === "hung") {
      problems.push(`shell: ${what} did not settle within ${boundMs} ms`);
      return undefined;
    }
    return result as T;
  };
  try {
    for (let i = 0; i < count; i++) {
      // A call answered with a mutant.
      const seed = random.pick(callSeeds);
      const mutant = mutate(random, seed);
      serve = () => mutant;
      const call = seed.kind === "time"
        ? pubnub.time().future()
        : seed.kind === "hereNow"
        ? pubnub.hereNow().channels(["ch"]).future()
        : seed.kind === "signal"
        ? pubnub.signal().channel("ch").message("s").future()
        : pubnub.publish().channel("ch").message("m").future();
      const settled = await within(
        `${seed.kind} answered with (${mutant.mutation})`,
        call.then(() => undefined, (error) => error),
      );
      calls++;
      if (settled !== undefined) {
        if (!(settled instanceof PubNubError)) {
          problems.push(
            `shell: ${seed.kind} (${mutant.mutation}) rejected with a non-PubNubError: ${
              String(settled)
            }`,
          );
        } else if (!KNOWN_CATEGORIES.has(settled.status.category)) {
          problems.push(
            `shell: ${seed.kind} (${mutant.mutation}) category ${settled.status.category}`,
          );
        }
      }

      // The subscribe loop fed mutants; the clock drives its retries.
      if (subscribeSeeds.length > 0 && i % 2 === 0) {
        const mutants = Array.from(
          { length: 4 },
          () => mutate(random, random.pick(subscribeSeeds)),
        );
        let next = 0;
        serve = () => mutants[Math.min(next++, mutants.length - 1)];
        pubnub.subscribe().channels([random.pick(["a", "b"])]).execute();
        for (let step = 0; step < 4; step++) {
          await new Promise((resolve) => setTimeout(resolve, 2));
          await clock.advance(200_000);
        }
        pubnub.unsubscribeAll();
        calls++;
      }
    }
    for (const status of statuses) {
      if (!KNOWN_CATEGORIES.has(status.category)) {
        problems.push(`shell: a status with an unknown category ${String(status.category)}`);
      }
    }
    for (const report of reported) {
      if (!/does not decode/.test(report)) problems.push(`shell: onError reported ${report}`);
    }
  } finally {
    await within("stop()", pubnub.stop());
    await server.close();
  }
  return calls;
}
