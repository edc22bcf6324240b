import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCounter } from '../support/counter-fixture';

describe('structured logs', () => {
  it('write JSON lines to the data folder and never contain PINs, passwords or tokens', async () => {
    const fixture = await startCounter();
    const token = await fixture.signIn('hassan', '5678');
    await fixture.call('auth.signIn', { username: 'omar', secret: '97531' });
    await fixture.call('users.unlockAccount', { username: 'omar' }, undefined, { username: 'hassan', secret: '5678' });
    // Something that reaches the logger with secrets inside, as a careless future caller might.
    fixture.counter.logger.warn({ secret: '5678', input: { secret: '97531', password: 'hunter22' }, token }, 'careless line');
    await fixture.counter.close();

    const dir = join(fixture.dataDir, 'logs');
    const text = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('');
    const lines = text.trim().split('\n').map((line) => JSON.parse(line) as { msg: string });
    expect(lines.some((line) => line.msg === 'counter started')).toBe(true);
    expect(lines.some((line) => line.msg === 'careless line')).toBe(true);
    for (const secret of ['5678', '97531', 'hunter22', token]) expect(text).not.toContain(secret);
    await fixture.close().catch(() => undefined);
  });
});
