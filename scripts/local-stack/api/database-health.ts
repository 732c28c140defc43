// Whether the stand-in can reach its database. When PostgreSQL restarts or crashes under the
// stand-in, every pooled connection breaks and pg emits 'error' on each client, idle or checked
// out; without a listener that is an uncaught exception that takes REST, Auth and the mail viewer
// down with it. Here those errors are expected: each incident is logged once, broken clients are
// left for the pool to discard, requests fail fast (REST 503, Auth 500, as the real services
// answer) and the first connection opened afterwards ends the incident. pg.Pool opens new
// connections on demand, so nothing has to be restarted.
import pg from 'pg';

// Node's socket errors when the server is gone or unreachable.
const socketErrorCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
// The server ended the session or refuses new ones: admin shutdown (57P01, also sent on a fast or
// immediate restart), crash of another backend (57P02), starting up or shutting down (57P03).
const serverSessionEndCodes = new Set(['57P01', '57P02', '57P03']);
// pg's own errors for a connection that ended under it carry no code, only these messages.
const clientErrorMessages = [/^Connection terminated/, /is not queryable$/];

/** A failure of the connection itself (not of the statement): the client must be discarded. */
export function isConnectionError(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (error instanceof pg.DatabaseError) return code.startsWith('08') || serverSessionEndCodes.has(code);
    return socketErrorCodes.has(code);
  }
  return clientErrorMessages.some((pattern) => pattern.test(error.message));
}

/** A SQLSTATE or socket error code when there is one, then the message. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
}

export class DatabaseHealth {
  private lost = false;
  private recoveredListeners: (() => void)[] = [];

  /** Routes the pool's and its clients' connection errors here instead of crashing the process. */
  watch(pool: pg.Pool): pg.Pool {
    // An idle client died: pg-pool has already removed it.
    pool.on('error', (error) => this.noteLost(error));
    pool.on('connect', (client) => {
      // A checked-out client that breaks emits 'error' too; its query fails, and the caller
      // releases it with the error so the pool discards it.
      client.on('error', (error) => this.noteLost(error));
      this.noteConnected();
    });
    return pool;
  }

  /** The first failure of an incident is logged; the rest of it is quiet. */
  noteLost(error: unknown): void {
    if (this.lost) return;
    this.lost = true;
    console.error(`[api] lost the database (${describeError(error)}); REST answers 503 and Auth 500 until it is back`);
  }

  /** Runs after each incident, when the database answers again (e.g. to reload the schema cache). */
  onRecovered(listener: () => void): void {
    this.recoveredListeners.push(listener);
  }

  private noteConnected(): void {
    if (!this.lost) return;
    this.lost = false;
    for (const listener of this.recoveredListeners) listener();
  }
}
