import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from 'src/config/app-config';
import { ConfigurationError, EnvironmentVariables } from 'src/config/environment';

describe('configuration', () => {
  it('applies documented defaults when nothing is set', () => {
    const config = AppConfig.fromEnv({});
    expect(config.app.port).toBe(3000);
    expect(config.app.role).toBe('all');
    expect(config.database.url).toBeUndefined();
    expect(config.graphql.introspection).toBe(true);
    expect(config.auth.devIssuerEnabled).toBe(true);
  });

  it('turns introspection, the sandbox and the dev issuer off in production by default', () => {
    const config = AppConfig.fromEnv({ NODE_ENV: 'production' });
    expect(config.graphql.introspection).toBe(false);
    expect(config.graphql.sandbox).toBe(false);
    expect(config.auth.devIssuerEnabled).toBe(false);
    expect(config.app.logFormat).toBe('json');
  });

  it('names every bad variable in one error', () => {
    let error: unknown;
    try {
      AppConfig.fromEnv({ PORT: 'eighty', APP_ROLE: 'cron', QUEUE_PREFIX: 'has:colon' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const message = (error as Error).message;
    expect(message).toContain('PORT');
    expect(message).toContain('APP_ROLE');
    expect(message).toContain('QUEUE_PREFIX');
  });

  it('never echoes the value of a secret setting', () => {
    const secret = 'mysql://user:SuperSecret@host/db';
    expect(() => AppConfig.fromEnv({ DATABASE_URL: secret })).toThrow(/DATABASE_URL/);
    try {
      AppConfig.fromEnv({ DATABASE_URL: secret });
    } catch (e) {
      expect((e as Error).message).not.toContain('SuperSecret');
    }
  });

  it('documents every setting in .env.example', () => {
    const example = readFileSync(join(__dirname, '..', '..', '.env.example'), 'utf8');
    const names = Object.keys(new EnvironmentVariables()).concat(['DATABASE_URL', 'REDIS_URL', 'LOG_FORMAT']);
    const missing = names.filter((name) => !new RegExp(`^#?\\s*${name}=`, 'm').test(example));
    expect(missing).toEqual([]);
  });
});
