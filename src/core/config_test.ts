import assert from "node:assert/strict";
import {
  DEFAULT_ORIGIN,
  PNConfiguration,
  type PNConfigurationOptions,
  PNReconnectionPolicy,
} from "./config.ts";
import { PubNubError } from "./error.ts";

const KEYS = { subscribeKey: "sub", userId: "user-1" } as const;

function assertInvalid(options: unknown, ...mentions: string[]): void {
  assert.throws(() => new PNConfiguration(options as PNConfigurationOptions), (error: unknown) => {
    assert.ok(error instanceof PubNubError, `expected a PubNubError, got ${error}`);
    assert.equal(error.status.category, "PNValidationErrorCategory");
    assert.equal(error.status.isError(), true);
    for (const text of mentions) {
      assert.ok(error.message.includes(text), `message should mention "${text}": ${error.message}`);
    }
    return true;
  });
}

Deno.test("PNReconnectionPolicy values are strings equal to their names", () => {
  assert.deepEqual(PNReconnectionPolicy, {
    NONE: "NONE",
    LINEAR: "LINEAR",
    EXPONENTIAL: "EXPONENTIAL",
  });
});

Deno.test("PNConfiguration: defaults", () => {
  const config = new PNConfiguration({ ...KEYS });
  assert.equal(DEFAULT_ORIGIN, "ps.pndsn.com");
  assert.equal(config.origin, "ps.pndsn.com");
  assert.equal(config.ssl, true);
  assert.equal(config.baseUrl, "https://ps.pndsn.com");
  assert.equal(config.reconnectionPolicy, "EXPONENTIAL");
  assert.equal(config.maximumReconnectionRetries, 6);
  assert.equal(config.presenceTimeout, 300);
  assert.equal(config.heartbeatInterval, 0);
  assert.equal(config.suppressLeaveEvents, false);
  assert.equal(config.requestMessageCountThreshold, 100);
  assert.equal(config.dedupeOnSubscribe, false);
  assert.equal(config.filterExpression, undefined);
  assert.equal(config.authKey, undefined);
  assert.equal(config.secretKey, undefined);
  assert.equal(config.cipherKey, undefined);
  assert.equal(config.cryptor, "legacy");
  assert.equal(config.useRandomIVs, true);
  assert.equal(config.maxMessageSize, 32768);
  assert.equal(config.nonSubscribeRequestTimeout, 10);
  assert.equal(config.subscribeRequestTimeout, 310);
  assert.equal(config.publishKey, undefined);
  assert.equal(config.subscribeKey, "sub");
  assert.equal(config.userId, "user-1");
});

const RETRY_DEFAULTS: ReadonlyArray<[PNConfigurationOptions["reconnectionPolicy"], number]> = [
  ["EXPONENTIAL", 6],
  ["LINEAR", 10],
  ["NONE", 0],
  [PNReconnectionPolicy.LINEAR, 10],
];

for (const [policy, retries] of RETRY_DEFAULTS) {
  Deno.test(`PNConfiguration: ${policy} defaults to ${retries} retries`, () => {
    const config = new PNConfiguration({ ...KEYS, reconnectionPolicy: policy });
    assert.equal(config.reconnectionPolicy, policy);
    assert.equal(config.maximumReconnectionRetries, retries);
  });
}

Deno.test("PNConfiguration: an explicit maximumReconnectionRetries wins over the policy default", () => {
  assert.equal(
    new PNConfiguration({ ...KEYS, reconnectionPolicy: "LINEAR", maximumReconnectionRetries: 3 })
      .maximumReconnectionRetries,
    3,
  );
  assert.equal(
    new PNConfiguration({ ...KEYS, maximumReconnectionRetries: -1 }).maximumReconnectionRetries,
    -1,
  );
  assert.equal(
    new PNConfiguration({ ...KEYS, maximumReconnectionRetries: 0 }).maximumReconnectionRetries,
    0,
  );
});

Deno.test("PNConfiguration: every option is kept", () => {
  const config = new PNConfiguration({
    publishKey: "pub",
    subscribeKey: "sub",
    userId: "u",
    origin: "127.0.0.1:8090",
    ssl: false,
    reconnectionPolicy: "LINEAR",
    maximumReconnectionRetries: 4,
    presenceTimeout: 120,
    heartbeatInterval: 59,
    suppressLeaveEvents: true,
    requestMessageCountThreshold: 7,
    dedupeOnSubscribe: true,
    filterExpression: "meta.a == 1",
    authKey: "auth",
    secretKey: "secret",
    cipherKey: "cipher",
    cryptor: "aes-cbc",
    useRandomIVs: false,
    maxMessageSize: 1000,
    nonSubscribeRequestTimeout: 2.5,
    subscribeRequestTimeout: 20,
  });
  assert.deepEqual(
    {
      publishKey: config.publishKey,
      origin: config.origin,
      ssl: config.ssl,
      reconnectionPolicy: config.reconnectionPolicy,
      maximumReconnectionRetries: config.maximumReconnectionRetries,
      presenceTimeout: config.presenceTimeout,
      heartbeatInterval: config.heartbeatInterval,
      suppressLeaveEvents: config.suppressLeaveEvents,
      requestMessageCountThreshold: config.requestMessageCountThreshold,
      dedupeOnSubscribe: config.dedupeOnSubscribe,
      filterExpression: config.filterExpression,
      authKey: config.authKey,
      secretKey: config.secretKey,
      cipherKey: config.cipherKey,
      cryptor: config.cryptor,
      useRandomIVs: config.useRandomIVs,
      maxMessageSize: config.maxMessageSize,
      nonSubscribeRequestTimeout: config.nonSubscribeRequestTimeout,
      subscribeRequestTimeout: config.subscribeRequestTimeout,
    },
    {
      publishKey: "pub",
      origin: "127.0.0.1:8090",
      ssl: false,
      reconnectionPolicy: "LINEAR",
      maximumReconnectionRetries: 4,
      presenceTimeout: 120,
      heartbeatInterval: 59,
      suppressLeaveEvents: true,
      requestMessageCountThreshold: 7,
      dedupeOnSubscribe: true,
      filterExpression: "meta.a == 1",
      authKey: "auth",
      secretKey: "secret",
      cipherKey: "cipher",
      cryptor: "aes-cbc",
      useRandomIVs: false,
      maxMessageSize: 1000,
      nonSubscribeRequestTimeout: 2.5,
      subscribeRequestTimeout: 20,
    },
  );
});

Deno.test("PNConfiguration: empty optional strings become undefined", () => {
  const config = new PNConfiguration({
    ...KEYS,
    publishKey: "",
    authKey: "",
    secretKey: "",
    cipherKey: "",
    filterExpression: "",
  });
  assert.equal(config.publishKey, undefined);
  assert.equal(config.authKey, undefined);
  assert.equal(config.secretKey, undefined);
  assert.equal(config.cipherKey, undefined);
  assert.equal(config.filterExpression, undefined);
});

Deno.test("PNConfiguration: `uuid` is an alias of userId", () => {
  assert.equal(new PNConfiguration({ subscribeKey: "s", uuid: "legacy-id" }).userId, "legacy-id");
});

Deno.test("PNConfiguration: userId wins over uuid when both are given", () => {
  assert.equal(
    new PNConfiguration({ subscribeKey: "s", userId: "new", uuid: "old" }).userId,
    "new",
  );
});

Deno.test("PNConfiguration: accepts an existing PNConfiguration and copies every field", () => {
  const original = new PNConfiguration({
    ...KEYS,
    publishKey: "pub",
    origin: "example.test:8443",
    reconnectionPolicy: "NONE",
    presenceTimeout: 60,
    secretKey: "sk",
    maxMessageSize: 500,
  });
  const copy = new PNConfiguration(original);
  assert.notEqual(copy, original);
  assert.deepEqual({ ...copy }, { ...original });
  assert.equal(copy.baseUrl, "https://example.test:8443");
  assert.equal(copy.userId, "user-1");
  assert.equal(copy.maximumReconnectionRetries, 0);
});

const MISSING: ReadonlyArray<[string, unknown, string]> = [
  ["no subscribeKey", { userId: "u" }, "subscribeKey"],
  ["empty subscribeKey", { subscribeKey: "", userId: "u" }, "subscribeKey"],
  ["non-string subscribeKey", { subscribeKey: 5, userId: "u" }, "subscribeKey"],
  ["no userId", { subscribeKey: "s" }, "userId"],
  ["empty userId", { subscribeKey: "s", userId: "" }, "userId"],
  ["blank userId", { subscribeKey: "s", userId: "   " }, "userId"],
  ["empty uuid alias", { subscribeKey: "s", uuid: "" }, "userId"],
  ["non-string userId", { subscribeKey: "s", userId: 42 }, "userId"],
];

for (const [name, options, field] of MISSING) {
  Deno.test(`PNConfiguration refuses ${name}, naming ${field}`, () => {
    assertInvalid(options, field, "missing");
  });
}

const BAD_VALUES: ReadonlyArray<
  [string, Partial<Record<keyof PNConfigurationOptions, unknown>>, string[]]
> = [
  ["presenceTimeout above 320", { presenceTimeout: 500 }, ["presenceTimeout", "500", "320"]],
  ["presenceTimeout below 20", { presenceTimeout: 19 }, ["presenceTimeout", "19", "20"]],
  ["fractional presenceTimeout", { presenceTimeout: 30.5 }, ["presenceTimeout", "30.5"]],
  ["maximumReconnectionRetries -2", { maximumReconnectionRetries: -2 }, [
    "maximumReconnectionRetries",
    "-2",
    "-1",
  ]],
  ["NaN maximumReconnectionRetries", { maximumReconnectionRetries: NaN }, [
    "maximumReconnectionRetries",
    "NaN",
  ]],
  ["negative heartbeatInterval", { heartbeatInterval: -1 }, ["heartbeatInterval", "-1"]],
  ["string heartbeatInterval", { heartbeatInterval: "5" }, ["heartbeatInterval"]],
  ["zero requestMessageCountThreshold", { requestMessageCountThreshold: 0 }, [
    "requestMessageCountThreshold",
  ]],
  ["zero maxMessageSize", { maxMessageSize: 0 }, ["maxMessageSize", "0"]],
  ["Infinity maxMessageSize", { maxMessageSize: Infinity }, ["maxMessageSize", "Infinity"]],
  ["NaN nonSubscribeRequestTimeout", { nonSubscribeRequestTimeout: NaN }, [
    "nonSubscribeRequestTimeout",
    "NaN",
  ]],
  ["NaN subscribeRequestTimeout", { subscribeRequestTimeout: NaN }, [
    "subscribeRequestTimeout",
    "NaN",
  ]],
  ["zero nonSubscribeRequestTimeout", { nonSubscribeRequestTimeout: 0 }, [
    "nonSubscribeRequestTimeout",
    "0",
  ]],
  ["negative subscribeRequestTimeout", { subscribeRequestTimeout: -5 }, [
    "subscribeRequestTimeout",
    "-5",
  ]],
  ["Infinity subscribeRequestTimeout", { subscribeRequestTimeout: Infinity }, [
    "subscribeRequestTimeout",
  ]],
  ["string timeout", { nonSubscribeRequestTimeout: "10" }, ["nonSubscribeRequestTimeout"]],
  ["unknown policy name", { reconnectionPolicy: "SOMETIMES" }, ["reconnectionPolicy", "SOMETIMES"]],
  ["lowercase policy name", { reconnectionPolicy: "linear" }, ["reconnectionPolicy", "linear"]],
  ["unknown cryptor", { cryptor: "rot13" }, ["cryptor", "rot13"]],
  ["empty origin", { origin: "" }, ["origin"]],
  ["origin with a scheme", { origin: "https://ps.pndsn.com" }, ["origin"]],
  ["origin with a space", { origin: "ps pndsn.com" }, ["origin"]],
];

for (const [name, bad, mentions] of BAD_VALUES) {
  Deno.test(`PNConfiguration refuses ${name}`, () => {
    assertInvalid({ ...KEYS, ...bad }, "Invalid configuration", ...mentions);
  });
}

const ACCEPTED_EDGES: ReadonlyArray<
  [string, PNConfigurationOptions, keyof PNConfiguration, unknown]
> = [
  ["presenceTimeout 20", { presenceTimeout: 20 }, "presenceTimeout", 20],
  ["presenceTimeout 320", { presenceTimeout: 320 }, "presenceTimeout", 320],
  [
    "maximumReconnectionRetries -1 (unlimited)",
    { maximumReconnectionRetries: -1 },
    "maximumReconnectionRetries",
    -1,
  ],
  [
    "requestMessageCountThreshold 1",
    { requestMessageCountThreshold: 1 },
    "requestMessageCountThreshold",
    1,
  ],
  ["maxMessageSize 1", { maxMessageSize: 1 }, "maxMessageSize", 1],
  ["fractional timeout", { nonSubscribeRequestTimeout: 0.5 }, "nonSubscribeRequestTimeout", 0.5],
];

for (const [name, options, field, value] of ACCEPTED_EDGES) {
  Deno.test(`PNConfiguration accepts ${name}`, () => {
    assert.equal(new PNConfiguration({ ...KEYS, ...options })[field], value);
  });
}

Deno.test({
  name: "PNConfiguration refuses inherited Object property names as a policy",
  fn() {
    for (const name of ["toString", "constructor", "hasOwnProperty", "__proto__"]) {
      assertInvalid({ ...KEYS, reconnectionPolicy: name }, "reconnectionPolicy", name);
    }
  },
});

const BASE_URLS: ReadonlyArray<[string, PNConfigurationOptions, string]> = [
  ["ssl on, default origin", {}, "https://ps.pndsn.com"],
  ["ssl off, default origin", { ssl: false }, "http://ps.pndsn.com"],
  [
    "ssl off, origin with a port",
    { origin: "127.0.0.1:8090", ssl: false },
    "http://127.0.0.1:8090",
  ],
  ["ssl on, origin with a port", { origin: "localhost:8443", ssl: true }, "https://localhost:8443"],
  ["ssl explicitly on, custom host", { origin: "example.com", ssl: true }, "https://example.com"],
];

for (const [name, options, url] of BASE_URLS) {
  Deno.test(`PNConfiguration.baseUrl: ${name}`, () => {
    assert.equal(new PNConfiguration({ ...KEYS, ...options }).baseUrl, url);
  });
}

Deno.test("PNConfiguration refuses values of the wrong type and timers that cannot be held", () => {
  const base = { subscribeKey: "s", userId: "u" };
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ ssl: "false" }, /ssl must be true or false, got "false"/],
    [{ dedupeOnSubscribe: 1 }, /dedupeOnSubscribe must be true or false/],
    [{ filterExpression: {} }, /filterExpression must be a string, got object/],
    [{ cipherKey: 123 }, /cipherKey must be a string, got number/],
    // A secret key that is not text would sign with its String() form, which the service rejects.
    [{ secretKey: 42 }, /secretKey must be a string, got number/],
    [{ secretKey: { key: "k" } }, /secretKey must be a string, got object/],
    [{ secretKey: "sec-\uD800" }, /secretKey contains an unpaired UTF-16 surrogate/],
    // The same for the publish and auth keys: sent in every URL as their String() form.
    [{ publishKey: 42 }, /publishKey must be a string, got number/],
    [{ authKey: { token: "t" } }, /authKey must be a string, got object/],
    [{ publishKey: "pub-\uD800" }, /publishKey contains an unpaired UTF-16 surrogate/],
    [{ authKey: "auth-\uD800" }, /authKey contains an unpaired UTF-16 surrogate/],
    [{ filterExpression: "a == '\uD800'" }, /filterExpression contains an unpaired/],
    [{ subscribeRequestTimeout: 3_000_000 }, /subscribeRequestTimeout must be .* up to 2147483/],
    [
      { presenceTimeout: 60, heartbeatInterval: 61 },
      /heartbeatInterval must be a whole number from 0 to 60, got 61/,
    ],
  ];
  for (const [extra, message] of cases) {
    assert.throws(
      () => new PNConfiguration({ ...base, ...extra } as PNConfigurationOptions),
      (error: unknown) => {
        assert.ok(error instanceof PubNubError);
        assert.equal(error.status.category, "PNValidationErrorCategory");
        assert.match(error.message, message);
        return true;
      },
    );
  }
  assert.equal(
    new PNConfiguration({ ...base, presenceTimeout: 60, heartbeatInterval: 60 }).heartbeatInterval,
    60,
  );
});
