import { bootstrapService } from '@netdirect/runtime';
import { AppModule } from './app.module';
import { PROCUREMENT_SERVICE } from './procurement.definition';

void bootstrapService(AppModule, PROCUREMENT_SERVICE);
