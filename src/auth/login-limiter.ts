// Slows down password guessing: failures are counted per account and per client
// address in a sliding window. Past the account limit the account is locked for
// a while (a lockout that outlives a restart is kept by the account store); past
// the address limit that address is refused for the window. Pure: time is passed in.

export interface LoginLimits {
  /** Failures for one account before it is locked. */
  readonly accountFailures: number;
  /** How long a locked account stays locked, ms. */
  readonly lockoutMs: number;
  /** Failures from one address within `windowMs` before it is refused. */
  readonly addressFailures: number;
  readonly windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { accountFailures: 5, lockoutMs: 15 * 60_000, addressFailures: 20, windowMs: 15 * 60_000 };

/** Counts recent failures per client address; bounded in size. */
export class AddressLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
    private readonly maxAddresses = 100_000,
  ) {}

  /** Milliseconds until this address may try again, or 0. */
  retryAfter(address: string, now: number): number {
    const list = this.recent(address, now);
    if (list.length < this.limits.addressFailures) return 0;
    return list[0]! + this.limits.windowMs - now;
  }

  fail(address: string, now: number): void {
    const list = this.recent(address, now);
    list.push(now);
    this.failures.delete(address);
    this.failures.set(address, list);
    // Oldest entries go first when the table is full: memory stays bounded under a flood.
    if (this.failures.size > this.maxAddresses) this.failures.delete(this.failures.keys().next().value!);
  }

  succeed(address: string): void {
    this.failures.delete(address);
  }

  private recent(address: string, now: number): number[] {
    const list = (this.failures.get(address) ?? []).filter((t) => now - t < this.limits.windowMs);
    return list;
  }
}
