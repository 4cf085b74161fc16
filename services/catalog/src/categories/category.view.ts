import { ApiProperty } from '@nestjs/swagger';
import { CategoryState } from './category';

/** A category of the mall's tree. */
export class CategoryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Hair care', minLength: 1, maxLength: 100 }) name: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null for a root category' })
  parentId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export function toCategoryView(c: CategoryState): CategoryView {
  return {
    id: c._id,
    name: c.name,
    parentId: c.parentId,
    createdAt: new Date(c.createdAt).toISOString(),
    updatedAt: new Date(c.updatedAt).toISOString(),
  };
}

/** Every category of the tree, sorted by name; build the tree from `parentId`. */
export class CategoryListView {
  @ApiProperty({ type: CategoryView, isArray: true }) items: CategoryView[];
}
