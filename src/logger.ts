import pino, { type DestinationStream, type Logger } from 'pino';

/** JSON lines to stdout, or to `destination` (tests capture them). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    // Never log credentials, whatever object a log line carries.
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'req.headers.authorization', 'headers.authorization'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
