import { toCaseSafeId } from "../runtime/testing-ids.js";
import { UsageError } from "./io.js";

// The Salesforce id flags of `sample` and `send` (`--org`, `--action`): checked for their key
// prefix and case-safe suffix, and given as 18 characters, as Salesforce writes them.

/** `00D…` for `--org`, `04k…` (an outbound message) for `--action`. */
const ID_FLAGS = {
  "--org": { prefix: "00D", what: "an organization id" },
  "--action": { prefix: "04k", what: "an outbound message's ActionId" },
} as const;

/** The 18-character form of the id given to `flag`; `undefined` when the flag was not given. */
export function salesforceIdFlag(flag: keyof typeof ID_FLAGS, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const { prefix, what } = ID_FLAGS[flag];
  if (!new RegExp(`^${prefix}[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?$`).test(value)) {
    throw new UsageError(`${flag} ${JSON.stringify(value)} is not ${what} (15 or 18 letters and digits starting with ${prefix})`);
  }
  try {
    return toCaseSafeId(value);
  } catch (error) {
    throw new UsageError(`${flag}: ${(error as Error).message}`);
  }
}
