import assert from "node:assert/strict";
import { measureProfiles, PROFILES } from "./bundle_profiles.ts";
import { overBudget, readBudget } from "./size_budget.ts";

const sizes = await measureProfiles();

/** What `./compat` may add to an app (the drop-in issue: at most 4 KB gzipped). */
const COMPAT_EXTRA_LIMIT = 4_000;

Deno.test("size budget: no bundle profile grew by more than 5% over its committed figure", async () => {
  const measured = Object.fromEntries(PROFILES.map((p) => [p.key, sizes[p.key].gzip]));
  const problems = overBudget(measured, await readBudget());
  assert.deepEqual(problems, [], `over the size budget:\n${problems.join("\n")}`);
});

Deno.test("size budget: an app bundles no feature it did not pass", () => {
  const bundled = (key: keyof typeof sizes) => sizes[key].modules.map((m) => m.path);
  // The chat app passes publishing, signals, subscribing, presence and history.
  const notPassed = [
    /channel_group/, // channelGroups
    /builders\/(add|get|remove)_message_action/, // messageActions (fetchMessages reads actions)
    /crypto/, // encryption
    /builders\/history|requests\/history|message_counts|delete_messages/, // storage
    /presence_loop|core\/presence\/transition/, // heartbeats
    /message_stream/, // messageStreams
    /set_state|get_state|requests\/state/, // presenceState
    /builders\/time|subscribe_listener/, // time; SubscribeListener
  ];
  const chat = bundled("chatModular");
  assert.deepEqual(chat.filter((path) => notPassed.some((p) => p.test(path))), []);
  // The publish-only app has nothing of subscribe, presence or history.
  const publishOnly = bundled("publishOnly");
  const subscribeSide = /subscribe|presence|here_now|fetch_messages|gap|signal/;
  assert.deepEqual(publishOnly.filter((path) => subscribeSide.test(path)), []);
  // While the full class has them all (the check sees what it looks for).
  const full = bundled("chatFull");
  for (const pattern of notPassed.slice(0, 7)) {
    assert.ok(full.some((path) => pattern.test(path)), `the full class bundles ${pattern}`);
  }
});

Deno.test("size budget: an app on ./compat pays at most 4 KB gzipped over the same app on the native API", () => {
  const extra = sizes.pubsubCompat.gzip - sizes.pubsubNative.gzip;
  assert.ok(
    extra <= COMPAT_EXTRA_LIMIT,
    `./compat costs +${extra} B gzipped over the native app (${sizes.pubsubCompat.gzip} against ${sizes.pubsubNative.gzip}); the limit is +${COMPAT_EXTRA_LIMIT} B`,
  );
});

Deno.test("size budget: a profile 6% over is refused with its name and numbers; 5% passes", () => {
  assert.deepEqual(overBudget({ chatModular: 10_500 }, { chatModular: 10_000 }), []);
  const [problem, ...rest] = overBudget({ chatModular: 10_600 }, { chatModular: 10_000 });
  assert.deepEqual(rest, []);
  assert.match(problem, /^chatModular: 10600 B gzipped is 6\.0% over the committed 10000 B/);
  assert.match(problem, /at most 10500 B/);
});

Deno.test("size budget: a profile with no committed figure is refused", () => {
  assert.deepEqual(overBudget({ publishOnly: 9_000 }, {}), [
    "publishOnly: 9000 B gzipped has no committed figure in size_budget.json",
  ]);
});
