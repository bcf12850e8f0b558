// The presence-name rules live with the rest of the wire vocabulary.
export { isPresenceName, withoutPresenceNames } from "../wire/names.ts";
