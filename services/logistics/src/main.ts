import { bootstrapService } from '@netdirect/runtime';
import { AppModule } from './app.module';
import { LOGISTICS_SERVICE } from './logistics.definition';

void bootstrapService(AppModule, LOGISTICS_SERVICE);
