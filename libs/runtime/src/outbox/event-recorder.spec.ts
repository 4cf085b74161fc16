import '@netdirect/contracts';
import { exampleOf, providerHandoffTopic, ShipmentRequested, Topics } from '@netdirect/contracts';
import { ClsService } from 'nestjs-cls';
import { ServiceConfig } from '../config/service-config';
import { EventRecorder } from './event-recorder';

const recorder = (service: string) =>
  new EventRecorder({ service: { name: service } } as ServiceConfig, { isActive: () => false } as unknown as ClsService);
const shipment = () => exampleOf('ShipmentRequested') as unknown as ShipmentRequested;

describe('EventRecorder', () => {
  it('records one event on its own topic', () => {
    const event = recorder('logistics').record(ShipmentRequested, shipment());
    expect(event.topic).toBe(Topics.logisticsShipments.name);
    expect(event.topicPartitions).toBeUndefined();
  });

  it('records the same envelope for each extra topic, marked for creation at first use', () => {
    const handoff = providerHandoffTopic('fastship');
    const events = recorder('logistics').record(ShipmentRequested, shipment(), { alsoTo: [handoff] });
    expect(events.map((e) => e.topic)).toEqual([Topics.logisticsShipments.name, 'logistics.handoff.fastship.v1']);
    expect(events[1]).toMatchObject({ id: events[0].id, key: events[0].key, value: events[0].value });
    expect(events[1].topicPartitions).toBe(handoff.partitions);
    expect(events[1].topicRetentionMs).toBeGreaterThan(0);
  });

  it('refuses an extra topic another service owns, or one consumers would refuse the event on', () => {
    expect(() => recorder('orders').record(ShipmentRequested, shipment(), { alsoTo: [providerHandoffTopic('x')] })).toThrow(
      /owned by logistics/,
    );
    expect(() =>
      recorder('logistics').record(ShipmentRequested, shipment(), { alsoTo: [Topics.logisticsProviderStatus] }),
    ).toThrow(/belongs on logistics.shipments.v1/);
  });
});
