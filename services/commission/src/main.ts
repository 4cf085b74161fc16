import { bootstrapService } from '@netdirect/runtime';
import { AppModule } from './app.module';
import { COMMISSION_SERVICE } from './commission.definition';

void bootstrapService(AppModule, COMMISSION_SERVICE);
