import { ParcelLimits } from '../providers/provider';

/** What logistics knows of one packed unit of a SKU (from the catalog's events). */
export interface UnitSize {
  weightGrams: number;
  lengthMm: number;
  widthMm: number;
  heightMm: number;
}

export interface PackedParcel {
  /** 1-based position in the shipment. */
  index: number;
  weightGrams: number;
  lines: { skuId: string; quantity: number }[];
}

/**
 * Pack units into as few parcels as the limits allow, first fit in line
 * order: a parcel takes units while its weight and volume stay within the
 * limits. A unit that alone breaks a limit cannot be carried at all: the
 * answer is the reason, for the routing decision.
 */
export function packParcels(lines: { skuId: string; quantity: number }[], sizes: Map<string, UnitSize>, limits: ParcelLimits): PackedParcel[] | string {
  const parcels: (PackedParcel & { volumeCm3: number })[] = [];
  for (const line of lines) {
    const size = sizes.get(line.skuId);
    if (!size) return `no weight and size known for SKU ${line.skuId}`;
    const volume = (size.lengthMm * size.widthMm * size.heightMm) / 1000;
    const longest = Math.max(size.lengthMm, size.widthMm, size.heightMm);
    if (size.weightGrams > limits.maxWeightGrams) return `a unit of ${line.skuId} weighs ${size.weightGrams} g, over the ${limits.maxWeightGrams} g limit`;
    if (longest > limits.maxLengthMm) return `a unit of ${line.skuId} is ${longest} mm long, over the ${limits.maxLengthMm} mm limit`;
    if (volume > limits.maxVolumeCm3) return `a unit of ${line.skuId} takes ${volume} cm³, over the ${limits.maxVolumeCm3} cm³ limit`;
    for (let n = 0; n < line.quantity; n++) {
      let parcel = parcels.find((p) => p.weightGrams + size.weightGrams <= limits.maxWeightGrams && p.volumeCm3 + volume <= limits.maxVolumeCm3);
      if (!parcel) {
        parcel = { index: parcels.length + 1, weightGrams: 0, volumeCm3: 0, lines: [] };
        parcels.push(parcel);
      }
      parcel.weightGrams += size.weightGrams;
      parcel.volumeCm3 += volume;
      const packed = parcel.lines.find((l) => l.skuId === line.skuId);
      if (packed) packed.quantity += 1;
      else parcel.lines.push({ skuId: line.skuId, quantity: 1 });
    }
  }
  return parcels.map(({ index, weightGrams, lines: packed }) => ({ index, weightGrams, lines: packed }));
}
