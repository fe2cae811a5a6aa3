import cluster, { type Address, type Worker } from 'node:cluster';

/** What the primary tells a worker: finish in-flight requests, close the database, exit 0. */
const SHUTDOWN_MESSAGE = { type: 'monsters:shutdown' } as const;

/** What a worker that could not start tells the primary before exiting 1. */
export interface StartupFailedMessage {
  readonly type: 'monsters:startup-failed';
  readonly reason: string;
}

export function isShutdownMessage(message: unknown): boolean {
  return (message as { type?: unknown } | null)?.type === SHUTDOWN_MESSAGE.type;
}

function isStartupFailedMessage(message: unknown): message is StartupFailedMessage {
  const candidate = message as Partial<StartupFailedMessage> | null;
  return candidate?.type === 'monsters:startup-failed' && typeof candidate.reason === 'string';
}

/**
 * A worker still loading has not yet installed its handlers that ignore
 * SIGINT/SIGTERM: a stop signal sent to the whole process group ends it. It
 * served nothing, so nothing in flight was lost: that is a clean stop.
 */
function isStopSignal(signal: string | null): boolean {
  return signal === 'SIGINT' || signal === 'SIGTERM';
}

/** A worker that dies after having served is replaced, unless this many died within the window. */
const CRASH_LIMIT = { exits: 5, windowMs: 60_000 } as const;

export interface SuperviseOptions {
  readonly workers: number;
  /** How long workers may take to stop before they are killed. */
  readonly stopDeadlineMs: number;
  /** Called once, when every worker of the first generation listens. */
  readonly onListening: (address: Address) => void;
  /** One line about a replaced worker. */
  readonly warn: (line: string) => void;
}

/**
 * Runs `workers` node:cluster workers until SIGINT/SIGTERM, then stops them
 * gracefully. Resolves when all of them stopped cleanly; rejects (exit code 1)
 * when one could not start, when they keep dying, or when one did not stop
 * cleanly. Workers ignore signals themselves (see `runClusterWorker`): a
 * signal sent to the whole process group reaches each process, and only the
 * primary acts on it, so no worker is told to stop twice
 * (docs/decisions/010-process-lifecycle.md). A worker that this signal ended
 * before it could ignore it had served nothing: its stop counts as clean.
 */
export function superviseWorkers(options: SuperviseOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const live = new Set<Worker>();
    const listened = new Set<number>();
    let recentExits: number[] = [];
    let stopping = false;
    let failure: Error | undefined;
    let uncleanStops = 0;
    let deadline: NodeJS.Timeout | undefined;

    const fork = () => live.add(cluster.fork());

    const settleWhenAllExited = () => {
      if (!stopping || live.size > 0) return;
      clearTimeout(deadline);
      cluster.off('listening', onListening);
      cluster.off('message', onMessage);
      cluster.off('exit', onExit);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      if (failure) reject(failure);
      else if (uncleanStops > 0)
        reject(new Error(`${uncleanStops} worker(s) did not stop cleanly`));
      else resolve();
    };

    const tellToStop = (worker: Worker) => {
      // A worker exiting at this moment has no channel left: it needs no message (nor an 'error').
      if (worker.isConnected()) worker.send(SHUTDOWN_MESSAGE, undefined, undefined, () => {});
    };

    const stop = (reason?: Error) => {
      failure ??= reason;
      if (stopping) return;
      stopping = true;
      for (const worker of live) tellToStop(worker);
      deadline = setTimeout(() => {
        failure ??= new Error(`workers still running ${options.stopDeadlineMs} ms after the stop`);
        for (const worker of live) worker.process.kill('SIGKILL');
      }, options.stopDeadlineMs);
      settleWhenAllExited();
    };

    // A repeated signal (also forwarded by the debug watcher) changes nothing: the stop is bounded.
    const onSignal = () => stop();

    function onListening(worker: Worker, address: Address) {
      listened.add(worker.id);
      // A worker still loading when the stop began drops the message (no listener yet): repeat it.
      if (stopping) return tellToStop(worker);
      if (listened.size === options.workers) options.onListening(address);
    }

    function onMessage(_worker: Worker, message: unknown) {
      if (isStartupFailedMessage(message)) stop(new Error(message.reason));
    }

    function onExit(worker: Worker, code: number | null, signal: string | null) {
      live.delete(worker);
      const how = signal ?? `code ${code}`;
      const stoppedBeforeServing = !listened.has(worker.id) && isStopSignal(signal);
      if (stopping) {
        if (code !== 0 && !stoppedBeforeServing) uncleanStops += 1;
        return settleWhenAllExited();
      }
      // The signal sent to the whole group: the primary's own copy may be on its way.
      if (stoppedBeforeServing) return stop();
      if (!listened.has(worker.id)) {
        // Its reason may still be in the IPC channel: stop once the channel has closed, after it.
        const failStartup = () => stop(new Error(`a worker exited on start-up (${how})`));
        if (worker.isConnected()) worker.once('disconnect', failStartup);
        else failStartup();
        return;
      }
      const now = Date.now();
      recentExits = [...recentExits.filter((time) => now - time < CRASH_LIMIT.windowMs), now];
      if (recentExits.length >= CRASH_LIMIT.exits) {
        const seconds = CRASH_LIMIT.windowMs / 1000;
        return stop(
          new Error(
            `workers keep dying (${CRASH_LIMIT.exits} exits within ${seconds} s): giving up`,
          ),
        );
      }
      options.warn(`worker ${worker.process.pid} exited (${how}); starting a new one`);
      fork();
    }

    cluster.on('listening', onListening);
    cluster.on('message', onMessage);
    cluster.on('exit', onExit);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    for (let index = 0; index < options.workers; index += 1) fork();
  });
}
