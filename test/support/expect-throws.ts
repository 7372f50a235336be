import assert from "node:assert/strict";

type ErrorClass<E> = abstract new (...args: never[]) => E;

/** Runs `action` and returns the error it must throw, an instance of `type` (anything else fails the test). */
export function thrownBy<E>(type: ErrorClass<E>, action: () => unknown): E {
  try {
    action();
  } catch (error) {
    assert.ok(error instanceof type, `expected a ${type.name}, got ${String(error)}`);
    return error;
  }
  assert.fail(`expected a ${type.name}, but nothing was thrown`);
}

/** Awaits `action` and returns the error it must reject with, an instance of `type`. */
export async function rejectionOf<E>(type: ErrorClass<E>, action: () => Promise<unknown>): Promise<E> {
  try {
    await action();
  } catch (error) {
    assert.ok(error instanceof type, `expected a ${type.name}, got ${String(error)}`);
    return error;
  }
  assert.fail(`expected a ${type.name}, but nothing was thrown`);
}
