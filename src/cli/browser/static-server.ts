// A tiny static file server for the e2e tests: serves a built app folder under a sub-folder base path
// (default /locality-lab/) on 127.0.0.1, so the tests prove the build works from any base. Node built-ins only.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

export const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export function mimeType(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export interface StaticServer {
  /** e.g. http://127.0.0.1:41234/locality-lab/ (always ends with '/') */
  url: string;
  port: number;
  /** every request not answered with a file, as "STATUS METHOD PATH" (for debugging failed loads) */
  log: string[];
  close(): Promise<void>;
}

export interface StaticServerOptions {
  /** folder to serve (e.g. the vite build's outDir) */
  root: string;
  /** URL path prefix, e.g. '/locality-lab/' */
  base?: string;
  host?: string;
  /** 0 (default) picks a free port */
  port?: number;
}

function normalizeBase(base: string): string {
  let b = base.startsWith('/') ? base : `/${base}`;
  if (!b.endsWith('/')) b += '/';
  return b;
}

export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const root = resolve(options.root);
  const base = normalizeBase(options.base ?? '/locality-lab/');
  const host = options.host ?? '127.0.0.1';
  const log: string[] = [];

  const send = (req: IncomingMessage, res: ServerResponse, status: number, body: string, headers = {}) => {
    log.push(`${status} ${req.method} ${req.url}`);
    res.writeHead(status, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      ...headers,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(req, res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
    const url = new URL(req.url ?? '/', 'http://localhost');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return send(req, res, 400, 'bad path');
    }
    // the base without its trailing slash: redirect, as a real static host does, so relative assets resolve
    if (pathname === base.slice(0, -1)) return send(req, res, 301, 'moved', { Location: base + url.search });
    if (!pathname.startsWith(base)) return send(req, res, 404, `not under ${base}`);
    let rel = pathname.slice(base.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = normalize(join(root, rel));
    if (file !== root && !file.startsWith(root + sep))
      return send(req, res, 403, 'outside the served folder');
    let size: number;
    try {
      const st = await stat(file);
      if (!st.isFile()) return send(req, res, 404, 'not a file');
      size = st.size;
    } catch {
      return send(req, res, 404, 'not found');
    }
    res.writeHead(200, {
      'Content-Type': mimeType(file),
      'Content-Length': String(size),
      'Cache-Control': 'no-store',
    });
    if (req.method === 'HEAD') return res.end();
    const stream = createReadStream(file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(req, res, 500, String(err));
      else res.destroy();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}${base}`,
    port,
    log,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
