import { Module } from '@nestjs/common';
import { RuntimeModule } from '@netdirect/runtime';
import { CATALOG_SERVICE } from './catalog.definition';

@Module({
  imports: [RuntimeModule.forService(CATALOG_SERVICE)],
})
export class AppModule {}
