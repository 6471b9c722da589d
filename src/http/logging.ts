/**
 * What the request log may show. Credentials never reach a log line: the headers that carry them are redacted,
 * and so are the values of query parameters whose names suggest a secret (a client that puts its key in the
 * URL is refused, but the URL is still logged).
 */
import type { FastifyServerOptions } from 'fastify';
import type { Writable } from 'node:stream';
import type { LogLevel } from '../config.js';

const SECRET_PARAMETER = /key|token|secret|password|code|session/i;

/** The URL with the values of secret-looking query parameters replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const question = url.indexOf('?');
  if (question < 0) return url;
  const query = url
    .slice(question + 1)
    .split('&')
    .map((pair) => {
      const [name = '', ...value] = pair.split('=');
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // A malformed name is logged as sent.
      }
      return value.length > 0 && SECRET_PARAMETER.test(decoded) ? `${name}=[redacted]` : pair;
    })
    .join('&');
  return `${url.slice(0, question)}?${query}`;
}

export function loggerOptions(level: LogLevel, stream?: Writable): FastifyServerOptions['logger'] {
  return {
    level,
    redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.apikey', 'req.headers.cookie'],
    serializers: {
      req: (request) => ({
        method: request.method,
        url: redactUrl(request.url),
        host: request.host,
        remoteAddress: request.ip,
        remotePort: request.socket?.remotePort,
      }),
    },
    ...(stream ? { stream } : {}),
  };
}
