// The native entry pays nothing for compat: no module of src/compat/ is in mod.ts's graph.
import assert from "node:assert/strict";

Deno.test("mod.ts reaches no module of src/compat/, compat.ts does", async () => {
  const graph = async (entry: string) => {
    const url = new URL(`../../${entry}`, import.meta.url);
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--json", url.pathname],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.ok(out.success, new TextDecoder().decode(out.stderr));
    const info = JSON.parse(new TextDecoder().decode(out.stdout)) as {
      modules: { specifier: string }[];
    };
    return info.modules.map((m) => m.specifier);
  };
  const native = await graph("mod.ts");
  assert.ok(native.length > 10, `mod.ts's graph has ${native.length} modules`);
  assert.deepEqual(native.filter((s) => s.includes("/src/compat/")), []);
  const compat = await graph("compat.ts");
  assert.ok(compat.some((s) => s.endsWith("/src/compat/pubnub.ts")));
});
