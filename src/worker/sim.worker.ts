// The module Web Worker entry: serves a SimHost on the worker's scope. May import: ./serve-host.
// Only sim-client.ts creates this worker.
import { serveSimHost, type WorkerScope } from './serve-host';

serveSimHost(self as unknown as WorkerScope);
