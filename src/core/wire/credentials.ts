import type { PNOperationTypeName } from "../categories.ts";

/**
 * Whether a call carries the client's credentials (`auth`, and a signature when a secret key is
 * set). The service answers the time to anyone, so the time call carries neither
 * (docs/protocol.md "Request signatures"). Keyed on what the call is, not on how its path is
 * spelled.
 *
 * @example
 * ```ts
 * import { carriesCredentials } from "./credentials.ts";
 * carriesCredentials("PNTimeOperation"); // false
 * carriesCredentials("PNPublishOperation"); // true
 * ```
 */
export function carriesCredentials(operation: PNOperationTypeName): boolean {
  return operation !== "PNTimeOperation";
}
