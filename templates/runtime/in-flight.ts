/**
 * The bytes of request bodies one endpoint holds at once, bounded: each body is small enough
 * (`maxBodyBytes`), but hundreds of them arriving together are not. A request that does not fit
 * gets 503 with Retry-After, which Salesforce retries.
 */
export class InFlightBudget {
  readonly limit: number;
  private used = 0;

  constructor(limit: number) {
    this.limit = limit;
  }

  /** Bytes held right now by requests being read or answered. */
  get bytes(): number {
    return this.used;
  }

  /** A reservation of nothing yet, grown as its request's body is known or arrives. */
  reserve(): Reservation {
    return new Reservation(this);
  }

  /** Takes `bytes` when they fit; takes nothing and answers false otherwise. */
  take(bytes: number): boolean {
    if (this.used + bytes > this.limit) return false;
    this.used += bytes;
    return true;
  }

  give(bytes: number): void {
    this.used -= bytes;
  }
}

/** The share of one request: grows up to its body's size, freed once (on every path) by `release`. */
export class Reservation {
  private readonly budget: InFlightBudget;
  private held = 0;
  private released = false;

  constructor(budget: InFlightBudget) {
    this.budget = budget;
  }

  /** Makes the reservation at least `bytes`; false when the budget cannot give the difference. */
  ensure(bytes: number): boolean {
    if (this.released) return false;
    if (bytes <= this.held) return true;
    if (!this.budget.take(bytes - this.held)) return false;
    this.held = bytes;
    return true;
  }

  /** Gives the bytes back; later calls do nothing. */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.budget.give(this.held);
    this.held = 0;
  }
}
