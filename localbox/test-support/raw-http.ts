import { request } from 'node:http';

export interface RawAnswer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * One request to 127.0.0.1:<port> with a Host header of our choosing (or none), which fetch will not
 * send: what a DNS-rebinding page's requests look like when they reach localbox.
 */
export function requestWithHost(
  port: number,
  host: string | undefined,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...init.headers };
    if (host !== undefined) headers.Host = host;
    const req = request(
      { host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers, setHost: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}
