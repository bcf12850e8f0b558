import type { PresenceTable } from "./presence.ts";
import type { ModelSettings } from "./settings.ts";

/**
 * Why a presence change (a heartbeat, a subscribe's presence, a state set) is refused, naming
 * the limit and the numbers, or `undefined` when it fits. Checked before anything changes, so a
 * refused request leaves presence as it was.
 *
 * @example
 * ```ts
 * import { presenceRefusal } from "./presence_limits.ts";
 * import { PresenceTable } from "./presence.ts";
 * import { resolveModelSettings } from "./settings.ts";
 * const table = new PresenceTable({ announceMax: 20, intervalMillis: 1000, presenceDeltas: true, hereNowRefreshBytes: 30000, stateTtlMillis: 1000 });
 * const settings = resolveModelSettings({ presenceChannelsPerRequest: 1 });
 * presenceRefusal(table, settings, "u", ["a", "b"], undefined);
 * // "Too many channels in one presence request: 2 (limit presenceChannelsPerRequest = 1)"
 * ```
 */
export function presenceRefusal(
  presence: PresenceTable,
  settings: ModelSettings,
  uuid: string,
  targets: readonly string[],
  state: Readonly<Record<string, unknown>> | undefined,
  joins = true,
): string | undefined {
  const limit = (name: keyof ModelSettings) => `(limit ${name} = ${settings[name]})`;
  if (targets.length > settings.presenceChannelsPerRequest) {
    return `Too many channels in one presence request: ${targets.length} ${
      limit("presenceChannelsPerRequest")
    }`;
  }
  let added = 0;
  if (joins) {
    for (const channel of targets) {
      if (presence.isPresent(uuid, channel)) continue;
      added++;
      if (presence.occupancy(channel) >= settings.occupantsPerChannel) {
        return `Channel "${channel.slice(0, 100)}" is full: ${
          presence.occupancy(channel)
        } occupants ${limit("occupantsPerChannel")}`;
      }
    }
    const after = presence.channelCountOf(uuid) + added;
    if (after > settings.channelsPerUuid) {
      return `Too many channels for uuid "${uuid.slice(0, 100)}": ${after} ${
        limit("channelsPerUuid")
      }`;
    }
  }
  const states = state === undefined ? 0 : Object.keys(state).length;
  for (const [channel, value] of Object.entries(state ?? {})) {
    const size = JSON.stringify(value)?.length ?? 0;
    if (size > settings.stateBytes) {
      return `State on channel "${channel.slice(0, 100)}" too large: ${size} characters ${
        limit("stateBytes")
      }`;
    }
  }
  if (presence.entryCount + added + states > settings.presenceEntries) {
    return `Presence is full for this subscribe key: ${presence.entryCount} entries ${
      limit("presenceEntries")
    }`;
  }
  return undefined;
}
