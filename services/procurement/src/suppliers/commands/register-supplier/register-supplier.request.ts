import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsInt, IsNotEmpty, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** A new supplier (ops). */
export class RegisterSupplierRequest {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Alpenkraut GmbH' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ pattern: '^[A-Z]{2}$', example: 'AT', description: 'ISO 3166-1 alpha-2 country of the legal seat' })
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as AT' })
  country: string;

  @ApiProperty({ format: 'email', maxLength: 254, example: 'orders@alpenkraut.example' })
  @IsEmail()
  @MaxLength(254)
  orderEmail: string;

  @ApiProperty({ pattern: '^[A-Z]{3}$', example: 'EUR', description: 'Must be the platform currency (422 otherwise)' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency: string;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 365, example: 30, description: 'Days from invoice to payment due' })
  @IsInt()
  @Min(0)
  @Max(365)
  paymentTermsDays: number;
}
