import { Module } from '@nestjs/common';
import { ReadModelHandlers } from './read-model.handlers';
import { ReadModels } from './read-models';

@Module({ controllers: [ReadModelHandlers], providers: [ReadModels], exports: [ReadModels] })
export class ReadModelsModule {}
