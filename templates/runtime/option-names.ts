/** A mistake in the options, reported when the handler is created rather than at the first delivery. */
export function optionError(message: string): never {
  throw new TypeError(`outbound handler: ${message}`);
}

/** The options every endpoint takes, single-message or router. */
export const COMMON_OPTION_NAMES: readonly string[] = [
  "organizationId",
  "allowAnyOrganization",
  "dedupe",
  "maxBodyBytes",
  "maxInFlightBytes",
  "storeTimeoutMs",
  "onUnknownFields",
  "onError",
  "onDelivery",
  "logger",
  "serveWsdl",
  "exposeErrors",
];

/** The user code of one message type. */
export const PROCESSING_OPTION_NAMES: readonly string[] = ["onNotifications", "onNotification", "concurrency", "inbox"];

/**
 * Refuses names that are not options, before anything else is checked: a misspelt
 * `onNotifcations` must be named as such, not reported as a missing `onNotifications`.
 */
export function checkOptionNames(options: object, known: readonly string[], where = ""): void {
  for (const name of Object.keys(options)) {
    if (known.includes(name)) continue;
    const guess = closestName(name, known);
    optionError(`${where}unknown option ${name}${guess === undefined ? "" : ` (did you mean ${guess}?)`}`);
  }
}

/** The known name a typo most likely meant: at most two edits away, or the same but for case. */
function closestName(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = candidate.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Levenshtein distance (insertions, deletions, substitutions), one row at a time. Also the CLI's,
 * for "did you mean the command …" (copied to src/runtime by scripts/embed-templates.ts).
 */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(substitution, (previous[j] as number) + 1, (current[j - 1] as number) + 1);
    }
    previous = current;
  }
  return previous[b.length] as number;
}
