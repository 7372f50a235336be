import { UsageError } from "./io.js";

// Numeric flags of `sample` and `send`, checked with messages that name the flag.

/** A whole number from `min` to `max`; `undefined` when the flag was not given. */
export function wholeNumber(flag: string, value: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  const number = /^[+-]?[0-9]+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number)) throw new UsageError(`${flag} ${JSON.stringify(value)} is not a whole number`);
  if (number < min || number > max) {
    throw new UsageError(`${flag} ${value} is out of range: give ${max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `${min} to ${max}`}`);
  }
  return number;
}

/** `--seed` of `sample` and `send`: a 32-bit seed, signed or not (the sampler takes it as unsigned). */
export function seedFlag(value: string | undefined): number | undefined {
  return wholeNumber("--seed", value, -(2 ** 31), 2 ** 32);
}

/** A number in [min, max] (`above` excludes min); `undefined` when the flag was not given. */
export function decimal(flag: string, value: string | undefined, range: { min: number; max?: number; above?: boolean }): number | undefined {
  if (value === undefined) return undefined;
  const number = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isFinite(number)) throw new UsageError(`${flag} ${JSON.stringify(value)} is not a number`);
  const { min, max = Infinity, above = false } = range;
  const upTo = max === Infinity ? "" : above ? `, up to ${max}` : ` to ${max}`;
  if (above ? number <= min : number < min) throw new UsageError(`${flag} ${value} is out of range: give a number ${above ? "above" : "from"} ${min}${upTo}`);
  if (number > max) throw new UsageError(`${flag} ${value} is out of range: give a number from ${min} to ${max}`);
  return number;
}
