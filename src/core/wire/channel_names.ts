import { describeValue } from "../describe_value.ts";

/**
 * What is wrong with a channel or group name, or `undefined` when nothing is: the one rule set
 * for client calls and server routes (docs/protocol.md "Channel names"). A name is a non-empty
 * string that can go into a URL (no unpaired UTF-16 surrogate) and holds no `,`, the separator
 * of name lists in paths and queries. The answer completes a sentence that starts with the name
 * ("… is empty").
 *
 * @example
 * ```ts
 * import { channelNameProblem } from "./channel_names.ts";
 * channelNameProblem("room"); // undefined
 * channelNameProblem("a,b"); // "contains ',', the separator of name lists"
 * ```
 */
export function channelNameProblem(name: unknown): string | undefined {
  if (typeof name !== "string") return `is ${describeValue(name)}`;
  if (name === "") return "is empty";
  if (!name.isWellFormed()) {
    return "contains an unpaired UTF-16 surrogate, which cannot be sent in a URL";
  }
  if (name.includes(",")) return "contains ',', the separator of name lists";
  return undefined;
}
