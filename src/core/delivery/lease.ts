/**
 * The lease on an open delivery: while an instance sends it, no other instance resumes it. The lease is
 * short (a dead instance's work is taken over soon) and renewed on a timer while its holder is alive —
 * also while it waits on a rate limit or on a slow platform call — so a live sender never loses it.
 */
import { errorMessage } from "../errors.js";
import type { Log, Store } from "../ports.js";

/** Calls `job` every `ms` until the returned function is called (injected: timers stay out of tests' way). */
export type Repeat = (ms: number, job: () => void) => () => void;

export interface LeaseDeps {
  store: Pick<Store, "leaseDelivery">;
  /** This instance's name in leases. */
  owner: string;
  now: () => Date;
  leaseMs: number;
  repeat: Repeat;
  log: Log;
}

export interface HeldLease {
  /** Takes or renews the lease now; false when another live instance holds it (or it is finished). */
  renew(): Promise<boolean>;
  /** Stops the renewal timer. */
  release(): void;
}

/** Renewed three times per lease: one late or failed renewal does not let the lease lapse. */
export function renewalIntervalMs(leaseMs: number): number {
  return Math.max(1, Math.floor(leaseMs / 3));
}

export function leaseUntil(deps: Pick<LeaseDeps, "now" | "leaseMs">): string {
  return new Date(deps.now().getTime() + deps.leaseMs).toISOString();
}

/** Takes the lease of `deliveryId`; null when another instance holds it. Renews it until released. */
export async function holdLease(deps: LeaseDeps, deliveryId: number): Promise<HeldLease | null> {
  const renew = () => deps.store.leaseDelivery(deliveryId, deps.owner, leaseUntil(deps));
  if (!(await renew())) return null;
  let renewing = false;
  const stop = deps.repeat(renewalIntervalMs(deps.leaseMs), () => {
    if (renewing) return;
    renewing = true;
    renew()
      .then((held) => {
        // Lost only if this instance stalled past its lease; the check before the next message stops it.
        if (!held) deps.log.warn({ delivery: deliveryId }, "delivery lease renewal refused");
      })
      .catch((error: unknown) => deps.log.warn({ delivery: deliveryId, err: errorMessage(error) }, "delivery lease renewal failed; retrying"))
      .finally(() => (renewing = false));
  });
  return { renew, release: stop };
}

/** The default `Repeat`: a timer that does not keep the process alive on its own. */
export const timerRepeat: Repeat = (ms, job) => {
  const timer = setInterval(job, ms);
  timer.unref?.();
  return () => clearInterval(timer);
};
