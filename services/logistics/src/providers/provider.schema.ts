import { Schema } from 'mongoose';

/** How a provider is stored: one document per provider, `_id` = provider id. Writes go through {@link ProviderRepository}. */
export const PROVIDER_MODEL = 'Provider';
export const ProviderSchema = new Schema({ _id: String, seq: Number }, { collection: 'providers', versionKey: false, strict: false });
