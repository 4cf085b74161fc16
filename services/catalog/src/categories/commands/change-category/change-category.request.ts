import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';

/** Rename, move, or both. `parentId: null` makes the category a root; omitted, it stays where it is. */
export class ChangeCategoryRequest {
  @ApiPropertyOptional({ example: 'Hair & scalp', minLength: 1, maxLength: 100 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The new parent; null for a root' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUUID('all', { message: 'parentId must be a UUID' })
  parentId?: string | null;
}
