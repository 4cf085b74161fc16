import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

/**
 * The logistics service's own environment variables, validated at boot with
 * the shared ones: where return shipments go (the warehouse).
 */
export class LogisticsSettings {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  LOGISTICS_WAREHOUSE_NAME = 'NetDirect Returns';

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  LOGISTICS_WAREHOUSE_STREET = 'Lagerstrasse 1';

  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  LOGISTICS_WAREHOUSE_CITY = 'Berlin';

  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  LOGISTICS_WAREHOUSE_POSTCODE = '12345';

  @Matches(/^[A-Z]{2}$/, { message: 'LOGISTICS_WAREHOUSE_COUNTRY must be an ISO 3166-1 alpha-2 code such as DE' })
  LOGISTICS_WAREHOUSE_COUNTRY = 'DE';
}
