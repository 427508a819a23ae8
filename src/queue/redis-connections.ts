import { Redis, type RedisOptions } from 'ioredis';

/**
 * Producer connection for request paths: no offline queue and one retry per command, so while Redis is down a
 * request that needs to enqueue fails within a second instead of hanging.
 */
export function createProducerConnection(url: string): Redis {
  const options: RedisOptions = {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1000,
    commandTimeout: 1500,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  };
  const connection = new Redis(url, options);
  connection.on('error', () => undefined);
  return connection;
}

/** Worker connection: BullMQ requires blocking connections that retry forever (maxRetriesPerRequest: null). */
export function createWorkerConnection(url: string): Redis {
  const connection = new Redis(url, {
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    retryStrategy: (times) => Math.min(times * 500, 5000),
  });
  connection.on('error', () => undefined);
  return connection;
}
