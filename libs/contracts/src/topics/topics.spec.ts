import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICE_NAMES } from './topic-definition';
import { allStaticTopics, deadLetterTopic, providerHandoffTopic, Topics } from './topics';

describe('topics', () => {
  it('every topic name is <service>.<aggregate>.v<major>, owned by its service', () => {
    const topics = [...allStaticTopics(), providerHandoffTopic('dhl-de')];
    for (const t of topics) {
      const m = /^([a-z]+)\.([a-z0-9-]+(?:\.[a-z0-9-]+)?)\.v([1-9][0-9]*)$/.exec(t.name);
      expect(m).not.toBeNull();
      expect(SERVICE_NAMES).toContain(m?.[1]);
      expect(m?.[1]).toBe(t.owner);
    }
  });

  it('topic names are unique', () => {
    const names = allStaticTopics().map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('has a dead-letter topic per service', () => {
    expect(deadLetterTopic('orders').name).toBe('orders.dead-letters.v1');
    expect(allStaticTopics()).toHaveLength(Object.keys(Topics).length + SERVICE_NAMES.length);
  });

  describe('providerHandoffTopic', () => {
    it('builds logistics.handoff.<id>.v1, lower-casing the id', () => {
      expect(providerHandoffTopic('dhl-de').name).toBe('logistics.handoff.dhl-de.v1');
      expect(providerHandoffTopic('DHL-DE').name).toBe('logistics.handoff.dhl-de.v1');
      expect(providerHandoffTopic('dhl-de')).toMatchObject({ owner: 'logistics', key: 'shipmentId' });
    });

    it.each(['', '-leading-dash', 'has.dot', 'has space', 'under_score', 'x'.repeat(49), '../etc'])(
      'rejects %j',
      (id) => {
        expect(() => providerHandoffTopic(id)).toThrow();
      },
    );
  });
});

describe('README', () => {
  it('lists every topic', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    for (const t of Object.values(Topics)) expect(readme).toContain(`\`${t.name}\``);
  });
});
