// Starts the API stand-in and the mail viewer for one stack profile.
import type http from 'node:http';
import { readStackEnv } from '../../lib/env-file.ts';
import type { StackProfile } from '../../lib/profile.ts';
import { readStandInConfig } from './config.ts';
import { createApiContext, type ApiContext } from './context.ts';
import { createMailViewer } from './mail-viewer.ts';
import { createApiServer } from './server.ts';

export interface RunningApi {
  context: ApiContext;
  stop(): Promise<void>;
}

function listen(server: http.Server, port: number, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} (${label}) is taken by another program. Find it with: ss -ltnp 'sport = :${port}'`)
          : error,
      );
    });
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

export async function startLocalApi(profile: StackProfile): Promise<RunningApi> {
  const env = readStackEnv(profile);
  const context = createApiContext({
    dbPort: profile.dbPort,
    jwtSecret: env.SUPABASE_JWT_SECRET,
    config: readStandInConfig(profile),
    apiUrl: env.SUPABASE_URL,
  });
  const api = createApiServer(context);
  const viewer = createMailViewer(context.mail);
  await listen(api, profile.apiPort, 'API');
  await listen(viewer, profile.mailPort, 'mail viewer');
  return {
    context,
    async stop() {
      api.closeAllConnections();
      viewer.closeAllConnections();
      await Promise.all([new Promise((r) => api.close(r)), new Promise((r) => viewer.close(r))]);
      await Promise.all([context.restPool.end(), context.authPool.end()]);
    },
  };
}
