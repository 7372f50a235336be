import assert from "node:assert/strict";
import { it } from "node:test";
import { countByKind, runFuzz } from "./runner.js";

// The CI budget of `npm run fuzz`: 5,000 mutants of seed 1, deterministic, so a finding here is
// reproduced by `npm run fuzz -- --seed 1 --from <mutant> --count 1`.

it("5,000 mutants: no crash, hang, inconsistency between paths or with saxes", async () => {
  const tally = await runFuzz({ seed: 1, from: 0, count: 5000, timeLimitMs: 2000, hangMs: 20_000 });
  const shown = tally.findings.slice(0, 5).map((f) => `[${f.kind}] #${f.index} ${f.seed}: ${f.mutation}\n${f.detail}`);
  assert.deepEqual(
    countByKind(tally.findings),
    { crash: 0, hang: 0, inconsistent: 0, "accepted-not-well-formed": 0, "refused-well-formed": 0 },
    shown.join("\n\n"),
  );
  assert.equal(tally.mutants, 5000);
  assert.ok(tally.wellFormed > 100, `only ${tally.wellFormed} well-formed mutants: the value comparison barely ran`);
});
