/**
 * Runs a fixture's steps with a real client (the real fetch shell) against an origin, with a
 * manual clock and a constant random source injected, and collects what the client observes:
 * step outcomes, listener events, engine logs, `onError` reports. Shared by the replayer and the
 * recorder.
 *
 * @module
 */
import { ManualClock, type PNConfigurationOptions, type PNStatus, PubNub } from "./sdk.ts";
import type { Fixture, Step, WaitForStep } from "./fixture.ts";
import { show } from "./compare.ts";
import type { JsonValue } from "./sdk.ts";
import { isStorageStep, performStorageStep } from "./storage_steps.ts";
import {
  errorView,
  type Observations,
  plain,
  statusView,
  type StepOutcome,
} from "./observations.ts";

export { errorView, statusView } from "./observations.ts";
export type { ErrorView, Observations, StepOutcome } from "./observations.ts";

/**
 * What a session needs from its HTTP side.
 *
 * @example
 * ```ts
 * import type { SessionBackend } from "./session.ts";
 * const backend: SessionBackend = { origin: "127.0.0.1:8090", exchangesSeen: () => 0 };
 * ```
 */
export interface SessionBackend {
  /** Where the client sends its requests (`ssl: false`). */
  origin: string;
  /** How many exchanges have been requested so far (for `waitFor.exchange`). */
  exchangesSeen(): number;
}

/** How long a `waitFor` waits by default, in real milliseconds. */
export const DEFAULT_WAIT_MS = 2000;

/**
 * A client driven by fixture steps.
 *
 * @example
 * ```ts ignore
 * import { Session } from "./session.ts";
 * const session = new Session(fixture, { origin: server.origin, exchangesSeen: () => 0 });
 * const { outcomes, failures } = await session.run();
 * await session.close();
 * ```
 */
export class Session {
  /** The client. */
  readonly pubnub: PubNub;
  /** The injected clock. */
  readonly clock: ManualClock;
  readonly #backend: SessionBackend;
  readonly #steps: readonly Step[];
  readonly #observed: Observations = {
    statuses: [],
    messages: [],
    presence: [],
    signals: [],
    messageActions: [],
    engine: { subscribe: [], presence: [] },
    onError: [],
  };
  readonly #statusObjects: PNStatus[] = [];
  readonly #waitMs: number;
  #activity = 0;

  /**
   * Builds the client for a fixture (or a recording script with the same fields). `waitMs` is
   * how long a `waitFor` without its own `timeoutMs` waits.
   */
  constructor(
    fixture: Pick<Fixture, "config" | "steps" | "random" | "clockStart">,
    backend: SessionBackend,
    waitMs = DEFAULT_WAIT_MS,
  ) {
    this.#backend = backend;
    this.#waitMs = waitMs;
    this.#steps = fixture.steps;
    this.clock = new ManualClock(fixture.clockStart ?? 1_700_000_000_000);
    const random = fixture.random ?? 0;
    let requestCounter = 0;
    const config: PNConfigurationOptions = {
      ...fixture.config,
      origin: backend.origin,
      ssl: false,
    };
    this.pubnub = new PubNub(config, {
      clock: this.clock,
      random: () => random,
      requestId: () => `conformance-${++requestCounter}`,
      onError: (error) => {
        this.#activity++;
        this.#observed.onError.push(error instanceof Error ? error.message : String(error));
      },
    });
    const observed = this.#observed;
    this.pubnub.addListener({
      status: (_p, status) => {
        this.#activity++;
        this.#statusObjects.push(status);
        observed.statuses.push(statusView(status));
      },
      message: (_p, message) => {
        this.#activity++;
        observed.messages.push(plain(message));
      },
      presence: (_p, presence) => {
        this.#activity++;
        observed.presence.push(plain(presence));
      },
      signal: (_p, signal) => {
        this.#activity++;
        observed.signals.push(plain(signal));
      },
      messageAction: (_p, action) => {
        this.#activity++;
        observed.messageActions.push(plain(action));
      },
    });
    this.pubnub.observeEngine((entry) => {
      this.#activity++;
      observed.engine[entry.engine].push(entry.name);
    });
  }

  /** A counter that moves whenever the client observes something (for settling). */
  get activity(): number {
    return this.#activity;
  }

  /** A deep copy of what has been observed so far. */
  snapshot(): Observations {
    return structuredClone(this.#observed);
  }

  /**
   * Runs the steps in order (calling `beforeStep` first, for a recording's other actors). Returns each step's outcome and the failures of control steps
   * (a `waitFor` that timed out, an `expectTimers` that differed). Never throws.
   */
  async run(
    beforeStep?: (index: number) => Promise<void>,
  ): Promise<{ outcomes: StepOutcome[]; failures: string[] }> {
    const outcomes: StepOutcome[] = [];
    const failures: string[] = [];
    for (const [index, step] of this.#steps.entries()) {
      if (beforeStep) await beforeStep(index);
      const outcome: StepOutcome = { index, op: step.op };
      try {
        await this.#perform(step, outcome, failures, index, outcomes);
      } catch (error) {
        outcome.error = errorView(error);
      }
      outcomes.push(outcome);
    }
    return { outcomes, failures };
  }

  async #perform(
    step: Step,
    outcome: StepOutcome,
    failures: string[],
    index: number,
    earlier: readonly StepOutcome[],
  ): Promise<void> {
    const pubnub = this.pubnub;
    const where = `step #${index} (${step.op})`;
    if (isStorageStep(step)) {
      // A timetoken a recording could not know in advance: read from an earlier step's result.
      const timetokenFrom = (from: number, fields: string[]) => {
        const result = earlier[from]?.result as Record<string, unknown> | undefined;
        const found = fields.map((f) => result?.[f]).find((v) => typeof v === "string");
        if (typeof found !== "string") {
          throw new Error(`${where}: step #${from} has no ${fields.join(" or ")} in its result`);
        }
        return found;
      };
      outcome.result = await performStorageStep(pubnub, step, timetokenFrom);
      return;
    }
    switch (step.op) {
      case "publish":
      case "fire": {
        const a = step.args;
        const builder = (step.op === "publish" ? pubnub.publish() : pubnub.fire())
          .channel(a.channel).message(a.message as JsonValue);
        if (a.meta !== undefined) builder.meta(a.meta);
        if (a.shouldStore !== undefined) builder.shouldStore(a.shouldStore);
        if (a.usePost !== undefined) builder.usePost(a.usePost);
        if (a.ttl !== undefined) builder.ttl(a.ttl);
        if (a.customMessageType !== undefined) builder.customMessageType(a.customMessageType);
        if (a.replicate !== undefined) builder.replicate(a.replicate);
        if (a.ptto !== undefined) builder.ptto(a.ptto);
        outcome.result = (await builder.future()).result;
        return;
      }
      case "signal":
        outcome.result = (await pubnub.signal().channel(step.args.channel)
          .message(step.args.message as JsonValue).future()).result;
        return;
      case "time":
        outcome.result = (await pubnub.time().future()).result;
        return;
      case "hereNow": {
        const a = step.args;
        const builder = pubnub.hereNow();
        if (a.channels) builder.channels(a.channels);
        if (a.channelGroups) builder.channelGroups(a.channelGroups);
        if (a.includeUuids !== undefined) builder.includeUuids(a.includeUuids);
        if (a.includeState !== undefined) builder.includeState(a.includeState);
        outcome.result = (await builder.future()).result;
        return;
      }
      case "subscribe": {
        const a = step.args;
        const builder = pubnub.subscribe();
        if (a.channels) builder.channels(a.channels);
        if (a.channelGroups) builder.channelGroups(a.channelGroups);
        if (a.withPresence) builder.withPresence();
        if (a.timetoken !== undefined) builder.withTimetoken(a.timetoken);
        builder.execute();
        return;
      }
      case "unsubscribe": {
        const builder = pubnub.unsubscribe();
        if (step.args.channels) builder.channels(step.args.channels);
        if (step.args.channelGroups) builder.channelGroups(step.args.channelGroups);
        builder.execute();
        return;
      }
      case "unsubscribeAll":
        pubnub.unsubscribeAll();
        return;
      case "disconnect":
        pubnub.disconnect();
        return;
      case "reconnect":
        pubnub.reconnect(step.args?.timetoken);
        return;
      case "advanceClock":
        await this.clock.advance(step.ms);
        return;
      case "expectTimers": {
        const want = [...step.delays].sort((a, b) => a - b);
        const ok = await this.#until(
          () => show(this.clock.pendingDelays()) === show(want),
          500,
        );
        if (!ok) {
          failures.push(
            `${where}: expected pending timers ${show(want)} on the manual clock but got ${
              show(this.clock.pendingDelays())
            }`,
          );
        }
        return;
      }
      case "waitFor": {
        const ok = await this.#until(() => this.#satisfied(step), step.timeoutMs ?? this.#waitMs);
        if (!ok) failures.push(`${where}: timed out waiting for ${this.#describeWait(step)}`);
        return;
      }
    }
  }

  #satisfied(step: WaitForStep): boolean {
    const o = this.#observed;
    if (step.exchange !== undefined && this.#backend.exchangesSeen() <= step.exchange) return false;
    if (step.status !== undefined) {
      const count = o.statuses.filter((s) => s.category === step.status).length;
      if (count < (step.statusCount ?? 1)) return false;
    }
    if (step.statuses !== undefined && o.statuses.length < step.statuses) return false;
    if (step.messages !== undefined && o.messages.length < step.messages) return false;
    if (step.presence !== undefined && o.presence.length < step.presence) return false;
    if (step.signals !== undefined && o.signals.length < step.signals) return false;
    if (step.messageActions !== undefined && o.messageActions.length < step.messageActions) {
      return false;
    }
    if (
      step.presenceEvent !== undefined && !o.presence.some((p) => p.event === step.presenceEvent)
    ) return false;
    if (step.timers !== undefined && this.clock.pending < step.timers) return false;
    if (step.engine) {
      const { engine, name, count = 1 } = step.engine;
      const logs = engine ? o.engine[engine] : [...o.engine.subscribe, ...o.engine.presence];
      if (logs.filter((n) => n === name).length < count) return false;
    }
    return true;
  }

  #describeWait(step: WaitForStep): string {
    const o = this.#observed;
    const parts: string[] = [];
    if (step.exchange !== undefined) {
      parts.push(`exchange #${step.exchange} (seen ${this.#backend.exchangesSeen()})`);
    }
    if (step.status !== undefined) {
      parts.push(
        `${step.statusCount ?? 1} status(es) ${step.status} (statuses so far: ${
          o.statuses.map((s) => s.category).join(", ") || "none"
        })`,
      );
    }
    if (step.statuses !== undefined) parts.push(`${step.statuses} statuses`);
    if (step.messages !== undefined) {
      parts.push(`${step.messages} message(s) (got ${o.messages.length})`);
    }
    if (step.presence !== undefined) {
      parts.push(`${step.presence} presence event(s) (got ${o.presence.length})`);
    }
    if (step.presenceEvent !== undefined) {
      parts.push(
        `a presence event "${step.presenceEvent}" (got ${
          o.presence.map((p) => p.event).join(", ") || "none"
        })`,
      );
    }
    if (step.signals !== undefined) {
      parts.push(`${step.signals} signal(s) (got ${o.signals.length})`);
    }
    if (step.messageActions !== undefined) {
      parts.push(`${step.messageActions} message action event(s) (got ${o.messageActions.length})`);
    }
    if (step.timers !== undefined) {
      parts.push(`${step.timers} timer(s) (pending ${this.clock.pending})`);
    }
    if (step.engine) {
      parts.push(
        `engine entry ${step.engine.name} ×${step.engine.count ?? 1} (subscribe log: ${
          o.engine.subscribe.join(", ")
        }; presence log: ${o.engine.presence.join(", ")})`,
      );
    }
    return parts.join(" and ");
  }

  async #until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (condition()) return true;
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }

  /**
   * Waits until nothing new has been observed for `quietMs` real milliseconds (at most
   * `maxMs`), so a run's tail (the next long-poll, a late status) is in the snapshot.
   */
  async settle(quietMs: number, maxMs = 2000, extra: () => number = () => 0): Promise<void> {
    const deadline = Date.now() + maxMs;
    let last = this.#activity + extra();
    let quietSince = Date.now();
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      const now = this.#activity + extra();
      if (now !== last) {
        last = now;
        quietSince = Date.now();
      } else if (Date.now() - quietSince >= quietMs) {
        return;
      }
    }
  }

  /** Stops the client (unsubscribes, cancels everything), bounded in time. */
  async close(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      this.pubnub.stop(),
      new Promise((resolve) => timer = setTimeout(resolve, 2000)),
    ]);
    clearTimeout(timer);
  }
}
