import { ownerAt } from './network-member.schema';

describe('ownerAt', () => {
  const member = {
    _id: 'm1',
    owners: [
      { partyId: 'p-first', name: null, from: '2025-01-01T00:00:00.000Z', transferId: null },
      { partyId: 'p-second', name: 'B', from: '2025-06-10T00:00:00.000Z', transferId: 't1' },
    ],
  };
  it('pays the owner of the position at the instant: earlier lines stay with the previous owner', () => {
    expect(ownerAt(member, '2025-06-09T23:59:59.999Z')).toBe('p-first');
    expect(ownerAt(member, '2025-06-10T00:00:00.000Z')).toBe('p-second');
    expect(ownerAt(member, '2024-12-31T00:00:00.000Z')).toBe('p-first');
    expect(ownerAt({ _id: 'm2', owners: [] }, '2025-01-01T00:00:00.000Z')).toBe('m2');
  });
});
