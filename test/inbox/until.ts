import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";

/** Resolves once `check` is true, polling every 10 ms; fails after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 10_000, what = "the condition"): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(10);
  }
}
