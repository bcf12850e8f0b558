import type { Answer } from "../exchange.ts";
import type { Context } from "../context.ts";
import { jsonText } from "../responses.ts";

/**
 * `GET /time/0` → `[17000000000000000]`, a JSON number written from the digits so no float
 * ever rounds it.
 *
 * @example
 * ```ts
 * import { timeRoute } from "./time.ts";
 * const handler = timeRoute;
 * ```
 */
export function timeRoute(_input: unknown, ctx: Context): Answer {
  return jsonText(200, `[${ctx.store.timetoken(ctx.now())}]`);
}
