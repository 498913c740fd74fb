/** The parent's side of one worker process: send a command, wait for its answer. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FromWorker, ToWorker } from './protocol.js';

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));
/** A step slower than this is treated as hung and the worker is ended (T3 alone takes minutes). */
const TIMEOUT_MS = 30 * 60 * 1000;

export class WorkerHandle {
  private readonly child: ChildProcess;
  private readonly inbox: FromWorker[] = [];
  private waiting: ((m: FromWorker) => void) | null = null;
  private output = '';
  private exited = false;

  constructor(workload: string, engine: string) {
    // process.execArgv carries tsx's loader and --conditions=@chainrule/source from the parent.
    this.child = fork(WORKER, [workload, engine], {
      execArgv: [...process.execArgv, '--expose-gc'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const keep = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString()).slice(-4000);
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.child.on('message', (m: FromWorker) => this.deliver(m));
    this.child.on('exit', (code, signal) => {
      this.exited = true;
      const tail = this.output.trim().split('\n').slice(-3).join(' | ');
      this.deliver({ kind: 'failed', reason: `worker exited (${signal ?? code})${tail ? `: ${tail}` : ''}` });
    });
  }

  private deliver(m: FromWorker): void {
    if (this.waiting !== null) {
      const w = this.waiting;
      this.waiting = null;
      w(m);
    } else {
      this.inbox.push(m);
    }
  }

  /** The next message from the worker (a 'failed' one if it dies or hangs). */
  next(): Promise<FromWorker> {
    const queued = this.inbox.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = null;
        this.kill();
        resolve({ kind: 'failed', reason: `no answer in ${TIMEOUT_MS / 60000} min` });
      }, TIMEOUT_MS);
      this.waiting = (m) => {
        clearTimeout(timer);
        resolve(m);
      };
    });
  }

  async ask(message: ToWorker): Promise<FromWorker> {
    if (this.exited) return { kind: 'failed', reason: 'worker already exited' };
    this.child.send(message);
    return this.next();
  }

  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }
}
