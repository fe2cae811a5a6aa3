import type { FastifyInstance } from 'fastify';
import type { DB } from '../db/connection.js';

/**
 * A task's lease is a little shorter than its interval: a process whose
 * timer fires a moment early, or whose clock runs a little behind another
 * instance's, still wins the next run instead of skipping one.
 */
const LEASE_SHARE = 0.9;

/**
 * Claims this interval's run of `name` for the caller, in one statement:
 * the row is written only when its last run is older than `leaseMs`, and
 * the statement returns a row only then. Of processes claiming at the same
 * moment one wins (PostgreSQL locks the row and re-checks the condition;
 * SQLite has one writer), on one machine or many (docs/decisions/015).
 */
export async function claimClusterTask(
  db: DB,
  name: string,
  now: number,
  leaseMs: number,
): Promise<boolean> {
  const nowIso = new Date(now).toISOString();
  const claimed = await db
    .insertInto('cluster_tasks')
    .values({ name, last_run_at: nowIso })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ last_run_at: nowIso })
        .where('cluster_tasks.last_run_at', '<=', new Date(now - leaseMs).toISOString()),
    )
    .returning('name')
    .executeTakeFirst();
  return claimed !== undefined;
}

export interface ClusterTask {
  /** The task's row in `cluster_tasks`, and its name in the log. */
  readonly name: string;
  readonly intervalMs: number;
  /** The work; resolves with the number of rows it removed, which is logged. */
  readonly run: (now: number) => Promise<number>;
}

/**
 * Runs `task` when the app is ready and then every interval, in whichever
 * process of the cluster (workers, instances on one database) claims it
 * first: once per interval in all. A failure is logged, never thrown.
 */
export function scheduleClusterTask(app: FastifyInstance, db: DB, task: ClusterTask): void {
  const leaseMs = Math.floor(task.intervalMs * LEASE_SHARE);
  const runIfClaimed = async () => {
    const now = Date.now();
    if (!(await claimClusterTask(db, task.name, now, leaseMs))) return;
    const removed = await task.run(now);
    app.log.info({ task: task.name, removed }, 'cluster task ran');
  };
  const attempt = () =>
    runIfClaimed().catch((error: unknown) =>
      app.log.warn({ err: error, task: task.name }, 'cluster task failed'),
    );
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    await attempt();
    timer = setInterval(attempt, task.intervalMs).unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}
