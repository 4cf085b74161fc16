export * from './basis-points.value';
export * from './business-volume.value';
export * from './money.value';
export * from './rounding';
export * from './field.decorators';
export * from './sku-quantity-line.value';
export * from './postal-address.value';
