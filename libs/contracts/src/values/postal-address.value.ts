import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsText } from './field.decorators';

/**
 * A delivery address as a logistics provider needs it to print a label: the
 * recipient, one to four free-form street lines, city, postal code, country.
 */
export class PostalAddress {
  /** Recipient name as it goes on the label. */
  @IsText(200)
  name: string;

  /** Street, house number, floor, c/o; first line first. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  lines: string[];

  @IsText(100)
  city: string;

  @IsText(20)
  postalCode: string;

  /** ISO 3166-1 alpha-2, upper case. */
  @Matches(/^[A-Z]{2}$/)
  country: string;

  /** For the courier; optional. */
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string | null;
}
