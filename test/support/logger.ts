import type { Logger } from "../../templates/runtime/delivery-log.js";

/** A logger that records each call as [level, message, its second argument (the error, for a stack)]. */
export function recordingLogger(): Logger & { lines: [string, string, unknown][] } {
  const lines: [string, string, unknown][] = [];
  return {
    lines,
    warn: (message: string) => void lines.push(["warn", message, undefined]),
    error: (message: string, error?: unknown) => void lines.push(["error", message, error]),
  };
}
