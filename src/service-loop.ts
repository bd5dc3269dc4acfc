/**
 * The service's runtime policy: one queue that serializes every poll/deliver round (cron, the folder
 * watcher, start-up, CLI calls), and the poll-then-deliver step the scheduler and the watcher run.
 */
import type { DeliveryReport } from "./core/delivery.js";

export interface ServiceLoopDeps {
  /** Polls the digest source and ingests what is new. */
  poll: () => Promise<unknown>;
  /** Runs the due deliveries once, at `now` (default: the clock). */
  runDue: (now: Date | undefined, force: boolean) => Promise<DeliveryReport>;
  /** The archive's newest digest seq (0 when empty). */
  latestSeq: () => Promise<number>;
}

export interface ServiceLoop {
  /** Runs `job` after every round queued before it. */
  serial<T>(job: () => Promise<T>): Promise<T>;
  /** Due deliveries, queued. */
  deliverDue(now?: Date, force?: boolean): Promise<DeliveryReport>;
  /**
   * Polls, then delivers when the archive holds a digest this instance has not delivered against yet —
   * whoever ingested it (another instance may have stored it first, so this poll saw it `unchanged`).
   * Returns null when nothing was new.
   */
  pollAndDeliver(): Promise<DeliveryReport | null>;
  /** Resolves when every queued round has run. */
  idle(): Promise<void>;
}

export function createServiceLoop(deps: ServiceLoopDeps): ServiceLoop {
  let tail: Promise<unknown> = Promise.resolve();
  /** The archive's newest seq when this instance last ran due deliveries. */
  let deliveredAgainst = 0;

  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const next = tail.then(job, job);
    tail = next.catch(() => undefined);
    return next;
  };

  // Read before the round: a digest stored while it runs is still newer than what it delivered against.
  const runDue = async (now: Date | undefined, force: boolean) => {
    const latest = await deps.latestSeq();
    const report = await deps.runDue(now, force);
    deliveredAgainst = Math.max(deliveredAgainst, latest);
    return report;
  };

  return {
    serial,
    deliverDue: (now, force = false) => serial(() => runDue(now, force)),
    pollAndDeliver: () =>
      serial(async () => {
        await deps.poll();
        return (await deps.latestSeq()) > deliveredAgainst ? runDue(undefined, false) : null;
      }),
    idle: async () => {
      await tail;
    },
  };
}
