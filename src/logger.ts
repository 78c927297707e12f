import pino, { type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({
    level,
    // Never log credentials, whatever object a log line carries.
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'req.headers.authorization', 'headers.authorization'],
      censor: '[redacted]',
    },
  });
}
