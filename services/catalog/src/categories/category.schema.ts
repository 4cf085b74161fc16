import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { CategoryState } from './category';

/** How a category (see category.ts) is stored: a parent link; the tree is read whole (it is small). */
@Schema({ collection: 'categories', versionKey: false })
export class CategoryRecord implements CategoryState {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true }) name: string;
  @Prop({ type: String, default: null }) parentId: string | null;
  @Prop({ type: Number, required: true }) revision: number;
  @Prop({ type: Date, required: true }) createdAt: Date;
  @Prop({ type: Date, required: true }) updatedAt: Date;
}

export const CATEGORY_MODEL = 'Category';
export const CategorySchema = SchemaFactory.createForClass(CategoryRecord);
