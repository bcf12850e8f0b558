/**
 * Why a channel-group change was refused.
 *
 * @example
 * ```ts
 * import type { GroupError } from "./groups.ts";
 * const e: GroupError = { error: "too many channels in group g (max 2000)" };
 * ```
 */
export interface GroupError {
  /** What went wrong, in words. */
  error: string;
}

/**
 * Channel groups of one keyset: group name → member channels, plus the reverse index that
 * lets a publish find the groups whose subscribers must be woken.
 *
 * @example
 * ```ts
 * import { ChannelGroups } from "./groups.ts";
 * const groups = new ChannelGroups();
 * groups.add("g", ["a", "b"]);
 * groups.channelsOf("g"); // ["a", "b"]
 * groups.groupsOf("a"); // ["g"]
 * ```
 */
export class ChannelGroups {
  readonly #members = new Map<string, Set<string>>();
  readonly #reverse = new Map<string, Set<string>>();
  readonly #maxChannels: number;
  readonly #maxGroups: number;

  /**
   * @example
   * ```ts
   * import { ChannelGroups } from "./groups.ts";
   * new ChannelGroups(2000, 10000);
   * ```
   */
  constructor(maxChannelsPerGroup = 2000, maxGroups = 10000) {
    this.#maxChannels = maxChannelsPerGroup;
    this.#maxGroups = maxGroups;
  }

  /**
   * Adds channels to a group, creating it. Refuses to grow past the limits (the service caps a
   * group at 2,000 channels).
   *
   * @example
   * ```ts
   * import { ChannelGroups } from "./groups.ts";
   * new ChannelGroups(1).add("g", ["a", "b"]); // { error: "..." }
   * ```
   */
  add(group: string, channels: readonly string[]): GroupError | undefined {
    const existing = this.#members.get(group);
    if (!existing && this.#members.size >= this.#maxGroups) {
      return { error: `too many channel groups (max ${this.#maxGroups})` };
    }
    const set = existing ?? new Set<string>();
    const fresh = channels.filter((c) => !set.has(c));
    if (set.size + new Set(fresh).size > this.#maxChannels) {
      return { error: `too many channels in group ${group} (max ${this.#maxChannels})` };
    }
    this.#members.set(group, set);
    for (const channel of fresh) {
      set.add(channel);
      let groups = this.#reverse.get(channel);
      if (!groups) this.#reverse.set(channel, groups = new Set());
      groups.add(group);
    }
    return undefined;
  }

  /**
   * Removes channels from a group; a group left empty disappears.
   *
   * @example
   * ```ts
   * import { ChannelGroups } from "./groups.ts";
   * const groups = new ChannelGroups();
   * groups.add("g", ["a"]);
   * groups.remove("g", ["a"]);
   * groups.list(); // []
   * ```
   */
  remove(group: string, channels: readonly string[]): void {
    const set = this.#members.get(group);
    if (!set) return;
    for (const channel of channels) {
      set.delete(channel);
      const groups = this.#reverse.get(channel);
      groups?.delete(group);
      if (groups?.size === 0) this.#reverse.delete(channel);
    }
    if (set.size === 0) this.#members.delete(group);
  }

  /**
   * Deletes a group.
   *
   * @example
   * ```ts
   * import { ChannelGroups } from "./groups.ts";
   * new ChannelGroups().delete("g");
   * ```
   */
  delete(group: string): void {
    this.remove(group, this.channelsOf(group));
    this.#members.delete(group);
  }

  /**
   * Member channels of a group (sorted; empty for an unknown group).
   *
   * @example
   * ```ts
   * import { ChannelGroups } from "./groups.ts";
   * new ChannelGroups().channelsOf("none"); // []
   * ```
   */
  channelsOf(group: string): string[] {
    return [...(this.#members.get(group) ?? [])].sort();
  }

  /**
   * Groups a channel belongs to.
   *
   * @example
   * ```ts
   * import { ChannelGroups } from "./groups.ts";
   * new ChannelGroups().groupsOf("a"); // []
   * ```
   */
  groupsOf(channel: string): string[] {
    return [...(this.#reverse.get(channel) ?? [])];
  }

  /**
   * All group names, sorted.
   *
   * @example
   * ```ts
   * import { ChannelGroups } from "./groups.ts";
   * new ChannelGroups().list(); // []
   * ```
   */
  list(): string[] {
    return [...this.#members.keys()].sort();
  }

  /**
   * Number of groups.
   *
   * @example
   * ```ts
   * import { ChannelGroups } from "./groups.ts";
   * new ChannelGroups().size; // 0
   * ```
   */
  get size(): number {
    return this.#members.size;
  }
}
