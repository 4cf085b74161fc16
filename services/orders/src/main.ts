import { bootstrapService } from '@netdirect/runtime';
import { AppModule } from './app.module';
import { ORDERS_SERVICE } from './orders.definition';

void bootstrapService(AppModule, ORDERS_SERVICE);
