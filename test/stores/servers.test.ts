import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { realServer } from "../support/servers.js";

// The rule for suites on real servers: skip with a reason locally, never under CI=true.

describe("realServer", () => {
  const saved = { CI: process.env["CI"], REDIS_URL: process.env["REDIS_URL"] };
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it("gives the URL when the variable is set", () => {
    process.env["REDIS_URL"] = "redis://127.0.0.1:1";
    process.env["CI"] = "true";
    assert.deepEqual(realServer("REDIS_URL"), { url: "redis://127.0.0.1:1", skip: false });
  });

  it("says why it skips when the variable is missing outside CI", () => {
    delete process.env["REDIS_URL"];
    delete process.env["CI"];
    assert.deepEqual(realServer("REDIS_URL"), {
      url: undefined,
      skip: 'REDIS_URL is not set; skipping (eval "$(bash scripts/services.sh start)" to run it)',
    });
  });

  it("fails instead of skipping under CI=true", () => {
    process.env["REDIS_URL"] = "";
    process.env["CI"] = "true";
    assert.throws(() => realServer("REDIS_URL"), {
      message: "REDIS_URL is not set: under CI=true the real-server suites must run (start them with scripts/services.sh start)",
    });
  });
});
