import { isPresenceName } from "../../core/wire/names.ts";
import type { Keyset } from "./keyset.ts";
import type { Outcome } from "./model_publish.ts";
import type { Occupant } from "./presence.ts";
import { presenceRefusal } from "./presence_limits.ts";
import type { ModelSettings } from "./settings.ts";
import type { TimetokenGenerator } from "./timetoken_generator.ts";

/**
 * Who does a presence operation, and where.
 *
 * @example
 * ```ts
 * import type { PresenceRequest } from "./model.ts";
 * const r: PresenceRequest = { subKey: "demo", uuid: "u", channels: ["a"], groups: ["g"] };
 * ```
 */
export interface PresenceRequest {
  /** Subscribe key. */
  subKey: string;
  /** The uuid. */
  uuid: string;
  /** Channels named. */
  channels: readonly string[];
  /** Groups named. */
  groups: readonly string[];
}

/**
 * Records a heartbeat on a keyset (see `PubSubModel.heartbeat`): joins, expiries, and the
 * state it sends, announced as presence events.
 *
 * @example
 * ```ts
 * import { heartbeatOn } from "./model_presence.ts";
 * import { Keyset } from "./keyset.ts";
 * import { resolveModelSettings } from "./settings.ts";
 * import { TimetokenGenerator } from "./timetoken_generator.ts";
 * const settings = resolveModelSettings({});
 * const request = { subKey: "demo", uuid: "u", channels: ["a"], groups: [] };
 * heartbeatOn(new Keyset("demo", settings), settings, new TimetokenGenerator(), 0, request).envelopes[0].channel; // "a-pnpres"
 * ```
 */
export function heartbeatOn(
  keyset: Keyset,
  settings: ModelSettings,
  tokens: TimetokenGenerator,
  now: number,
  request: PresenceRequest & { timeoutSeconds?: number; state?: Record<string, unknown> },
): Outcome {
  const targets = keyset.presenceTargets(request.channels, request.groups);
  if (targets.length === 0) return { envelopes: [] };
  const presence = keyset.presence;
  const refused = presenceRefusal(presence, settings, request.uuid, targets, request.state);
  if (refused !== undefined) return { envelopes: [], refused };
  const timeout = timeoutOf(settings, request.timeoutSeconds);
  const wasPresent = new Set(targets.filter((c) => presence.isPresent(request.uuid, c)));
  const events = [];
  const changed: [string, Record<string, unknown>][] = [];
  const joinState: Record<string, Record<string, unknown>> = {};
  for (const [channel, value] of Object.entries(request.state ?? {})) {
    if (!targets.includes(channel) || !isPlainObject(value)) continue;
    const same =
      JSON.stringify(presence.stateOf(request.uuid, channel) ?? {}) === JSON.stringify(value);
    if (wasPresent.has(channel)) {
      if (!same) changed.push([channel, value]);
      continue;
    }
    if (!same) presence.setState(now, request.uuid, channel, value);
    joinState[channel] = value; // announced by the join, as `data`
  }
  events.push(...presence.heartbeat(now, request.uuid, targets, timeout, joinState));
  for (const [channel, value] of changed) {
    events.push(...presence.setState(now, request.uuid, channel, value));
  }
  return { envelopes: keyset.announce(events, now, () => tokens.nextBig(now)) };
}

/**
 * Sets a uuid's state on a keyset (see `PubSubModel.setState`), unless a limit refuses it.
 *
 * @example
 * ```ts
 * import { setStateOn } from "./model_presence.ts";
 * import { Keyset } from "./keyset.ts";
 * import { resolveModelSettings } from "./settings.ts";
 * import { TimetokenGenerator } from "./timetoken_generator.ts";
 * const settings = resolveModelSettings({});
 * const request = { subKey: "demo", uuid: "u", channels: ["a"], groups: [] };
 * setStateOn(new Keyset("demo", settings), settings, new TimetokenGenerator(), 0, request, { mood: "ok" }).envelopes; // []
 * ```
 */
export function setStateOn(
  keyset: Keyset,
  settings: ModelSettings,
  tokens: TimetokenGenerator,
  now: number,
  request: PresenceRequest,
  state: Record<string, unknown>,
): Outcome {
  const targets = keyset.presenceTargets(request.channels, request.groups);
  const perChannel = Object.fromEntries(targets.map((channel) => [channel, state]));
  const refused = presenceRefusal(
    keyset.presence,
    settings,
    request.uuid,
    targets,
    perChannel,
    false,
  );
  if (refused !== undefined) return { envelopes: [], refused };
  const events = targets
    .flatMap((channel) => keyset.presence.setState(now, request.uuid, channel, state));
  return { envelopes: keyset.announce(events, now, () => tokens.nextBig(now)) };
}

/**
 * A uuid's state per channel on a keyset (see `PubSubModel.getState`).
 *
 * @example
 * ```ts
 * import { stateOn } from "./model_presence.ts";
 * stateOn(undefined, "u", ["a"], []); // {}
 * ```
 */
export function stateOn(
  keyset: Keyset | undefined,
  uuid: string,
  channels: readonly string[],
  groups: readonly string[],
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  if (!keyset) return result;
  for (const channel of keyset.presenceTargets(channels, groups)) {
    const state = keyset.presence.stateOf(uuid, channel);
    if (state !== undefined) result[channel] = state;
  }
  return result;
}

/**
 * Occupants per channel on a keyset (see `PubSubModel.hereNow`).
 *
 * @example
 * ```ts
 * import { hereNowOn } from "./model_presence.ts";
 * hereNowOn(undefined, ["a"], []); // { a: [] }
 * ```
 */
export function hereNowOn(
  keyset: Keyset | undefined,
  channels: readonly string[] | undefined,
  groups: readonly string[],
): Record<string, Occupant[]> {
  const names = channels === undefined
    ? keyset?.presence.occupiedChannels() ?? []
    : keyset?.presenceTargets(channels, groups) ?? channels.filter((c) => !isPresenceName(c));
  const result: Record<string, Occupant[]> = {};
  for (const name of names) result[name] = keyset?.presence.occupants(name) ?? [];
  return result;
}

// The requested timeout, capped; undefined when none usable was sent (keep the current one).
function timeoutOf(settings: ModelSettings, requested: number | undefined): number | undefined {
  if (requested === undefined || !Number.isFinite(requested) || requested <= 0) return undefined;
  return Math.min(requested, settings.maxPresenceTimeoutSeconds);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
