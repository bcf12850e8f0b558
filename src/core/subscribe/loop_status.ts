import type { PNStatusCategoryName } from "../categories.ts";
import type { PNStatus, PNStatusInit } from "../status.ts";
import type { SubscriptionCursor } from "./states.ts";

/**
 * The status fields of the subscribe loop: the lists concerned, the timetoken before (`last`)
 * and after (`current`) the outcome, and for a failure the reason's status code and error data,
 * so users see why (the category stays the table's, e.g. `PNConnectionErrorCategory`).
 *
 * @example
 * ```ts
 * import { loopStatus } from "./loop_status.ts";
 * loopStatus("PNConnectedCategory", { channels: ["a"], groups: [] }, undefined, { timetoken: "1", region: 1 }).category;
 * // "PNConnectedCategory"
 * ```
 */
export function loopStatus(
  category: PNStatusCategoryName,
  lists: { channels: readonly string[]; groups: readonly string[] },
  last: SubscriptionCursor | undefined,
  current: SubscriptionCursor | undefined,
  reason?: PNStatus,
): PNStatusInit {
  // Absent fields are left out rather than set to undefined, so statuses compare cleanly.
  const status: PNStatusInit = {
    category,
    operation: "PNSubscribeOperation",
    error: reason !== undefined,
    affectedChannels: [...lists.channels],
    affectedChannelGroups: [...lists.groups],
  };
  if (current) status.currentTimetoken = current.timetoken;
  if (last) status.lastTimetoken = last.timetoken;
  if (reason?.statusCode !== undefined) status.statusCode = reason.statusCode;
  if (reason?.errorData !== undefined) status.errorData = reason.errorData;
  return status;
}
