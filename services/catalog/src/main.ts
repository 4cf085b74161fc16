import { bootstrapService } from '@netdirect/runtime';
import { AppModule } from './app.module';
import { CATALOG_SERVICE } from './catalog.definition';

void bootstrapService(AppModule, CATALOG_SERVICE);
