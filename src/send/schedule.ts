// Salesforce's redelivery schedule (spec §6): "the interval between retries increases
// exponentially, up to a maximum of two hours between retries", and messages are dropped when
// they are 24 hours old. Observed in the field: 30 s, 1 min, 2 min, 4 min … up to 2 h.

const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_INTERVAL_MS = 2 * 60 * 60 * 1000;
const DELIVERY_HORIZON_MS = 24 * 60 * 60 * 1000;

/** The wait before retry `retry` (1-based): 30 s doubling, at most 2 h. */
export function retryInterval(retry: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** (retry - 1), MAX_RETRY_INTERVAL_MS);
}

/**
 * When each retry is due, in milliseconds after the first try, times `timeScale` (0.001 turns the
 * day into 86 s). Counted from the first try, so slow tries do not stretch the schedule; only
 * retries due within the 24 hours are made.
 */
export function retryOffsets(timeScale: number): number[] {
  const offsets: number[] = [];
  for (let retry = 1, due = retryInterval(1); due <= DELIVERY_HORIZON_MS; due += retryInterval(++retry)) {
    offsets.push(due * timeScale);
  }
  return offsets;
}
