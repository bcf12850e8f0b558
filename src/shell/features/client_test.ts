import assert from "node:assert/strict";
import { PNConfiguration } from "../../core/config.ts";
import { PubNub } from "../pubnub.ts";
import { createPubNub } from "./client.ts";
import { encryption } from "./encryption.ts";
import { logging } from "./logging.ts";
import { signing } from "./signing.ts";
import { publishing } from "./publishing.ts";
import { subscribing } from "./subscribing.ts";
import { refused } from "./_testing.ts";

const base = { publishKey: "demo", subscribeKey: "demo", userId: "u1" };

Deno.test("createPubNub: each feature validates the options it reads, and only those", async () => {
  // The subscribe loop's options are read by the subscribing feature alone.
  const odd = { ...base, reconnectionPolicy: "SOMETIMES" as never, presenceTimeout: 5 };
  const publisher = createPubNub(odd, [publishing]);
  assert.equal(publisher.config.reconnectionPolicy, undefined);
  refused(
    () => createPubNub(odd, [publishing, subscribing]),
    /reconnectionPolicy "SOMETIMES" is not one of NONE, LINEAR, EXPONENTIAL/,
  );
  // The client's own options are always read.
  refused(() => createPubNub({ ...base, origin: "a b" }, [publishing]), /origin "a b"/);
  refused(
    () => createPubNub({ ...base, nonSubscribeRequestTimeout: 0 }, [publishing]),
    /nonSubscribeRequestTimeout must be a positive number of seconds/,
  );
  // The encryption options are read by the encryption feature.
  refused(
    () => createPubNub({ ...base, cipherKey: "k", cryptor: "rot13" as never }, [encryption]),
    /cryptor "rot13" is not one of legacy, aes-cbc/,
  );
  // The log level is read by the logging feature; without it, any level but "none" is refused.
  refused(
    () => createPubNub({ ...base, logLevel: "loud" as never }, [publishing, logging]),
    /logLevel "loud" is not one of none, error, warn, info, debug, trace/,
  );
  refused(
    () => createPubNub({ ...base, logLevel: "loud" as never }, [publishing]),
    /logLevel "loud" needs the logging feature/,
  );
  assert.equal(publisher.config.logLevel, undefined);
  assert.equal(publisher.config.secretKey, undefined);
  const logged = createPubNub({ ...base, logLevel: "none" }, [publishing, logging]);
  assert.equal(logged.config.logLevel, "none");
  const signed = createPubNub({ ...base, secretKey: "sec" }, [publishing, signing]);
  assert.equal(signed.config.secretKey, "sec");
  await Promise.all([logged.stop(), signed.stop()]);
  const subscriber = createPubNub(base, [subscribing]);
  assert.equal(subscriber.config.presenceTimeout, 300);
  assert.equal(subscriber.config.baseUrl, "https://ps.pndsn.com");
  await publisher.stop();
  await subscriber.stop();
});

Deno.test("createPubNub: a PNConfiguration is taken as it is; its own config is validated again by PubNub", async () => {
  const complete = new PNConfiguration({ ...base, origin: "127.0.0.1:1", ssl: false });
  const client = createPubNub(complete, [publishing]);
  assert.equal(client.config, complete);
  // A feature client's configuration is a plain object: PubNub reads it in full.
  const partial = createPubNub({ ...base, origin: "127.0.0.1:2", ssl: false }, [publishing]);
  assert.equal(partial.config instanceof PNConfiguration, false);
  const full = new PubNub(partial.config);
  assert.equal(full.config.origin, "127.0.0.1:2");
  assert.equal(full.config.reconnectionPolicy, "EXPONENTIAL");
  await Promise.all([client.stop(), partial.stop(), full.stop()]);
});

Deno.test("createPubNub: the client's type has the calls of the features passed, and only those", async () => {
  const bare = createPubNub(base, []);
  // @ts-expect-error: no feature, no publish
  assert.equal(bare.publish, undefined);
  const both = createPubNub(base, [publishing, subscribing]);
  assert.equal(typeof both.publish, "function");
  assert.equal(typeof both.subscribe, "function");
  assert.equal(both.connectionState, "disconnected", "a getter stays a getter");
  // @ts-expect-error: encryption adds no calls
  assert.equal(createPubNub(base, [encryption]).encrypt, undefined);
  await Promise.all([bare.stop(), both.stop()]);
});

Deno.test("createPubNub: a key or level that reads like an off word still needs its feature", () => {
  // "none" is the off value of logLevel only: a cipherKey or secretKey of "none" is a real key,
  // and a client without the feature would publish unencrypted or send unsigned.
  refused(
    () => createPubNub({ ...base, cipherKey: "none" }, [publishing]),
    /a cipherKey needs the encryption feature/,
  );
  refused(
    () => createPubNub({ ...base, secretKey: "none" }, [publishing]),
    /a secretKey needs the signing feature/,
  );
  // A cipherKey that is not text, or a log level that is not one, is not "off" either.
  for (const cipherKey of [0, false]) {
    refused(
      () => createPubNub({ ...base, cipherKey: cipherKey as never }, [publishing]),
      /a cipherKey needs the encryption feature/,
    );
  }
  for (const logLevel of ["", 0, false]) {
    refused(
      () => createPubNub({ ...base, logLevel: logLevel as never }, [publishing]),
      /logLevel .* needs the logging feature/,
    );
  }
});

Deno.test("createPubNub: the signing feature refuses a secretKey that is not text", () => {
  refused(
    () => createPubNub({ ...base, secretKey: 42 as never }, [publishing, signing]),
    /secretKey must be a string, got number/,
  );
  refused(
    () => createPubNub({ ...base, secretKey: false as never }, [publishing, signing]),
    /secretKey must be a string, got boolean/,
  );
});

Deno.test("createPubNub: null asks for nothing, as an unset option does", async () => {
  const options = {
    cipherKey: null,
    heartbeatInterval: null,
    restoreGaps: null,
    logLevel: null,
    secretKey: null,
  };
  const client = createPubNub({ ...base, ...options } as never, [publishing]);
  await client.stop();
});
