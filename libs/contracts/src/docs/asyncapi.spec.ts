import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { EventRegistry } from '../registry/integration-event.decorator';
import { allStaticTopics } from '../topics/topics';
import { buildAsyncApiDocument, PROVIDER_HANDOFF_CHANNEL } from './asyncapi';

describe('buildAsyncApiDocument', () => {
  const doc = buildAsyncApiDocument();

  it('is a valid AsyncAPI 3.0.0 document (no error diagnostics from @asyncapi/parser)', async () => {
    const diagnostics = await new Parser().validate(doc as never);
    const errors = diagnostics
      .filter((d) => d.severity === DiagnosticSeverity.Error)
      .map((d) => `${d.path.join('.')}: ${d.message}`);
    expect(errors).toEqual([]);
  });

  it('has a channel per event topic, a message per event and a send operation per channel', () => {
    const channels = doc.channels as Record<string, { address: string; messages: object }>;
    const addresses = Object.values(channels).map((c) => c.address);
    const eventTopics = new Set(EventRegistry.all().map((d) => d.topic.name));
    for (const t of eventTopics) expect(addresses).toContain(t);
    for (const t of allStaticTopics()) if (eventTopics.has(t.name)) expect(addresses).toContain(t.name);
    const messages = (doc.components as { messages: Record<string, { name: string }> }).messages;
    expect(Object.values(messages).map((m) => m.name).sort()).toEqual(EventRegistry.all().map((d) => d.type).sort());
    const operations = doc.operations as Record<string, { action: string }>;
    expect(Object.keys(operations)).toHaveLength(Object.keys(channels).length);
    for (const op of Object.values(operations)) expect(op.action).toBe('send');
  });

  it('describes provider handoff topics as one parameterised channel carrying ShipmentRequested and ShipmentCancelled', () => {
    const handoff = (doc.channels as Record<string, { address: string; messages: Record<string, unknown> }>)[
      PROVIDER_HANDOFF_CHANNEL
    ];
    expect(handoff.address).toBe('logistics.handoff.{providerId}.v1');
    expect(Object.keys(handoff.messages).sort()).toEqual(['ShipmentCancelledV1', 'ShipmentRequestedV1']);
  });
});
