// The module Web Worker entry: serves a SimHost on the worker's scope, holding its lifeline (./lifeline) so the
// page learns when this worker has gone. May import: ./serve-host, ./lifeline. Only sim-client.ts creates it.
import { holdLifeline } from './lifeline';
import { serveSimHost, type WorkerScope } from './serve-host';

// the page names each worker after its lifeline lock (Worker options.name)
const scope = self as unknown as WorkerScope & { name?: string };
serveSimHost(scope, holdLifeline(scope.name || null));
