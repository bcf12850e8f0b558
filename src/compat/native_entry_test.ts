// The native entry pays nothing for compat: no module of src/compat/ is in mod.ts's graph, nor in
// its browser bundle (esbuild, as the size benchmark builds it).
import assert from "node:assert/strict";
import { BROWSER_BUNDLE } from "../../scripts/bench/size.ts";

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

Deno.test("a browser bundle of mod.ts holds no module of src/compat/; one of compat.ts does", async () => {
  const esbuild = await import("npm:esbuild@0.25.12");
  const inputsOf = async (entry: string) => {
    const result = await esbuild.build({
      entryPoints: [new URL(`../../${entry}`, import.meta.url).pathname],
      ...BROWSER_BUNDLE,
      metafile: true,
    });
    return Object.keys(result.metafile!.inputs);
  };
  try {
    const native = await inputsOf("mod.ts");
    assert.ok(native.some((path) => path.endsWith("src/shell/pubnub.ts")), native.join("\n"));
    assert.deepEqual(native.filter((path) => path.includes("src/compat/")), []);
    const compat = await inputsOf("compat.ts");
    assert.ok(compat.some((path) => path.endsWith("src/compat/pubnub.ts")), compat.join("\n"));
  } finally {
    await esbuild.stop();
  }
});
